// zt doc export <id> --pdf <file> [--form <file>] [--offline]: the document laid out per GB/T 9704
// as a PDF (from the canonical content and the flow's facts), and optionally its 处理单.
import { writeFile } from 'node:fs/promises'
import { renditionOf } from '../../core/docflow/rendition'
import { layoutDocument, layoutForm } from '../../core/layout'
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
  const { values, positionals } = parseCommandArgs(args, { pdf: { type: 'string' }, form: { type: 'string' }, offline: { type: 'boolean' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  if (!values.pdf && !values.form) throw new CliError(CLI_MESSAGES.exportWhat, 2)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const doc = await loadRoom(home, profile, room, offline)
  const users = await loadRoom(home, profile, DIRECTORY_ROOM, offline).then(directoryUsers, () => [])
  const name = (id: string): string => users.find((u) => u.id === id)?.name ?? id
  const view = viewOf(doc, users)
  const rendition = renditionOf(view.content, view.state, name)
  // the PDF's date is the document's own, so exporting twice gives the same bytes
  const date = new Date(`${rendition.issueDate ?? view.ctx.createdAt.slice(0, 10)}T00:00:00+08:00`)
  try {
    if (values.pdf) {
      await writeFile(values.pdf, await writePdf(layoutDocument(rendition), { date, author: rendition.content.meta.issuerName }))
      ctx.out(CLI_MESSAGES.exported(values.pdf))
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
