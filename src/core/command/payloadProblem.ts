// A zod error turned into the refusal a user reads: which field (by its Chinese name) and what is
// wrong with it.
import type * as z from 'zod'

export interface PayloadRefusal {
  code: 'bad_field' | 'unknown_field' | 'payload_too_deep' | 'payload_too_large' | 'unknown_command'
  params?: { field: string; problem?: string }
}

export function fieldProblem(error: z.ZodError): PayloadRefusal {
  const issue = error.issues[0]!
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') return { code: 'unknown_field', params: { field: [...path, ...issue.keys].join('.') } }
  const field = path.filter((p) => !/^\d+$/.test(p)).at(-1) ?? ''
  return { code: 'bad_field', params: { field, problem: problemOf(issue) } }
}

function problemOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big': return issue.origin === 'string' ? 'too_long' : issue.origin === 'array' ? 'too_many' : 'too_big'
    case 'too_small': return issue.origin === 'string' && issue.minimum === 1 ? 'missing' : issue.origin === 'array' ? 'too_few' : 'too_small'
    case 'invalid_format': return issue.format === 'date' || issue.format === 'datetime' ? 'not_a_date' : 'bad_format'
    case 'invalid_type': return issue.input === undefined ? 'missing' : 'bad_type'
    case 'invalid_value': return 'not_allowed'
    default: return 'bad_format'
  }
}
