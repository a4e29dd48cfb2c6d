export * from './docTypes'
export * from './docMeta'
export * from './body'
