export * from './canonicalJson'
