export * from './envelope'
export * from './registry'
export type { PayloadRefusal } from './payloadProblem'
