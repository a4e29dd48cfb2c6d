export * from './ses'
export * from './verify'
export * from './sealImage'
