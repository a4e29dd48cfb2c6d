export * from './docTypes'
export * from './docMeta'
