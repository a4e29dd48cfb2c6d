// The 15 文种 of 《党政机关公文处理工作条例》 Art. 8, with the direction each usually travels.
export const DOC_TYPES = [
  '决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知',
  '通报', '报告', '请示', '批复', '议案', '函', '纪要',
] as const
export type DocType = (typeof DOC_TYPES)[number]

/** 上行文 show 签发人; 纪要 carries no seal. */
export const UPWARD_TYPES: ReadonlySet<DocType> = new Set<DocType>(['请示', '报告', '议案'])

export function isDocType(value: string): value is DocType {
  return (DOC_TYPES as readonly string[]).includes(value)
}

/** 紧急程度 (GB/T 9704 §7.2.4): none, 加急 or 特急. */
export const URGENCIES = ['平件', '加急', '特急'] as const
export type Urgency = (typeof URGENCIES)[number]
