// zt doc receipts <id> [--json] [--offline]: the sender's receipt table of a distributed 公文 — one
// line per receiving unit (主送 / 抄送) or person: 已送达, 已签收 or 已退文, with the times and reason.
import { EXCHANGE_ROLE_NAMES, RECEIPT_STATUS_NAMES, readReceipts } from '../../core/docflow/exchange'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { formatDateTime } from '../../core/text/formatDate'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { parseDocId } from '../docOptions'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function docReceipts(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const receipts = readReceipts(await loadRoom(home, profile, room, values.offline === true))
  if (values.json) {
    ctx.out(JSON.stringify(receipts, null, 2))
    return
  }
  if (!receipts.length) {
    ctx.out(CLI_MESSAGES.noReceipts)
    return
  }
  const time = (iso: string | undefined): string => (iso ? formatDateTime(new Date(iso)) : '—')
  const rows = receipts.map((r) => [
    r.name, EXCHANGE_ROLE_NAMES[r.role], RECEIPT_STATUS_NAMES[r.status], time(r.deliveredAt), time(r.receivedAt ?? r.returnedAt),
    r.holderName, r.reason ?? '',
  ])
  ctx.out([CLI_MESSAGES.receiptsHeader, ...rows].map((cols) => cols.join('\t')).join('\n'))
}
