// The HTTP contract between clients (renderer, CLI, tests) and the server. Every request except
// login and /healthz carries `Authorization: Bearer <token>`. Errors answer
// `{ error: <code>, message: <Chinese text> }` with a 4xx/5xx status.
import * as z from 'zod'
import { deviceIdSchema } from '../pki/deviceId'
import { CLEARANCE_LEVELS } from '../directory/model'

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  roles: z.array(z.string()),
  clearance: z.enum(CLEARANCE_LEVELS),
})
export type SessionUser = z.infer<typeof sessionUserSchema>

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

export const loginResponseSchema = z.object({
  token: z.string(),
  user: sessionUserSchema,
  /** ISO time */
  expiresAt: z.string(),
})
export type LoginResponse = z.infer<typeof loginResponseSchema>

export const ACCESS_LEVELS = ['read', 'write'] as const
export type Access = (typeof ACCESS_LEVELS)[number]

export const roomSummarySchema = z.object({
  room: z.string(),
  owner: z.string(),
  access: z.enum(['owner', ...ACCESS_LEVELS]),
  /** list fields the server keeps from the room's meta, for lists before a room is synced */
  title: z.string(),
  docType: z.string(),
  classification: z.string().default(''),
  urgency: z.string().default(''),
  updatedAt: z.string(),
})
export type RoomSummary = z.infer<typeof roomSummarySchema>

export const roomListSchema = z.object({ rooms: z.array(roomSummarySchema) })

export const createRoomRequestSchema = z.object({
  room: z.string().max(100),
  /** the workflow the document follows: 发文 (default) or 收文 registered by hand */
  kind: z.enum(['outgoing', 'incoming', 'sealrequest']).optional(),
  /** the 密级 it starts at: never above the creator's own clearance */
  classification: z.enum(CLEARANCE_LEVELS).optional(),
})
export type CreateRoomRequest = z.infer<typeof createRoomRequestSchema>

export const memberSchema = z.object({ userId: z.string(), access: z.enum(['owner', ...ACCESS_LEVELS]) })
export const memberListSchema = z.object({ members: z.array(memberSchema) })

/**
 * POST /api/enroll: the device's SM2 public key (04‖x‖y hex), the device's id, and a proof signed
 * with that key (src/core/pki/enrolProof.ts) → an X.509 certificate (PEM).
 */
export const enrollRequestSchema = z.object({ publicKey: z.string().regex(/^04[0-9a-fA-F]{128}$/), device: deviceIdSchema, proof: z.unknown().optional() })
export const enrollResponseSchema = z.object({ certificate: z.string(), root: z.string(), serial: z.string() })
export type EnrollResponse = z.infer<typeof enrollResponseSchema>

export const blobAnswerSchema = z.object({ sm3: z.string().regex(/^[0-9a-f]{64}$/), size: z.number() })

/** POST /api/commands → 200 accepted with the server's sequence number, 422 rejected with a reason. */
export const commandAnswerSchema = z.object({
  status: z.enum(['accepted', 'rejected']),
  id: z.string(),
  seq: z.number().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  /** details of a rejection (who acted first, when…) */
  params: z.record(z.string(), z.string()).optional(),
  /** what the server decided in accepting (e.g. the 发文字号) */
  result: z.record(z.string(), z.unknown()).optional(),
})
export type CommandAnswer = z.infer<typeof commandAnswerSchema>

/** POST /api/admin/revoke (administrators): revokes every certificate of a user. */
export const revokeRequestSchema = z.object({ username: z.string().min(1).max(64) })
export const revokeResponseSchema = z.object({ revoked: z.array(z.string()) })
/** POST /api/admin/unlock and /api/admin/allow-enroll (administrators): a user by username. */
export const usernameRequestSchema = revokeRequestSchema
/** the answer of /api/admin/unlock: whether the account was locked (or had failures counted) */
export const unlockResponseSchema = z.object({ ok: z.literal(true), wasLocked: z.boolean() })
export const allowEnrollResponseSchema = z.object({ ok: z.literal(true) })

/** GET /api/ca/root: the agency root certificate (PEM); needs no sign-in. */
export const caRootSchema = z.object({ root: z.string() })

export const errorResponseSchema = z.object({ error: z.string(), message: z.string() })
export type ErrorResponse = z.infer<typeof errorResponseSchema>

export const API = {
  health: '/healthz',
  login: '/api/login',
  logout: '/api/logout',
  me: '/api/me',
  rooms: '/api/rooms',
  members: (room: string) => `/api/rooms/${encodeURIComponent(room)}/members`,
  enroll: '/api/enroll',
  caRoot: '/api/ca/root',
  commands: '/api/commands',
  /** POST ?room=<room> with the bytes → FileRef-like { sm3, size }; GET /api/blobs/<sm3>?room=<room> */
  blobs: '/api/blobs',
  revoke: '/api/admin/revoke',
  unlock: '/api/admin/unlock',
  allowEnroll: '/api/admin/allow-enroll',
  /** GET: the 正本 PDF of a filed record, for its archivist or a borrower with a loan in force (logged) */
  archiveOriginal: (code: string) => `/api/archive/${encodeURIComponent(code)}/original`,
  /** POST { seal, perforation? } at 用印: the server renders the PDF and OFD a seal will cover → { ofd, pdf, sealData } */
  rendition: (room: string) => `/api/rooms/${encodeURIComponent(room)}/rendition`,
  sync: (room: string) => `/sync/${room}`,
  /** GET, public: the font this server writes PDFs with for each GB/T 9704 face, each with the url of its file */
  fonts: '/app/fonts/',
} as const

const servedFaceSchema = z.object({ label: z.string(), fallback: z.boolean(), postscriptName: z.string().optional(), url: z.string().startsWith('/app/fonts/') })
export const servedFontsSchema = z.object({ faces: z.object({ xiaobiaosong: servedFaceSchema, fangsong: servedFaceSchema, kaiti: servedFaceSchema, heiti: servedFaceSchema, songti: servedFaceSchema }) })
export type ServedFonts = z.infer<typeof servedFontsSchema>

export const renditionRequestSchema = z.object({ seal: z.string().min(1).max(64), perforation: z.boolean().optional() }).strict()
export const renditionAnswerSchema = z.object({ ofd: z.string().regex(/^[0-9a-f]{64}$/), pdf: z.string().regex(/^[0-9a-f]{64}$/), sealData: z.string() })
export type RenditionAnswer = z.infer<typeof renditionAnswerSchema>
