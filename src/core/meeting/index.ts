export * from './model'
export * from './bookings'
