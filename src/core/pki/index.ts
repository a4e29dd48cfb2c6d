export * from './certificate'
export { toPem, fromPem } from './der'
