// WebSocket close codes of a room socket, and its subprotocol. 4400–4499 tell the y-websocket client
// not to reconnect.
/**
 * The subprotocol a client offers beside its session token (Sec-WebSocket-Protocol: zt-sync, <token>),
 * so the token never appears in a URL; the server echoes zt-sync. The stock y-websocket client may
 * still put it in the query (?token=…).
 */
export const SYNC_PROTOCOL = 'zt-sync'

/** the session is unknown or has ended (logout, expiry, idle, revocation) */
export const CLOSE_UNAUTHENTICATED = 4401
export const CLOSE_FORBIDDEN = 4403
export const CLOSE_NO_ROOM = 4404
export const CLOSE_TOO_LARGE = 4413
export const CLOSE_RATE_LIMITED = 4429
/** 4500–4599: transient, the client retries. */
export const CLOSE_SERVER_BUSY = 4503
/** the server's disk is full: the update was not saved; the client keeps it and retries */
export const CLOSE_STORAGE_FULL = 4507
