export * from './commands'
export * from './model'
