// What the `zt` command says to its user. Identifiers stay English; every line a person reads is
// here, in Chinese, so wording changes in one place.
import { DOC_TYPES, URGENCIES } from '../docflow/docTypes'
import { CLEARANCE_LEVELS } from '../directory/model'

const AUDIT_REASONS: Record<string, string> = {
  hash: '内容被修改',
  link: '与前一条记录不衔接：记录被删除、插入或调换',
  sequence: '序号不连续：记录被删除、插入或调换',
  unreadable: '无法解析',
  checkpoint: '签名检查点无效',
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
    '                                                         新建公文，输出文档编号',
    '  doc show <文档编号> [--json]                           查看公文的元数据和正文',
    '  doc share <文档编号> --with <用户名>[:read]            共享公文（默认可编辑，:read 为只读）',
    '  audit verify --data <服务器数据目录>                   校验审计日志的哈希链和签名检查点',
    '  cert show [<用户名>] [--pem]                           查看本机证书，或某用户的最新证书',
    '  cert root [--pem]                                      查看单位根证书',
    '  sign-test <文件> --pin <PIN>                           用本机密钥对文件签名（SM2，DER 十六进制）',
    '  admin revoke <用户名>                                  吊销该用户的全部证书（系统管理员）',
    '',
    '通用选项：--home <目录>（会话保存位置，也可用环境变量 ZT_HOME，默认 ~/.zhengtong）',
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
  auditBroken: (position: number, reason: string) =>
    `审计日志在第 ${position} 条记录处被破坏（${AUDIT_REASONS[reason] ?? reason}）`,
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
  },
} as const

/** node:util parseArgs failures, by error code, in the user's language. */
export const CLI_PARSE_MESSAGES = {
  unknownOption: (option: string) => `未知选项：${option}`,
  optionValue: (option: string) => `选项 ${option} 的值无效或缺失`,
  unexpectedArgument: (arg: string) => `多余的参数：${arg}`,
} as const
