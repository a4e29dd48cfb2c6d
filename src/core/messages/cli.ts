// What the `zt` command says to its user. Identifiers stay English; every line a person reads is
// here, in Chinese, so wording changes in one place.
import { DOC_TYPES, URGENCIES } from '../docflow/docTypes'
import { CLEARANCE_LEVELS } from '../directory/model'
import { ACTION_NAMES } from '../docflow/definitions'
import { formatDateTime } from '../text/formatDate'

const AUDIT_REASONS: Record<string, string> = {
  hash: '内容被修改',
  link: '与前一条记录不衔接：记录被删除、插入或调换',
  sequence: '序号不连续：记录被删除、插入或调换',
  unreadable: '无法解析',
  checkpoint: '签名检查点无效',
  pruned: '日志开头缺失，且没有经签名的按期清理记录',
}

export const CLI_MESSAGES = {
  usage: [
    '用法：zt <命令> [选项]',
    '',
    '命令：',
    '  login <用户名> --password <密码> --server <服务器地址> [--pin <PIN>]',
    '                                                         登录并保存会话；给出 PIN 时生成本机密钥并申领证书',
    '  whoami                                                 显示当前登录用户',
    '  logout                                                 退出登录',
    '  doc create --title <标题> --type <文种> [--classification <密级>] [--urgency <紧急程度>] [--body-file <正文文件>]',
    '             [--kind outgoing|incoming] [--to-main <主送>] [--cc <抄送>] [--issuer-mark <发文机关标志>] [--issuer-name <署名>]',
    '             [--printer <印发机关>] [--note <附注>] [--attachment <附件名>]…',
    '                                                         新建公文，输出文档编号',
    '  doc show <文档编号> [--json]                           查看公文的元数据、正文、文号、当前步骤和处理记录',
    '  doc submit <文档编号> --to <用户,…> [--mode parallel|sequential]   提交给下一步办理人（签名操作）',
    '  doc act <文档编号> <approve|return|countersign|signoff|read|number|seal|distribute|receive|register|propose|',
    '          instruct|handle|circulate|complete|withdraw|urge|delegate|addsigner|transfer|open>',
    '          [--opinion …] [--to …] [--next countersign|signoff] [--mode …] [--edit] [--limit <日期>]',
    '          [--reason …] [--main …] [--assist …] [--circulate …] [--result …] [--message …] [--for <被代办人>]',
    '                                                         办理公文的一个步骤（签名操作）',
    '  doc attach <文档编号> <文件> [--name <名称>]             添加附件（按 SM3 存储）',
    '  doc fetch <文档编号> <附件名称|SM3> --out <文件>         下载附件并校验 SM3',
    '  doc export <文档编号> --pdf <文件> [--form <文件>]         按 GB/T 9704 导出版式 PDF（及处理单）',
    '  inbox [--json]                                         待办、已办、办结',
    '  doc share <文档编号> --with <用户名>[:read]            共享公文（默认可编辑，:read 为只读；签名操作）',
    '  doc rename <文档编号> --title <标题>                   修改标题（签名操作）',
    '  sync                                                   提交本机保存的待提交操作，逐条显示结果',
    '  audit verify --data <服务器数据目录>                   校验审计日志的哈希链和签名检查点',
    '  cert show [<用户名>] [--pem]                           查看本机证书，或某用户的最新证书',
    '  cert root [--pem]                                      查看单位根证书',
    '  sign-test <文件> --pin <PIN>                           用本机密钥对文件签名（SM2，DER 十六进制）',
    '  admin revoke <用户名>                                  吊销该用户的全部证书（系统管理员）',
    '',
    '通用选项：--home <目录>（会话保存位置，也可用环境变量 ZT_HOME，默认 ~/.zhengtong）',
    '签名操作另有：--pin <PIN>（或环境变量 ZT_PIN）解锁本机密钥；--offline 只签名并保存在本机，待 zt sync 提交',
  ].join('\n'),
  unknownCommand: (cmd: string) => `未知命令：${cmd}`,
  badArguments: (detail: string) => `参数错误：${detail}`,
  missingOption: (name: string) => `缺少必填选项 --${name}`,
  missingArgument: (name: string) => `缺少参数：${name}`,
  badServerUrl: (url: string) => `服务器地址无效：${url}（应形如 http://127.0.0.1:7788）`,
  badDocType: (value: string) => `文种“${value}”无效，可选：${DOC_TYPES.join('、')}`,
  badClassification: (value: string) => `密级“${value}”无效，可选：${CLEARANCE_LEVELS.join('、')}`,
  badUrgency: (value: string) => `紧急程度“${value}”无效，可选：${URGENCIES.join('、')}`,
  badDocId: (value: string) => `文档编号“${value}”无效`,
  badShareTarget: (value: string) => `共享对象“${value}”无效，应为 <用户名> 或 <用户名>:read`,
  titleTooLong: '标题过长（不超过 200 字）',
  bodyFileUnreadable: (path: string) => `无法读取正文文件：${path}`,
  bodyFileNotUtf8: (path: string) => `正文文件不是有效的 UTF-8 文本：${path}`,
  notLoggedIn: '尚未登录，请先运行 zt login',
  sessionExpired: '登录已过期，请重新运行 zt login',
  profileUnreadable: (path: string) => `会话文件已损坏：${path}，请重新登录`,
  loggedIn: (name: string, username: string, unit: string) => `已登录：${name}（${username}），${unit}`,
  whoami: (name: string, username: string, unit: string, title: string, server: string) =>
    `${name}（${username}） ${unit} ${title}\n服务器：${server}`,
  loggedOut: '已退出登录',
  badPin: 'PIN 须为 6 到 12 位数字',
  wrongPin: 'PIN 不正确，无法打开本机密钥',
  noDeviceKey: '本机尚未生成密钥，请用 zt login … --pin <PIN> 重新登录',
  enrolled: (serial: string) => `已生成本机 SM2 密钥并申领证书，序列号 ${serial}`,
  notEnrolled: '未给出 --pin：本次登录未生成密钥、未申领证书',
  certSummary: (subject: string, issuer: string, serial: string, from: string, to: string, revoked: boolean) =>
    `主体：${subject}
签发者：${issuer}
序列号：${serial}
有效期：${from} 至 ${to}
状态：${revoked ? '已吊销' : '有效'}`,
  fileUnreadable: (path: string) => `无法读取文件：${path}`,
  noCertificate: (username: string) => `通讯录中没有 ${username} 的证书`,
  signature: (sigHex: string, publicKey: string) => `签名（DER，十六进制）：${sigHex}
公钥：${publicKey}`,
  revoked: (username: string, n: number) => `已吊销 ${username} 的 ${n} 张证书`,
  auditUnreadable: (dir: string) => `无法读取 ${dir} 中的审计日志或根证书`,
  auditIntact: (records: number, checkpoints: number) => `审计日志完整：共 ${records} 条记录，${checkpoints} 个签名检查点均有效`,
  auditPruned: (through: number) => `第 1–${through} 条记录已超过保留期限，按规定清理（清理记录已签名）`,
  auditBroken: (position: number, reason: string) =>
    `审计日志在第 ${position} 条记录处被破坏（${AUDIT_REASONS[reason] ?? reason}）`,
  pinNeeded: '此操作需要签名：请用 --pin 或环境变量 ZT_PIN 提供本机密钥的 PIN',
  queuedOffline: (id: string) => `已签名并保存在本机（${id}），联网后运行 zt sync 提交`,
  stillQueued: '无法连接服务器：操作已保存在本机，联网后运行 zt sync 提交',
  nothingQueued: '本机没有待提交的操作',
  commandRejected: (message: string) => `操作未生效：${message}`,
  commandAnswer: (type: string, id: string, answer: { status: string; seq?: number; message?: string; error?: string }) =>
    answer.status === 'accepted' ? `已接受 ${type}（${id}），序号 ${answer.seq ?? ''}` : `被拒绝 ${type}（${id}）：${answer.message ?? answer.error ?? ''}`,
  notCached: (room: string) => `本机没有 ${room} 的缓存：请联网时先运行 zt doc show 取得它`,
  noSuchUser: (name: string) => `通讯录中没有用户：${name}`,
  unknownAction: (action: string, known: string[]) => `未知操作：${action}（可用：${known.join(' | ')}）`,
  actionAccepted: (name: string, seq: number) => `已${name}（序号 ${seq}）`,
  docNumber: (number: string) => `文号：${number}`,
  badFlowKind: (value: string) => `公文类别“${value}”无效，可选：outgoing（发文）、incoming（收文）`,
  attached: (name: string, sm3: string) => `已添加附件：${name}（SM3 ${sm3}）`,
  noAttachment: (which: string) => `该公文没有附件：${which}`,
  attachmentCorrupt: (name: string) => `附件 ${name} 的 SM3 与记录不符，已拒绝写入`,
  fetched: (name: string, out: string) => `已下载附件 ${name} 到 ${out}`,
  exportWhat: '请用 --pdf <文件> 和/或 --form <文件> 指定要导出的版式文件或处理单',
  exported: (file: string) => `已导出：${file}`,
  renamed: (title: string) => `标题已改为：${title}`,
  shared: (username: string, access: 'read' | 'write') => `已共享给 ${username}（${access === 'read' ? '只读' : '可编辑'}）`,
  serverUnreachable: '无法连接服务器，请检查服务器地址和网络',
  syncTimeout: '与服务器同步超时，请检查网络后重试',
  persistTimeout: '服务器未确认保存，请检查网络后重试',
  roomForbidden: '您无权查看该文档',
  roomNotFound: '文档不存在',
  roomRefused: (code: number) => `服务器拒绝了连接（代码 ${code}）`,
  showHeader: {
    id: '文档编号',
    title: '标题',
    docType: '文种',
    classification: '密级',
    urgency: '紧急程度',
    createdBy: '创建人',
    createdAt: '创建时间',
    body: '正文',
    docNumber: '文号',
    step: '当前步骤',
    records: '处理记录',
  },
  record: (r: { at: string; step: string; actor: string; onBehalfOf?: string; action: string; opinion?: string }, nameOf: (id: string) => string) =>
    `  ${formatDateTime(new Date(r.at))}  ${nameOf(r.actor)}${r.onBehalfOf ? `（代${nameOf(r.onBehalfOf)}）` : ''}  ${ACTION_NAMES[r.action as keyof typeof ACTION_NAMES] ?? r.action}${r.opinion ? `：${r.opinion}` : ''}`,
  inboxBox: { todo: '待办', done: '已办', finished: '办结' } as Record<string, string>,
  inboxEmpty: '（无）',
  inboxLine: (i: { title: string; stepName: string; from: string; arrivedAt: string; urgency: string; docNumber?: string; room: string; dueAt?: string }) =>
    `  ${i.urgency !== '平件' ? `【${i.urgency}】` : ''}${i.title || '（无标题）'}  ${i.stepName}  来自 ${i.from}  ${formatDateTime(new Date(i.arrivedAt))}${i.dueAt ? `  时限 ${i.dueAt}` : ''}${i.docNumber ? `  ${i.docNumber}` : ''}  ${i.room.slice(4)}`,
} as const

/** node:util parseArgs failures, by error code, in the user's language. */
export const CLI_PARSE_MESSAGES = {
  unknownOption: (option: string) => `未知选项：${option}`,
  optionValue: (option: string) => `选项 ${option} 的值无效或缺失`,
  unexpectedArgument: (arg: string) => `多余的参数：${arg}`,
} as const
