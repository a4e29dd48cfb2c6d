// 四性检测 (DA/T 70-2018): authenticity, completeness, usability and safety of one package, item by
// item, each with its code (GD-1-1 … at 归档, YJ-… at 移交与接收), name, result and reason. A
// check that cannot run here (a malware scan with no scanner) is reported 未执行, never passed.
import { fromUtf8, toHex } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import type { Certificate } from '../pki/certificate'
import { parseSignature } from '../seal/ses'
import { DOC_TYPES } from '../docflow/docTypes'
import { formatArchivalCode, itemContinuity, parseArchivalCode, RETENTION_NAMES, seriesOf } from './archivalCode'
import { readEep, text, node, type XmlNode } from './eepRead'
import { validateEep } from './eepSchema'
import { fixityProblems, processProblems } from './fixityChecks'
import { agencyDay } from '../text/formatDate'
import { ACCEPTED_FORMATS, DOCUMENT_FORMATS, detectFormat, pdfFacts } from './fileFormats'
import { FILE_NAMES } from './recordFiles'

export type ItemResult = 'pass' | 'fail' | 'not_run'
export type Stage = 'GD' | 'YJ'

export interface CheckItem {
  code: string
  name: string
  result: ItemResult
  reason: string
}

export interface CheckReport {
  archivalCode: string
  stage: Stage
  ok: boolean
  checkedAt: string
  /** SM3 of the package bytes checked */
  packageSm3: string
  items: CheckItem[]
}

export interface CatalogueLine {
  code: string
  recordId: string
}

export interface CheckContext {
  now: Date
  stage?: Stage
  /** the catalogue (without this package) for 重复性 and 连续性 */
  catalogue?: readonly CatalogueLine[]
  /** SM3 of the package as recorded when it was filed (GD-1-14) */
  recordedSm3?: string
  /** the archive's own copy of the agency root; a package's root must match it */
  trustedRoot?: Certificate
  /** may this user file records (an archivist)? */
  isArchivist?: (userId: string) => boolean
  /** the filer, when checking before the archivist has signed (at filing) */
  filer?: string
  /** a scan by the caller (core cannot run a scanner) */
  malware?: { ran: true; clean: boolean; detail: string } | { ran: false; reason: string }
}

export const ITEM_NAMES: Record<string, string> = {
  '1-1': '固化信息有效性检测',
  '1-2': '元数据项数据长度检测',
  '1-3': '元数据项数据类型、格式检测',
  '1-4': '设定值域的元数据项值域符合度检测',
  '1-5': '元数据项数据值合理性检测',
  '1-6': '元数据项数据包含特殊字符检测',
  '1-7': '档号规范性检测',
  '1-8': '元数据项数据重复性检测',
  '1-10': '内容数据的电子属性一致性检测',
  '1-11': '元数据与内容关联一致性检测',
  '1-14': '归档信息包一致性检测',
  '2-1': '总件数相符性检测',
  '2-2': '总字节数相符性检测',
  '2-3': '元数据项完整性检测',
  '2-4': '元数据必填著录项目检测',
  '2-5': '过程信息完整性检测',
  '2-6': '连续性元数据项检测',
  '2-7': '内容数据完整性检测',
  '2-10': '信息包元数据完整性检测',
  '2-11': '信息包内容数据完整性检测',
  '3-1': '信息包中元数据的可读性检测',
  '3-3': '内容数据格式检测',
  '3-4': '内容数据的可读性检测',
  '3-8': '内容数据格式长期可用性检测',
  '4-2': '病毒检测',
  '4-7': '归档过程安全性检测',
}

const MANDATORY: [string, string][] = [
  ['全宗名称', '来源/全宗名称'], ['立档单位名称', '来源/立档单位名称'], ['电子文件号', '电子文件号'], ['档号', '档号/档号'],
  ['题名', '内容描述/题名'], ['责任者', '内容描述/责任者'], ['日期', '内容描述/日期'], ['文种', '内容描述/文种'], ['密级', '内容描述/密级'],
  ['保管期限', '档号/保管期限'], ['件数', '形式特征/件数'], ['页数', '形式特征/页数'],
]

const LIMITS: [string, number][] = [['内容描述/题名', 500], ['内容描述/责任者', 200], ['内容描述/文件编号', 100], ['内容描述/主送', 500], ['内容描述/抄送', 500], ['档号/档号', 50], ['附注', 2000], ['内容描述/关键词', 200]]

