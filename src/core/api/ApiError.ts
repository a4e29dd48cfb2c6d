// A failed API call, carrying the server's error code and its Chinese message (or `network` when
// the server could not be reached at all).
import { errorMessage } from '../messages/errors'

export class ApiError extends Error {
  constructor(
    /** code from src/core/messages/errors.ts, e.g. bad_credentials, forbidden, network */
    readonly code: string,
    /** HTTP status, 0 when there was no answer */
    readonly status: number,
    message: string = errorMessage(code),
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** no answer at all: the caller keeps the work queued */
  get isNetwork(): boolean {
    return this.status === 0
  }
}
