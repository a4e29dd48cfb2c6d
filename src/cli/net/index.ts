// A headless client of the server: the HTTP API and room sessions. Used by the CLI and the
// integration tests.
export * from './ApiClient'
export * from './ApiError'
export * from './RoomSession'
