// The screen watermark (ARCHITECTURE.md §4) on every document, record and 正本 view: who is
// looking, their unit, and when — so a photographed screen names its reader.
import { formatDateTime } from '../text/formatDate'

export function watermarkLines(name: string, unit: string, now: Date): [string, string] {
  return [`${name} · ${unit}`, formatDateTime(now)]
}

export const watermarkText = (name: string, unit: string, now: Date): string => watermarkLines(name, unit, now).join(' · ')
