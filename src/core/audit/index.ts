export * from './chain'
