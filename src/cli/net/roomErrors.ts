// How a room session fails, apart from the session itself: the command line reports these
// without loading the sync client.
/** The server closed the socket for good (close codes 4400–4499: refused, forbidden, no room…). */
export class RoomClosedError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`room closed by server: ${code} ${reason}`)
    this.name = 'RoomClosedError'
  }
}

export class RoomTimeoutError extends Error {
  constructor(readonly waitingFor: 'synced' | 'persisted') {
    super(`timed out waiting until ${waitingFor}`)
    this.name = 'RoomTimeoutError'
  }
}
