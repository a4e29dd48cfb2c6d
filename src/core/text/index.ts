export * from './foldScript'
export * from './formatDate'
