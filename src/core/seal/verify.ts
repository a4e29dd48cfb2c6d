// 验章: the whole verification procedure for a sealed signature (STANDARDS.md §3, issue 5), step
// by step, each with pass/fail and a reason in Chinese. Beyond the common open implementations,
// every step is checked: structure, the holder's signature, the holder in the seal's list, the
// maker's signature, the seal's validity, both certificate chains (validity at signing time,
// revocation, key usage), the timestamp, and the data hash against the content as it is now.
import { bytesEqual, toHex } from '../crypto/bytes'
import { OID_SM2_WITH_SM3, sm2Verify } from '../crypto/sm2'
import { isWithinValidity, parseCertificate, verifyCertificateSignature, type Certificate, type KeyUsage } from '../pki/certificate'
import { parseSignature, type ParsedSignature } from './ses'

export type StepId = 'structure' | 'signature' | 'holder' | 'seal' | 'sealValidity' | 'certificates' | 'timestamp' | 'dataHash'

export const STEP_NAMES: Record<StepId, string> = {
  structure: '结构',
  signature: '签章人签名',
  holder: '签章人在印章授权列表中',
  seal: '制章人签名',
  sealValidity: '印章有效期',
  certificates: '证书链、有效期、吊销与密钥用法',
  timestamp: '时间戳',
  dataHash: '原文杂凑值',
}

export interface StepResult {
  step: number
  id: StepId
  name: string
  /** null: not applicable (e.g. no timestamp) */
  ok: boolean | null
  reason: string
}

export interface VerifyReport {
  ok: boolean
  steps: StepResult[]
  /** the first failing step, when there is one */
  failed?: StepResult
  signature?: ParsedSignature
}

export interface TrustContext {
  /**
   * the roots this machine trusts (never one shipped inside the file being checked); a
   * certificate must chain to one of them
   */
  root: Certificate | Certificate[]
  /** serial → ISO time of revocation (from the directory's list) */
  revokedAt(serial: string): string | undefined
  /** SM3 of the protected content as it is now */
  expectedHash: Uint8Array
}

const ORDER: StepId[] = ['structure', 'signature', 'holder', 'seal', 'sealValidity', 'certificates', 'timestamp', 'dataHash']

