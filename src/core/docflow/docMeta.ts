// The `meta` root of a doc room: a Y.Map of these fields, edited by whoever holds the pen.
import { CLEARANCE_LEVELS, type Clearance } from '../directory/model'
import { DOC_TYPES, URGENCIES, type DocType, type Urgency } from './docTypes'
import * as z from 'zod'

export const docMetaSchema = z.object({
  title: z.string().max(200),
  docType: z.enum(DOC_TYPES),
  classification: z.enum(CLEARANCE_LEVELS),
  urgency: z.enum(URGENCIES),
  createdBy: z.string(),
  createdAt: z.string(),
})

export interface DocMeta {
  title: string
  docType: DocType
  classification: Clearance
  urgency: Urgency
  createdBy: string
  createdAt: string
}

export const DOC_META_KEYS = ['title', 'docType', 'classification', 'urgency', 'createdBy', 'createdAt'] as const

/** Reads a meta map leniently: a field a peer has not synced yet falls back to its default. */
export function readDocMeta(get: (key: string) => unknown): DocMeta {
  const str = (k: string, d: string): string => {
    const v = get(k)
    return typeof v === 'string' ? v : d
  }
  const docType = str('docType', '通知')
  const classification = str('classification', '非密')
  const urgency = str('urgency', '平件')
  return {
    title: str('title', ''),
    docType: (DOC_TYPES as readonly string[]).includes(docType) ? (docType as DocType) : '通知',
    classification: (CLEARANCE_LEVELS as readonly string[]).includes(classification) ? (classification as Clearance) : '非密',
    urgency: (URGENCIES as readonly string[]).includes(urgency) ? (urgency as Urgency) : '平件',
    createdBy: str('createdBy', ''),
    createdAt: str('createdAt', ''),
  }
}
