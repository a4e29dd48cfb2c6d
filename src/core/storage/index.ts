export * from './types'
export * from './visibleRooms'
