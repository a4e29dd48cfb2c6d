// The fixity side of 四性检测: does every signature in a package still hold — the archivist's over
// 被签名对象 (and, in a 修改型 package, the 锁定签名 over the one before), each seal over the 定稿,
// each action in the event log — and does the workflow record match that log.
import { commandSchema, verifyCommandSignature, type Command } from '../command/envelope'
import { fromUtf8, toHex, utf8 } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { fromBase64, fromPem } from '../pki/der'
import { isWithinValidity, parseCertificate, verifyCertificateSignature, type Certificate } from '../pki/certificate'
import { pdfContentHash } from '../seal/sealedPackage'
import { verifySealedSignature, type TrustContext } from '../seal/verify'
import { coverageProblem } from '../seal/coverage'
import { sealDataCoversContent } from '../seal/sealData'
import { unzipEntries } from '../ofd/zip'
import { SEAL_MESSAGES } from '../messages/seal'
import { readEep, text, node, type ParsedEep } from './eepRead'
import { CERTS_FORMAT, EVENT_LOG_FORMAT, FILE_NAMES, type CertsFile, type EventLogFile } from './recordFiles'
import type { EepSignature } from './eepModel'

export interface FixityContext {
  trustedRoot?: Certificate
  /** set before the archivist has signed (at filing): the package signature is not judged yet */
  filer?: string
}

function parseJson<T>(bytes: Uint8Array | null): T | null {
  if (!bytes) return null
  try {
    return JSON.parse(fromUtf8(bytes)) as T
  } catch {
    return null
  }
}

/** GD-1-1 固化信息有效性: every problem found, and what to say when there is none. */
export function fixityProblems(eep: ParsedEep, ctx: FixityContext, bytesOf: (name: string) => Uint8Array | null): { problems: string[]; pass: string } {
  const problems: string[] = []
  const certs = parseJson<CertsFile>(bytesOf(FILE_NAMES.certs))
  let root: Certificate | null = null
  const certOf = new Map<string, { cert: Certificate; revokedAt?: string }[]>()
  const revoked = new Map<string, string>()
  if (!certs || certs.format !== CERTS_FORMAT) problems.push('证书文件缺失或无法读取')
  else {
    try {
      root = parseCertificate(fromBase64(certs.root))
      if (ctx.trustedRoot && toHex(root.der) !== toHex(ctx.trustedRoot.der)) problems.push('包内根证书与档案馆信任的根证书不同')
      for (const c of certs.certificates) {
        const cert = parseCertificate(fromPem('CERTIFICATE', c.pem))
        if (!verifyCertificateSignature(cert, root.publicKey)) problems.push(`${c.userId} 的证书不是由根证书签发`)
        certOf.set(c.userId, [...(certOf.get(c.userId) ?? []), { cert, ...(c.revokedAt ? { revokedAt: c.revokedAt } : {}) }])
        if (c.revokedAt) revoked.set(cert.serial, c.revokedAt)
      }
    } catch {
      problems.push('证书无法解析')
    }
  }
  const signedBy = (userId: string, verify: (publicKey: string) => boolean, when: string): boolean =>
    (certOf.get(userId) ?? []).some(({ cert, revokedAt }) => (!revokedAt || Date.parse(revokedAt) > Date.parse(when)) && isWithinValidity(cert, new Date(when)) && verify(cert.publicKey))

  // seals: each SES over the 定稿 — directly, or through the seal data (Signature.xml) of the
  // rendition it was applied over, which must list the 定稿's hash — and the 正本 records that hash
  const content = bytesOf(FILE_NAMES.content)
  const seals = eep.carried.filter((f) => f.name.endsWith('.ses'))
  if (seals.length && root && content) {
    const expectedHash = sm3(content)
    for (const s of seals) {
      if (!s.bytes) continue
      const problem = sealProblem(s.bytes, bytesOf(s.name.replace(/\.ses$/, '.xml')), bytesOf(s.name.replace(/\.ses$/, '.ofd')), expectedHash, { root, revokedAt: (serial) => revoked.get(serial) })
      if (problem) problems.push(`电子签章 ${s.name} 验证未通过：${problem}`)
    }
    const original = bytesOf(FILE_NAMES.original)
    if (original && pdfContentHash(original) !== toHex(expectedHash)) problems.push('正本记录的原文杂凑值与定稿不符')
  }

  // the event log: every command signed by its actor
  const log = parseJson<EventLogFile>(bytesOf(FILE_NAMES.log))
  if (!log || log.format !== EVENT_LOG_FORMAT) problems.push('过程记录缺失或无法读取')
  else {
    for (const ev of log.events) {
      const parsed = commandSchema.safeParse(ev.command)
      if (!parsed.success || !signedBy(parsed.data.actor, (pk) => verifyCommandSignature(parsed.data, pk), parsed.data.at)) problems.push(`过程记录中的操作 ${ev.command?.id ?? '?'} 签名无效`)
    }
  }

  // the archivist's signature over 被签名对象
  if (!ctx.filer) {
    const sig = eep.signatures[0]
    if (!sig) problems.push('信息包没有电子签名')
    else if (!eep.signedObject) problems.push('无法定位被签名对象')
    else {
      const command = signingCommand(sig)
      const hash = toHex(sm3(utf8(eep.signedObject)))
      if (!command) problems.push('信息包签名无法解析')
      else if (command.contentHash !== hash) problems.push('被签名对象在签名后被改动')
      else if (command.actor !== sig.signer || command.payload.code !== text(node(eep.entity['档号'])['档号'])) problems.push('信息包签名与签名人或档号不符')
      else if (!signedBy(command.actor, (pk) => verifyCommandSignature(command, pk), command.at)) problems.push('信息包签名验证未通过')
    }
    problems.push(...revisionProblems(eep, signedBy))
  }
  return { problems, pass: ctx.filer ? '电子签章、正本杂凑值和过程记录签名均有效（信息包签名待档案员签署）' : `信息包签名、电子签章、正本杂凑值和过程记录签名均有效${eep.type === '修改型' ? '，锁定签名锁定原封装包的签名' : ''}` }
}

