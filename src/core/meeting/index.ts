export * from './model'
export * from './bookings'
export * from './attendance'