export function verifySealedSignature(der: Uint8Array, trust: TrustContext): VerifyReport {
  const steps: StepResult[] = []
  const record = (id: StepId, ok: boolean | null, reason: string): void => {
    steps.push({ step: ORDER.indexOf(id) + 1, id, name: STEP_NAMES[id], ok, reason })
  }
  const finish = (signature?: ParsedSignature): VerifyReport => {
    // steps not reached after a structural failure are reported as not run
    for (const id of ORDER) if (!steps.some((s) => s.id === id)) record(id, false, '未执行：结构无法解析')
    steps.sort((a, b) => a.step - b.step)
    const failed = steps.find((s) => s.ok === false)
    return { ok: !failed, steps, ...(failed ? { failed } : {}), ...(signature ? { signature } : {}) }
  }

  // (1) structure
  let sig: ParsedSignature
  let signer: Certificate
  let maker: Certificate
  try {
    sig = parseSignature(der)
    signer = parseCertificate(sig.signerCert)
    maker = parseCertificate(sig.seal.makerCert)
  } catch (err) {
    record('structure', false, `结构无法解析：${err instanceof Error ? err.message : String(err)}`)
    return finish()
  }
  record('structure', true, 'DER 结构完整，版本为 4')

  // (2) the holder's signature over DER(TBS_Sign)
  const sigOk = sig.signatureAlgorithm === OID_SM2_WITH_SM3 && safeVerify(sig.tbsDer, sig.signature, signer.publicKey)
  record('signature', sigOk, sigOk ? `签章人（${signer.subject.commonName ?? ''}）的 SM2 签名有效` : '签章人签名无效：签章数据被改动或签名算法不是 SM2-SM3')

  // (3) the holder is in the seal's certificate list
  const inList = sig.seal.info.certs.some((c) => bytesEqual(c, sig.signerCert))
  record('holder', inList, inList ? '签章人证书在印章授权列表中' : `签章人（${signer.subject.commonName ?? ''}）不在印章“${sig.seal.info.name}”的授权使用人列表中`)

  // (4) the maker's signature over DER(eSealInfo)
  const sealOk = sig.seal.signAlgorithm === OID_SM2_WITH_SM3 && safeVerify(sig.seal.infoDer, sig.seal.signedValue, maker.publicKey)
  record('seal', sealOk, sealOk ? `印章“${sig.seal.info.name}”的制章人签名有效` : '制章人签名无效：印章信息（含印章图片、有效期或授权列表）被改动')

  // (5) the seal was valid when it was applied
  const at = sig.timeInfo.getTime()
  const sealValid = sig.seal.info.validStart.getTime() <= at && at <= sig.seal.info.validEnd.getTime()
  record('sealValidity', sealValid, sealValid ? '签章时间在印章有效期内' : `签章时间不在印章有效期（${day(sig.seal.info.validStart)} 至 ${day(sig.seal.info.validEnd)}）内`)

  // (6) both certificates: chain to the root, valid and unrevoked at signing time, right key usage
  const certProblem = certificateProblem(signer, '签章人', ['digitalSignature', 'nonRepudiation'], sig.timeInfo, trust) ?? certificateProblem(maker, '制章人', ['digitalSignature'], sig.timeInfo, trust)
  record('certificates', certProblem === null, certProblem ?? '签章人与制章人证书均由本单位根证书签发，签章时有效、未吊销，密钥用法正确')

  // (7) timestamp
  if (sig.timeStamp) record('timestamp', false, '含有时间戳，但本系统未配置可信时间戳服务，无法验证')
  else record('timestamp', null, '无时间戳（以签章数据中的签章时间为准）')

  // (8) the data hash against the content as it is now
  const hashOk = bytesEqual(sig.dataHash, trust.expectedHash)
  record('dataHash', hashOk, hashOk ? '原文杂凑值与当前内容一致，内容未被篡改' : `原文已被改动：签章时杂凑值 ${toHex(sig.dataHash).slice(0, 16)}…，当前 ${toHex(trust.expectedHash).slice(0, 16)}…`)

  return finish(sig)
}

function certificateProblem(cert: Certificate, who: string, usages: KeyUsage[], at: Date, trust: TrustContext): string | null {
  const roots = Array.isArray(trust.root) ? trust.root : [trust.root]
  if (!roots.length) return `${who}证书无法验证：本机没有可信的根证书`
  if (!roots.some((r) => verifyCertificateSignature(cert, r.publicKey))) return roots.length === 1 ? `${who}证书不是本单位根证书签发的` : `${who}证书不是本机信任的任一根证书签发的`
  if (!isWithinValidity(cert, at)) return `${who}证书在签章时不在有效期内`
  const revoked = trust.revokedAt(cert.serial)
  if (revoked && Date.parse(revoked) <= at.getTime()) return `${who}证书已于 ${day(new Date(revoked))} 吊销，早于签章时间`
  const missing = usages.filter((u) => !cert.keyUsage.has(u))
  if (missing.length) return `${who}证书的密钥用法缺少 ${missing.join('、')}`
  return null
}

function safeVerify(message: Uint8Array, signature: Uint8Array, publicKey: string): boolean {
  try {
    return sm2Verify(message, signature, publicKey)
  } catch {
    return false
  }
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** The report with its data step failed for `reason` (the rendition does not match what was signed). */
export function withDataHashFailure(report: VerifyReport, reason: string): VerifyReport {
  const steps: StepResult[] = report.steps.map((s) => (s.id === 'dataHash' ? { ...s, ok: false, reason } : s))
  const failed = steps.find((s) => s.ok === false)
  return { ...report, steps, ok: false, ...(failed ? { failed } : {}) }
}

/** The report with its data step's reason replaced (it passed). */
export function withDataHashReason(report: VerifyReport, reason: string): VerifyReport {
  return { ...report, steps: report.steps.map((s) => (s.id === 'dataHash' && s.ok ? { ...s, reason } : s)) }
}
