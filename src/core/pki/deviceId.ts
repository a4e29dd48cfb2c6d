// A device's name for itself, apart from the proof of possession: the API contract names it
// without loading the command envelope and its SM2 code (`zt whoami` starts without them).
import * as z from 'zod'

/** a device's name for itself: random, made once per installation (CLI profile, desktop profile) */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9._-]{8,64}$/)
