export * from './model'
export * from './search'
