// A headless client of the server: the HTTP API (one client in core, shared with the desktop) and
// room sessions. Used by the CLI and the integration tests.
export * from '../../core/api/ApiClient'
export * from '../../core/api/ApiError'
export * from './RoomSession'
