export * from './model'
export * from './bookings'
export * from './attendance'
export * from './checkin'