/** Why one seal does not hold over the 定稿 whose SM3 is `contentHash`, or null. */
function sealProblem(ses: Uint8Array, sealData: Uint8Array | null, rendition: Uint8Array | null, contentHash: Uint8Array, trust: Omit<TrustContext, 'expectedHash'>): string | null {
  const report = verifySealedSignature(ses, { ...trust, expectedHash: sealData ? sm3(sealData) : contentHash })
  if (!report.ok) return `${report.failed?.name}（${report.failed?.reason}）`
  if (!sealData) return null
  if (!sealDataCoversContent(sealData, toHex(contentHash))) return SEAL_MESSAGES.noContentRef
  if (!rendition) return null
  const entries = unzipEntries(rendition)
  if (!entries) return SEAL_MESSAGES.sealDataUnreadable
  return coverageProblem({ sealData, dataHash: report.signature!.dataHash, files: new Map(entries), whole: true })
}

/** The signed command an 电子签名 (or 锁定签名) carries, put back together, or null. */
function signingCommand(sig: EepSignature): Command | null {
  try {
    const parsed = commandSchema.safeParse({ ...(JSON.parse(sig.command) as object), sig: toHex(fromBase64(sig.value)) })
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** A 修改型 package: the previous package whole and unchanged, its signature locked by this one. */
function revisionProblems(eep: ParsedEep, signedBy: (userId: string, verify: (publicKey: string) => boolean, when: string) => boolean): string[] {
  if (eep.type !== '修改型') return eep.locks.length ? ['原始型封装包不应有锁定签名'] : []
  if (!eep.previous) return ['修改型封装包缺少原封装包']
  let previous: ParsedEep | null
  try {
    const bytes = fromBase64(eep.previous.text.replace(/\s+/g, ''))
    if (toHex(sm3(bytes)) !== eep.previous.sm3) return ['原封装包与其记录的杂凑值不符']
    const read = readEep(fromUtf8(bytes))
    previous = read.ok ? read.eep : null
  } catch {
    previous = null
  }
  if (!previous?.signatures[0]) return ['原封装包无法读取']
  const lock = eep.locks[0]
  if (!lock) return ['修改型封装包缺少锁定签名']
  const prevSig = previous.signatures[0]
  const command = signingCommand(lock)
  if (!command) return ['锁定签名无法解析']
  if (lock.locks !== prevSig.id || command.payload.locks !== prevSig.id || command.payload.lockedSm3 !== toHex(sm3(utf8(prevSig.value)))) return [`锁定签名未锁定原封装包的签名 ${prevSig.id}`]
  if (!signedBy(command.actor, (pk) => verifyCommandSignature(command, pk), command.at)) return ['锁定签名验证未通过']
  return []
}

/** GD-2-5 过程信息完整性: the 业务实体块 is the event log, action for action, ending at 办结. */
export function processProblems(eep: ParsedEep, logBytes: Uint8Array | null): string[] {
  const log = parseJson<EventLogFile>(logBytes)
  if (!log) return ['过程记录缺失或无法读取']
  const problems: string[] = []
  if (log.events.length !== eep.business.length) problems.push(`过程记录有 ${log.events.length} 个操作，业务实体块有 ${eep.business.length} 个`)
  log.events.forEach((ev, i) => {
    const b = eep.business[i]
    if (!b) return
    if (b.id !== ev.command?.id || b.at !== ev.command.at || b.agent !== ev.command.actor) problems.push(`第 ${i + 1} 个业务行为与过程记录不符`)
  })
  for (let i = 1; i < log.events.length; i++) if (log.events[i]!.seq <= log.events[i - 1]!.seq) problems.push('过程记录的顺序号不递增')
  const agents = new Set(eep.agents.map((a) => a.id))
  for (const b of eep.business) if (!agents.has(b.agent)) problems.push(`业务行为 ${b.id} 的机构人员未著录`)
  if (eep.business[eep.business.length - 1]?.state !== '办结') problems.push('最后一个业务状态不是办结')
  return problems
}
