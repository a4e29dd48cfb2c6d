// What the page shows beyond the canonical content: the flow's facts (文号, 签发人, 成文日期 = the
// date of the last sign-off, 印发日期 = the 用印/分发 date), from the reduced state.
import type { DocContent, Rendition } from './content'
import type { FlowState } from './flow'
import { agencyDay } from '../text/formatDate'
import type { OriginalFacts } from './exchange'

/** YYYY-MM-DD in the agency's time zone (UTC+8). */
export function cstDate(iso: string): string {
  return agencyDay(new Date(iso))
}

/**
 * The rendition of a document: from its own flow, or, for a copy received by 分发, from the 正本's
 * facts, so the recipient sees the sender's 版式 (文号, 签发人, 成文日期) exactly.
 */
export function renditionOf(content: DocContent, state: FlowState, name: (userId: string) => string, original?: OriginalFacts | null): Rendition {
  if (original) {
    return {
      content,
      ...(original.docNumber ? { docNumber: original.docNumber } : {}),
      signers: [...original.signers],
      ...(original.issueDate ? { issueDate: original.issueDate } : {}),
      ...(original.printDate ? { printDate: original.printDate } : {}),
    }
  }
  const lastSignoff = state.signoffs[state.signoffs.length - 1]
  const printed = [...state.records].reverse().find((r) => r.action === 'seal' || r.action === 'distribute' || r.action === 'number')
  return {
    content,
    ...(state.docNumber ? { docNumber: state.docNumber } : {}),
    signers: [...new Set(state.signoffs.map((s) => name(s.user)))],
    ...(lastSignoff ? { issueDate: cstDate(lastSignoff.at) } : {}),
    ...(printed && state.docNumber ? { printDate: cstDate(printed.at) } : {}),
  }
}
