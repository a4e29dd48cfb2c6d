export * from './deviceKey'
export * from './pinVault'
