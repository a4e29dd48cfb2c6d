// zt doc export <id> --pdf <file> [--ofd <file>] [--sealed <file>] [--form <file>] [--offline]: the
// document laid out per GB/T 9704 as a PDF and as an OFD (from the canonical content and the
// flow's facts), the sealed package, and optionally its 处理单. A sealed 公文 exports the rendition
// its seal covers (made by the server at 用印), never a new one.
import { writeFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import { renditionOf } from '../../core/docflow/rendition'
import { fromBase64, fromPem } from '../../core/pki/der'
import { CONTENT_ATTACHMENT, PDF_ATTACHMENT, attachmentPath, documentDay, documentOfd, sealOfd } from '../../core/ofd'
import { buildSealedPackage } from '../../core/seal/sealedPackage'
import type { ApiClient } from '../../core/api/ApiClient'
import { apiClient } from '../net/api'
import { layoutDocument, layoutForm } from '../../core/layout'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { nodeFontEmbedder } from '../../pdf/nodeEmbedFonts'
import { writePdf } from '../../pdf/writePdf'
import { MissingFontError } from '../../pdf/fonts'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { directoryUsers, viewOf } from '../docFlow'
import { parseDocId } from '../docOptions'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

interface AppliedSeal { der: string; perforation?: boolean; sealData?: string; rendition?: string }

export async function docExport(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pdf: { type: 'string' }, ofd: { type: 'string' }, form: { type: 'string' }, sealed: { type: 'string' }, offline: { type: 'boolean' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  if (!values.pdf && !values.form && !values.sealed && !values.ofd) throw new CliError(CLI_MESSAGES.exportWhat, 2)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const doc = await loadRoom(home, profile, room, offline)
  const directory = await loadRoom(home, profile, DIRECTORY_ROOM, offline).catch(() => null)
  const users = directory ? directoryUsers(directory) : []
  const name = (id: string): string => users.find((u) => u.id === id)?.name ?? id
  const view = viewOf(doc, users)
  const rendition = renditionOf(view.content, view.state, name, view.original)
  // the document's own date, so exporting twice gives the same bytes
  const day = documentDay(rendition, view.ctx.createdAt)
  const date = new Date(`${day}T00:00:00+08:00`)
  const applied = doc.getArray<AppliedSeal>('signatures').toArray()
  const signatures = applied.map((s) => fromBase64(s.der))
  const request = view.state.kind === 'sealrequest'
  const api = (): ApiClient => {
    if (offline) throw new CliError(CLI_MESSAGES.renditionOffline, 1)
    return apiClient(profile.server, profile.token)
  }

  // a sealed 公文: the unsigned OFD made at 用印 (its attachments are the 原文 and the PDF the seal covers)
  let stored: Record<string, Uint8Array> | undefined
  let unsigned: Uint8Array | undefined
  if (!request && applied.length && (values.pdf || values.ofd || values.sealed)) {
    const ofd = applied[0]!.rendition
    if (!ofd || applied.some((s) => !s.sealData)) {
      if (values.ofd || values.sealed) throw new CliError(CLI_MESSAGES.sealedBeforeRendition, 1)
    } else {
      unsigned = await api().downloadBlob(room, ofd)
      stored = unzipSync(unsigned)
    }
  }
  const pdf = async (): Promise<Uint8Array> => stored?.[attachmentPath(PDF_ATTACHMENT)] ?? writePdf(layoutDocument(rendition), { date, author: rendition.content.meta.issuerName })
  try {
    if (values.pdf) {
      await writeFile(values.pdf, await pdf())
      ctx.out(CLI_MESSAGES.exported(values.pdf))
    }
    if (values.ofd) {
      const bytes = unsigned
        ? sealOfd(unsigned, applied.map((s, i) => ({ sealData: fromBase64(s.sealData!), ses: signatures[i]! })))
        : documentOfd({ rendition, room, createdAt: view.ctx.createdAt, request, embed: await nodeFontEmbedder() })
      await writeFile(values.ofd, bytes)
      ctx.out(CLI_MESSAGES.exported(values.ofd))
    }
    if (values.sealed) {
      if (!signatures.length || !directory) throw new CliError(CLI_MESSAGES.notSealed, 1)
      const certs = [...directory.getMap<{ serial: string; revokedAt?: string }>('certificates').values()]
      // a 用印申请 carries the applicant's PDF, which its seals cover; a 公文 its rendition
      const file = view.content.files[0]
      const content = stored?.[attachmentPath(CONTENT_ATTACHMENT)]
      const zip = buildSealedPackage({
        ...(request ? {} : { canonicalContent: new TextDecoder().decode(content), sealData: applied.map((s) => fromBase64(s.sealData!)) }),
        pdf: request && file ? await api().downloadBlob(room, file.sm3) : await pdf(),
        signatures,
        rootDer: fromPem('CERTIFICATE', String(directory.getMap('ca').get('root') ?? '')),
        revocations: Object.fromEntries(certs.filter((c) => c.revokedAt).map((c) => [c.serial, c.revokedAt!])),
        meta: { room, title: view.content.meta.title, ...(rendition.docNumber ? { docNumber: rendition.docNumber } : {}), exportedAt: ctx.now().toISOString() },
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
        drafterName: name(view.state.drafter),
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