const at = (entity: XmlNode, path: string): string => {
  let cur: XmlNode = entity
  const parts = path.split('/')
  for (const p of parts.slice(0, -1)) cur = node(cur[p])
  return text(cur[parts[parts.length - 1]!])
}

function isDate8(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false
  const d = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10).replace(/-/g, '') === s
}
const isIso = (s: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
// control characters other than tab/newline, and the replacement character left by bad decoding
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/

/** Runs every applicable item over `pkg` (the package's bytes). */
export function checkPackage(pkg: Uint8Array, ctx: CheckContext): CheckReport {
  const stage = ctx.stage ?? 'GD'
  const items: CheckItem[] = []
  const put = (code: string, result: ItemResult, reason: string): void => {
    items.push({ code: `${stage}-${code}`, name: ITEM_NAMES[code]!, result, reason })
  }
  const verdict = (code: string, problems: string[], passReason: string): void => put(code, problems.length ? 'fail' : 'pass', problems.length ? problems.slice(0, 5).join('；') + (problems.length > 5 ? `；等 ${problems.length} 项` : '') : passReason)
  const packageSm3 = toHex(sm3(pkg))
  const finish = (archivalCode: string): CheckReport => {
    const order = Object.keys(ITEM_NAMES)
    items.sort((a, b) => order.indexOf(a.code.slice(3)) - order.indexOf(b.code.slice(3)))
    return { archivalCode, stage, ok: !items.some((i) => i.result === 'fail'), checkedAt: ctx.now.toISOString(), packageSm3, items }
  }

  // 可用性 first: a package that does not parse cannot be judged further
  let xml: string
  try {
    xml = fromUtf8(pkg)
  } catch {
    put('3-1', 'fail', '信息包不是有效的 UTF-8 文本')
    return notRunAfter(items, put, finish)
  }
  const read = readEep(xml)
  if (!read.ok) {
    put('3-1', 'fail', read.stage === 'xml' ? `XML 格式错误：${read.message}` : read.message)
    return notRunAfter(items, put, finish)
  }
  const eep = read.eep
  const schema = validateEep(eep.root)
  verdict('3-1', schema.map((s) => `${s.path}：${s.message}`), 'XML 格式正确，符合 DA/T 48 封装结构')

  const e = eep.entity
  const code = at(e, '档号/档号')
  const parsedCode = parseArchivalCode(code)
  const files = new Map(eep.carried.map((f) => [f.name, f]))
  const bytesOf = (name: string): Uint8Array | null => files.get(name)?.bytes ?? null
  // each file's format and PDF facts are worked out once (a PDF is read whole for them)
  const formatOf = once(detectFormat)
  const factsOf = once(pdfFacts)

  // ── 真实性
  const fixity = fixityProblems(eep, ctx, bytesOf)
  verdict('1-1', fixity.problems, fixity.pass)

  const lengthProblems = LIMITS.filter(([p, max]) => at(e, p).length > max).map(([p, max]) => `${p} 超过 ${max} 字`)
  verdict('1-2', lengthProblems, '各元数据项长度在规定范围内')

  const typeProblems: string[] = []
  if (!isDate8(at(e, '内容描述/日期'))) typeProblems.push(`日期“${at(e, '内容描述/日期')}”不是 YYYYMMDD`)
  if (!/^\d{4}$/.test(at(e, '档号/年度'))) typeProblems.push('年度不是四位数字')
  for (const p of ['形式特征/件数', '形式特征/页数']) if (!/^[1-9]\d*$/.test(at(e, p))) typeProblems.push(`${p} 不是正整数`)
  if (!isIso(eep.createdAt)) typeProblems.push('封装包创建时间格式不正确')
  for (const c of eep.listed) if (!/^\d+$/.test(c.size)) typeProblems.push(`${c.name} 的计算机文件大小不是整数`)
  for (const b of eep.business) if (!isIso(b.at)) typeProblems.push(`业务行为 ${b.id} 的行为时间格式不正确`)
  verdict('1-3', typeProblems, '数据类型和格式正确')

  const rangeProblems: string[] = []
  if (!Object.values(RETENTION_NAMES).includes(at(e, '档号/保管期限') as never)) rangeProblems.push(`保管期限“${at(e, '档号/保管期限')}”不在值域内`)
  if (!['非密', '秘密', '机密', '绝密'].includes(at(e, '内容描述/密级'))) rangeProblems.push(`密级“${at(e, '内容描述/密级')}”不在值域内`)
  if (!(DOC_TYPES as readonly string[]).includes(at(e, '内容描述/文种'))) rangeProblems.push(`文种“${at(e, '内容描述/文种')}”不是法定文种`)
  if (!['', '平件', '加急', '特急'].includes(at(e, '内容描述/紧急程度'))) rangeProblems.push('紧急程度不在值域内')
  if (text(e['聚合层次']) !== '件') rangeProblems.push('聚合层次应为“件”')
  if (at(e, '档号/门类代码') !== 'WS') rangeProblems.push('门类代码应为 WS')
  if (at(e, '形式特征/语种') !== '汉语') rangeProblems.push('语种不在值域内')
  for (const a of eep.agents) if (a.type !== '单位' && a.type !== '个人') rangeProblems.push(`机构人员类型“${a.type}”不在值域内`)
  verdict('1-4', rangeProblems, '值域符合要求')

  const reasonProblems: string[] = []
  if (parsedCode && at(e, '内容描述/日期').slice(0, 4) !== String(parsedCode.year)) reasonProblems.push('年度与文件日期不符')
  if (isIso(eep.createdAt) && isDate8(at(e, '内容描述/日期')) && agencyDay(new Date(eep.createdAt)).replace(/-/g, '') < at(e, '内容描述/日期')) reasonProblems.push('封装时间早于文件日期')
  if (at(e, '形式特征/件数') !== '1') reasonProblems.push('按件归档，件数应为 1')
  verdict('1-5', reasonProblems, '数据值合理')

  const special: string[] = []
  const scan = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (path.endsWith('编码数据')) return
      if (SPECIAL.test(v)) special.push(`${path} 含有非法字符`)
    } else if (Array.isArray(v)) v.forEach((x, i) => scan(x, `${path}[${i + 1}]`))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) scan(x, `${path}/${k}`)
  }
  scan(e, '文件实体')
  verdict('1-6', special, '未发现特殊字符')

  const codeProblems: string[] = []
  if (!parsedCode) codeProblems.push(`档号“${code}”不符合 全宗号-WS·年度-期限-机构-件号 的规则`)
  else {
    if (at(e, '档号/全宗号') !== parsedCode.fonds) codeProblems.push('全宗号与档号不符')
    if (at(e, '档号/年度') !== String(parsedCode.year)) codeProblems.push('年度与档号不符')
    if (at(e, '档号/保管期限') !== RETENTION_NAMES[parsedCode.retention]) codeProblems.push('保管期限与档号不符')
    if (at(e, '档号/机构或问题') !== parsedCode.org) codeProblems.push('机构或问题与档号不符')
    if (at(e, '档号/件号') !== String(parsedCode.item).padStart(4, '0')) codeProblems.push('件号与档号不符')
  }
  verdict('1-7', codeProblems, `档号 ${code} 规范`)

  if (!ctx.catalogue) put('1-8', 'not_run', '未提供档案目录')
  else {
    const recordId = text(e['电子文件号'])
    const dup = ctx.catalogue.filter((c) => c.code === code || c.recordId === recordId)
    verdict('1-8', dup.map((d) => (d.code === code ? `档号 ${code} 已被另一份文件使用` : `该文件已以档号 ${d.code} 归档`)), '档号与电子文件号在目录中唯一')
  }

  // content vs its recorded attributes
  const attrProblems: string[] = []
  for (const f of eep.carried) {
    const c = eep.listed.find((l) => l.id === f.id)
    if (!c || !f.bytes) continue
    if (c.name !== f.name) attrProblems.push(`${f.id} 的文件名与著录不符`)
    if (String(f.bytes.length) !== c.size || f.declaredSize !== c.size) attrProblems.push(`${f.name} 的大小（${f.bytes.length} 字节）与著录（${c.size}）不符`)
    if (toHex(sm3(f.bytes)) !== c.sm3) attrProblems.push(`${f.name} 的 SM3 杂凑值与著录不符`)
    const detected = formatOf(f.bytes)
    if (detected !== c.format && !(c.format === 'TXT' && detected === 'JSON')) attrProblems.push(`${f.name} 实为 ${detected}，著录为 ${c.format}`)
  }
  verdict('1-10', attrProblems, '内容数据与其电子属性一致')

  const linkProblems: string[] = []
  const content = bytesOf(FILE_NAMES.content)
  if (content) {
    try {
      const meta = (JSON.parse(fromUtf8(content)) as { meta?: { title?: string } }).meta
      if (meta?.title !== at(e, '内容描述/题名')) linkProblems.push('题名与定稿不一致')
    } catch {
      linkProblems.push('定稿无法读取')
    }
  }
  const original = bytesOf(FILE_NAMES.original)
  if (original) {
    const facts = factsOf(original)
    if (facts.opens && String(facts.pages) !== at(e, '形式特征/页数')) linkProblems.push(`页数著录为 ${at(e, '形式特征/页数')}，正本实有 ${facts.pages} 页`)
  }
  for (const s of e['电子签名'] ? (node(e['电子签名'])['签名'] as XmlNode[] | undefined) ?? [] : []) {
    const id = text(s['@文档标识符'])
    if (!eep.carried.some((f) => f.id === id)) linkProblems.push(`电子签名指向的文档 ${id} 不存在`)
  }
  verdict('1-11', linkProblems, '元数据与内容对应')

  if (ctx.recordedSm3) verdict('1-14', ctx.recordedSm3 === packageSm3 ? [] : ['信息包与归档时记录的 SM3 杂凑值不符，归档后被改动'], `与归档时记录的杂凑值一致（${packageSm3.slice(0, 16)}…）`)
  else put('1-14', 'pass', `归档时计算并记录信息包杂凑值（SM3 ${packageSm3.slice(0, 16)}…）`)

  // ── 完整性
  verdict('2-1', eep.listed.length === eep.carried.length ? [] : [`著录 ${eep.listed.length} 个组件，封装 ${eep.carried.length} 个文档`], `组件数相符（${eep.carried.length}）`)
  const listedBytes = eep.listed.reduce((n, c) => n + (Number(c.size) || 0), 0)
  const carriedBytes = eep.carried.reduce((n, f) => n + (f.bytes?.length ?? 0), 0)
  verdict('2-2', listedBytes === carriedBytes ? [] : [`著录总字节数 ${listedBytes}，实际 ${carriedBytes}`], `总字节数相符（${carriedBytes}）`)
  verdict('2-3', schema.filter((s) => s.message === '缺少必备元素').map((s) => `缺少 ${s.path.split('/').slice(-2).join('/')}`), '元数据项齐全（DA/T 46）')
  verdict('2-4', MANDATORY.filter(([, p]) => !at(e, p).trim()).map(([n]) => `必填项“${n}”为空`), '必填著录项目均已著录')
  verdict('2-5', processProblems(eep, bytesOf(FILE_NAMES.log)), `过程信息完整（${eep.business.length} 个业务行为）`)
  if (!ctx.catalogue || !parsedCode) put('2-6', 'not_run', ctx.catalogue ? '档号无法解析' : '未提供档案目录')
  else {
    const series = seriesOf(parsedCode)
    const gaps = itemContinuity([...ctx.catalogue.map((c) => c.code), code]).find((s) => s.series === series)!
    verdict('2-6', [
      ...(gaps.missing.length ? [`${series} 缺少件号 ${gaps.missing.map((n) => String(n).padStart(4, '0')).join('、')}`] : []),
      ...(gaps.duplicated.length ? [`${series} 件号 ${gaps.duplicated.map((n) => String(n).padStart(4, '0')).join('、')} 重复`] : []),
    ], `${series} 件号从 0001 起连续`)
  }
  const roles = new Set(eep.listed.map((c) => c.role))
  const missingRoles = (['正本', '定稿', '处理单', '过程记录', '证书'] as const).filter((r) => !roles.has(r))
  verdict('2-7', [
    ...missingRoles.map((r) => `缺少${r}`),
    ...eep.carried.filter((f) => !f.bytes || f.bytes.length === 0).map((f) => `${f.name || f.id} 内容为空或无法解码`),
  ], '正本、定稿、处理单、过程记录和证书齐全')
  const pkgProblems: string[] = []
  const root = node(eep.root['电子文件封装包'])
  if (!text(root['封装包格式描述']).includes('DA/T 48')) pkgProblems.push('封装包格式描述不正确')
  if (text(root['版本']) !== '2009') pkgProblems.push('版本应为 2009')
  if (eep.type !== '原始型' && eep.type !== '修改型') pkgProblems.push('封装包类型应为原始型或修改型')
  if (!eep.creator.trim()) pkgProblems.push('缺少封装包创建单位')
  if (!ctx.filer && eep.signatures.length === 0) pkgProblems.push('缺少电子签名块')
  if (eep.type === '修改型' && !eep.previous) pkgProblems.push('修改型封装包缺少原封装包')
  verdict('2-10', pkgProblems, '信息包元数据完整（DA/T 48 附录 C）')
  const listedIds = new Set(eep.listed.map((c) => c.id))
  const carriedIds = new Set(eep.carried.map((f) => f.id))
  verdict('2-11', [
    ...eep.listed.filter((c) => !carriedIds.has(c.id)).map((c) => `著录的 ${c.name} 不在包中`),
    ...eep.carried.filter((f) => !listedIds.has(f.id)).map((f) => `包中的 ${f.name || f.id} 未著录`),
  ], '包中文件与著录一一对应')

  // ── 可用性
  const formatProblems: string[] = []
  for (const f of eep.carried) {
    if (!f.bytes) continue
    const detected = formatOf(f.bytes)
    const listed = eep.listed.find((c) => c.id === f.id)
    if ((listed?.role === '正本' || listed?.role === '处理单') && !DOCUMENT_FORMATS.has(detected)) formatProblems.push(`${f.name} 为 ${detected}，正本和处理单须为 PDF 或 OFD`)
    else if (!ACCEPTED_FORMATS.has(detected)) formatProblems.push(`${f.name} 的格式 ${detected} 不适合长期保存`)
  }
  verdict('3-3', formatProblems, '内容数据格式符合要求')
  const readable: string[] = []
  for (const f of eep.carried) {
    if (!f.bytes) continue
    const detected = formatOf(f.bytes)
    if (detected === 'PDF') {
      const facts = factsOf(f.bytes)
      if (!facts.opens) readable.push(`${f.name}：${facts.problem}`)
    } else if (f.name.endsWith('.json') && detected !== 'JSON') readable.push(`${f.name} 无法解析`)
    else if (f.name.endsWith('.ses')) {
      try {
        parseSignature(f.bytes)
      } catch {
        readable.push(`${f.name} 无法解析`)
      }
    }
  }
  verdict('3-4', readable, '内容数据均可打开')
  const longTerm: string[] = []
  for (const f of eep.carried) {
    if (!f.bytes) continue
    const detected = formatOf(f.bytes)
    if (['ZIP', 'RAR', '7Z', 'GZIP'].includes(detected)) longTerm.push(`${f.name} 为压缩包（${detected}）`)
    if (detected === 'PDF' && factsOf(f.bytes).encrypted) longTerm.push(`${f.name} 已加密`)
    if (detected === 'EXE') longTerm.push(`${f.name} 为可执行文件`)
    if (f.encoding !== 'base64') longTerm.push(`${f.name} 使用了非标准编码“${f.encoding}”`)
  }
  verdict('3-8', longTerm, '无加密、无私有压缩、无禁用格式')

  // ── 安全性
  const malware = ctx.malware ?? { ran: false, reason: '本机未安装病毒扫描程序' }
  if (!malware.ran) put('4-2', 'not_run', `未执行：${malware.reason}`)
  else put('4-2', malware.clean ? 'pass' : 'fail', malware.detail)
  const filer = ctx.filer ?? eep.signatures[0]?.signer
  if (!ctx.isArchivist) put('4-7', 'not_run', '未提供档案员名单')
  else verdict('4-7', filer && ctx.isArchivist(filer) ? [] : [`归档人 ${filer ?? '（无）'} 不是授权档案员`], `由授权档案员 ${filer} 归档`)

  return finish(parsedCode ? formatArchivalCode(parsedCode) : code)
}

/** `f`, remembering its answer per argument. */
function once<K extends object, V>(f: (k: K) => V): (k: K) => V {
  const known = new WeakMap<K, V>()
  return (k) => {
    if (!known.has(k)) known.set(k, f(k))
    return known.get(k)!
  }
}

function notRunAfter(items: CheckItem[], put: (code: string, r: ItemResult, reason: string) => void, finish: (code: string) => CheckReport): CheckReport {
  for (const code of Object.keys(ITEM_NAMES)) if (!items.some((i) => i.code.endsWith(`-${code}`))) put(code, 'not_run', '未执行：信息包无法读取')
  return finish('')
}
