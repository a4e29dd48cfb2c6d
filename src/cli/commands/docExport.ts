// zt doc export <id> --pdf <file> [--form <file>] [--offline]: the document laid out per GB/T 9704
// as a PDF (from the canonical content and the flow's facts), and optionally its 处理单.
import { writeFile } from 'node:fs/promises'
import { renditionOf } from '../../core/docflow/rendition'
import { canonicalContent } from '../../core/docflow/content'
import { fromBase64, fromPem } from '../../core/pki/der'
import { parseSignature } from '../../core/seal/ses'
import { buildSealedPackage } from '../../core/seal/sealedPackage'
import { ApiClient } from '../net/ApiClient'
import { layoutDocument, layoutForm, sealPictureOf } from '../../core/layout'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { writePdf } from '../../pdf/writePdf'
import { MissingFontError } from '../../pdf/fonts'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { directoryUsers, viewOf } from '../docFlow'
import { parseDocId } from '../docOptions'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function docExport(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pdf: { type: 'string' }, form: { type: 'string' }, sealed: { type: 'string' }, offline: { type: 'boolean' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  if (!values.pdf && !values.form && !values.sealed) throw new CliError(CLI_MESSAGES.exportWhat, 2)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const doc = await loadRoom(home, profile, room, offline)
  const directory = await loadRoom(home, profile, DIRECTORY_ROOM, offline).catch(() => null)
  const users = directory ? directoryUsers(directory) : []
  const name = (id: string): string => users.find((u) => u.id === id)?.name ?? id
  const view = viewOf(doc, users)
  const rendition = renditionOf(view.content, view.state, name)
  // the PDF's date is the document's own, so exporting twice gives the same bytes
  const date = new Date(`${rendition.issueDate ?? view.ctx.createdAt.slice(0, 10)}T00:00:00+08:00`)
  // electronic seals applied at 用印: drawn over the 署名, and the PDF records the hash they cover
  const applied = doc.getArray<{ der: string; perforation?: boolean }>('signatures').toArray()
  const signatures = applied.map((s) => fromBase64(s.der))
  const seals = signatures.map((der) => parseSignature(der).seal.info.picture).map(sealPictureOf)
  const perforation = seals[applied.findIndex((s) => s.perforation)]
  const hash = signatures.length ? view.state.approvedHash : undefined
  const pdf = (): Promise<Uint8Array> => writePdf(layoutDocument(rendition, { seals, ...(perforation ? { perforation } : {}) }), { date, author: rendition.content.meta.issuerName, ...(hash ? { contentHash: hash } : {}) })
  try {
    if (values.pdf) {
      await writeFile(values.pdf, await pdf())
      ctx.out(CLI_MESSAGES.exported(values.pdf))
    }
    if (values.sealed) {
      if (!signatures.length || !directory) throw new CliError(CLI_MESSAGES.notSealed, 1)
      const certs = [...directory.getMap<{ serial: string; revokedAt?: string }>('certificates').values()]
      // a 用印申请 carries the applicant's PDF, which its seals cover; a 公文 its rendition
      const request = view.state.kind === 'sealrequest'
      const file = view.content.files[0]
      const zip = buildSealedPackage({
        ...(request ? {} : { canonicalContent: canonicalContent(view.content) }),
        pdf: request && file ? await new ApiClient(profile.server, profile.token).downloadBlob(room, file.sm3) : await pdf(),
        signatures,
        rootDer: fromPem('CERTIFICATE', String(directory.getMap('ca').get('root') ?? '')),
        revocations: Object.fromEntries(certs.filter((c) => c.revokedAt).map((c) => [c.serial, c.revokedAt!])),
        meta: { room, title: view.content.meta.title, ...(view.state.docNumber ? { docNumber: view.state.docNumber } : {}), exportedAt: ctx.now().toISOString() },
      })
      await writeFile(values.sealed, zip)
      ctx.out(CLI_MESSAGES.exported(values.sealed))
    }
    if (values.form) {
      const form = layoutForm({
        kind: view.state.kind,
        title: view.content.meta.title,
        ...(view.state.docNumber ? { docNumber: view.state.docNumber } : {}),
        classification: view.content.meta.classification,
        urgency: view.content.meta.urgency,
        drafterName: name(view.ctx.drafter),
        createdAt: view.ctx.createdAt,
        records: view.state.records,
        name,
      })
      await writeFile(values.form, await writePdf(form, { date }))
      ctx.out(CLI_MESSAGES.exported(values.form))
    }
  } catch (e) {
    if (e instanceof MissingFontError) throw new CliError(e.message, 1)
    throw e
  }
}
