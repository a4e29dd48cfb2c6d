// Every user-visible string lives under this folder, by audience: errors (server, CLI, UI),
// ui (the renderer), cli (the zt command).
export * from './errors'
export * from './ui'
export * from './cli'
export * from './fields'
export * from './seal'
export * from './server'
