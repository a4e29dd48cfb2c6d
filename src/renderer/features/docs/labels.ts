import { formatDateTime } from '../../../core/text/formatDate'

export function shortTime(iso: string): string {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '' : formatDateTime(new Date(t))
}
