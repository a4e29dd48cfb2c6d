// A document's seals: every SES_Signature applied at 用印, verified here and now (offline) against
// the directory's root and revocations and the content as it currently stands.
import { Empty } from 'antd'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { contentHash, type DocView } from '../../../core/docflow'
import { fromHex } from '../../../core/crypto/bytes'
import { fromBase64 } from '../../../core/pki/der'
import { sealDataCoversContent, verifySealedSignature, withDataHashFailure } from '../../../core/seal'
import { sm3 } from '../../../core/crypto/sm3'
import { UI } from '../../../core/messages/ui'
import { useDocValue, useTrust } from '../../sync/hooks'
import { VerifySteps } from './VerifySteps'

export interface AppliedSeal {
  seq: number
  by: string
  at: string
  der: string
  esID: string
  perforation?: boolean
  /** a 公文's seal: the seal data it signed (Signature.xml, base64) and the stored rendition (unsigned OFD) */
  sealData?: string
  rendition?: string
}

const readApplied = (doc: Y.Doc): AppliedSeal[] => doc.getArray<AppliedSeal>('signatures').toArray()
const NONE_APPLIED: AppliedSeal[] = []

/** The seals applied to a document at 用印 (none until its room has loaded). */
export function useAppliedSeals(doc: Y.Doc | null | undefined): AppliedSeal[] {
  return useDocValue(doc, readApplied, NONE_APPLIED)
}

export function SealPanel({ doc, view }: { doc: Y.Doc; view: DocView }): React.JSX.Element {
  const applied = useAppliedSeals(doc)
  const trust = useTrust()
  const reports = useMemo(() => {
    const root = trust?.root
    if (!root) return null
    // what the seals must cover now: a 用印申请's PDF, or a 公文's seal data listing its content as it is now
    if (view.state.kind === 'sealrequest') {
      const expectedHash = fromHex(view.content.files[0]?.sm3 ?? '')
      return applied.map((a) => verifySealedSignature(fromBase64(a.der), { root, revokedAt: trust.revokedAt, expectedHash }))
    }
    const current = contentHash(view.content)
    return applied.map((a) => {
      const sealData = fromBase64(a.sealData ?? '')
      const report = verifySealedSignature(fromBase64(a.der), { root, revokedAt: trust.revokedAt, expectedHash: sm3(sealData) })
      if (!report.signature || !report.steps.find((s) => s.id === 'dataHash')?.ok) return report
      return sealDataCoversContent(sealData, current) ? report : withDataHashFailure(report, UI.seal.contentChanged)
    })
  }, [applied, trust, view.content, view.state.kind])
  if (!applied.length) return <Empty description={UI.seal.none} />
  if (!reports) return <Empty description={UI.seal.noTrust} />
  return <div data-testid="seal-panel">{reports.map((r, i) => <VerifySteps key={applied[i]!.seq} report={r} />)}</div>
}
