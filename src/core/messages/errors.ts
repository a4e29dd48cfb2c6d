// Machine-readable error codes and the Chinese text a user sees for each. The server answers
// with both; clients show the text (or look the code up here when offline).
import { ACTION_NAMES } from '../docflow/definitions'
import { formatDateTime } from '../text/formatDate'
import { FIELD_NAMES, FIELD_PROBLEMS } from './fields'

export const ERROR_MESSAGES = {
  bad_request: '请求格式不正确',
  bad_credentials: '用户名或密码错误',
  unauthenticated: '登录已失效，请重新登录',
  forbidden: '您没有此操作的权限',
  not_found: '对象不存在',
  no_such_user: '用户不存在',
  room_exists: '该文档已存在',
  classification_above_clearance: '所选密级高于您的涉密等级，不能新建该密级的公文',
  not_owner: '只有文档创建人可以共享文档',
  too_large: '内容过大，已拒绝',
  rate_limited: '操作过于频繁，请稍后再试',
  server_error: '服务器内部错误，请稍后再试',
  storage_full: '服务器存储空间已满，暂时无法保存修改（查阅不受影响）；请联系管理员清理磁盘，空间恢复后即可继续',
  network: '无法连接服务器，已保存在本地，联网后自动同步',
  // the desktop's server address (src/main/config/serverUrl.ts)
  bad_server_url: '服务器地址格式不正确，应形如 https://zt.example.gov.cn',
  insecure_server_url: '服务器地址须以 https:// 开头：http:// 会让登录令牌和公文在网络上明文传输，只允许用于本机地址（127.0.0.1、localhost、::1）',
  bad_public_key: '公钥不是有效的 SM2 公钥',
  // sign-in failure handling (server/auth/LoginGuard.ts)
  account_locked: '登录失败次数过多，账户已锁定，请稍后再试或联系管理员解锁',
  address_locked: '本机地址登录失败次数过多，已暂停登录，请稍后再试',
  login_backoff: '登录失败，请稍候几秒再试',
  // enrolment (server/http/enroll.ts)
  bad_enrol_proof: '申领证书的签名证明无效：须用所申领的密钥对本次申领签名',
  key_revoked: '该密钥的证书已被吊销，不能再次申领；请在本设备生成新密钥后申领',
  enrol_needs_admin: '您的证书已被吊销，重新申领须由管理员批准（zt admin allow-enroll）',
  too_many_certificates: '您的有效证书已达上限，请管理员吊销不用的设备证书后再申领',
  bad_command: '操作格式不正确',
  unknown_command: '不支持的操作',
  actor_mismatch: '操作人与登录用户不一致',
  clock_skew: '本机时间与服务器相差过大，请校准时间后重试',
  not_enrolled: '尚未申领数字证书，请重新登录以申领',
  bad_signature: '操作的数字签名无效',
  certificate_revoked: '签名证书已被吊销',
  certificate_expired: '签名证书不在有效期内',
  // the document flow (src/core/docflow/flow.ts)
  step_moved: '该步骤已由他人办理，您的操作未生效',
  not_your_step: '当前步骤不由您办理',
  flow_ended: '该公文已办结',
  cannot_withdraw: '只能撤回自己刚送出的公文',
  already_opened: '下一步办理人已打开公文，不能撤回',
  reason_required: '请填写退回理由',
  decline_reason_required: '请假须写明理由',
  no_return_target: '没有可退回的步骤',
  already_holder: '该用户已是本步骤的办理人',
  not_allowed_here: '当前步骤不能进行此操作',
  content_hash_required: '签发须附带所签发文稿的摘要',
  content_changed: '文稿在您签发前已被修改，请同步后重新审阅签发',
  content_frozen: '公文已签发，内容已冻结；如需修改，请退回签发人',
  next_required: '请选择下一步办理人',
  clearance_too_low: '接收人的涉密等级低于本文密级',
  no_number_prefix: '本单位未配置机关代字，不能编号',
  not_a_document: '该文档不是公文',
  attachment_missing: '有附件尚未上传到服务器，请联网同步后再签发',
  // 公文交换 and unit templates (src/core/docflow/exchange.ts)
  distribute_nobody: '请选择分发的单位（主送、抄送）或人员',
  no_such_unit: '单位不存在',
  unit_without_registrar: '该单位没有收发员，不能向其分发',
  reject_reason_required: '请填写退文理由',
  bad_prefix: '该代字不在本单位的代字列表中',
  not_admin: '只有系统管理员可以进行此操作',
  bad_unit_settings: '单位模板不完整：发文机关标志、署名不能为空，代字至少一个',
  // seals (src/core/seal)
  not_seal_admin: '只有印章管理员可以管理印章',
  holder_no_cert: '印章持有人尚未申领数字证书',
  no_such_seal: '印章不存在',
  seal_not_active: '该印章当前不可使用',
  seal_invalid: '电子签章验证未通过',
  not_seal_holder: '您不是该印章的持有人',
  seal_cert_mismatch: '签章所用证书与本机密钥不符，请重新申领证书',
  bad_data_hash: '签章保护的原文摘要格式不正确',
  seal_hash_mismatch: '签章保护的原文与签发稿不一致',
  no_seal_on_minutes: '纪要不加盖印章',
  rendition_required: '用印须覆盖版式文件：请联网，由服务器生成本文的 PDF 与 OFD 后再用印',
  rendition_mismatch: '签章数据与服务器生成的版式文件不一致，请重新用印',
  not_at_seal: '公文不在用印环节，不能生成用印版式文件',
  // meetings (src/core/meeting)
  no_such_meeting_room: '会议室不存在',
  meeting_room_unavailable: '该会议室暂停使用',
  bad_meeting_time: '会议时间不正确：结束须晚于开始，且不超过 7 天',
  too_many_people: '参会人数超过会议室座位数',
  meeting_clash: '该会议室在此时间已被占用',
  no_such_meeting: '会议不存在',
  not_room_approver: '只有该会议室的审核人可以审核',
  meeting_not_pending: '该会议申请已处理',
  meeting_not_confirmed: '会议尚未确认，暂不能回执',
  not_invited: '您不在该会议的参会人员中',
  already_invited: '该人员已在参会人员中',
  no_such_task: '督办事项不存在',
  task_done: '该督办事项已办结',
  checkin_outside_meeting: '签到时间不在会议时段内（开会前 30 分钟至散会）',
  bad_checkin_code: '签到码无效：不是本次会议组织人出示的签到码',
  checkin_code_expired: '签到码已过期，请组织人重新出示',
  request_needs_pdf: '用印申请须附且只附一份已上传的 PDF 文件',
  bad_picture: '印章图片须为 PNG 或不含脚本的 SVG，不超过 36 KB，宽高 10–60 毫米',
  not_archivist: '只有档案员可以归档和检测档案',
  not_archivist_lend: '只有档案员可以审批借阅申请',
  record_above_clearance: '您的涉密等级低于该文件的密级，不能归档或借阅',
  bad_archive_settings: '全宗号须为 1–8 位大写字母或数字，全宗名称和立档单位名称不能为空',
  not_finished: '该公文尚未办结，不能归档',
  already_filed: '该公文已经归档',
  bad_retention: '保管期限须为 Y（永久）、D30（定期30年）或 D10（定期10年）',
  bad_org_code: '机构（问题）代码须为 1–10 位大写字母或数字',
  no_such_record: '档案不存在',
  record_not_signing: '该档案不在待签名状态',
  archive_check_failed: '四性检测未通过，未归档',
  bad_loan: '借阅申请须写明理由和起止日期（最长 90 天，不早于今天）',
  no_such_loan: '借阅申请不存在',
  loan_decided: '该借阅申请已处理',
  no_active_loan: '您没有该档案的有效借阅（或借阅已到期）',
  // command payloads (src/core/command/registry.ts): refused before anything is stored
  bad_field: '操作中有一项内容格式不正确',
  unknown_field: '操作含有不认识的内容，已拒绝',
  payload_too_deep: '操作内容嵌套过深，已拒绝',
  payload_too_large: '操作内容过多，已拒绝',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export function errorMessage(code: string, params?: Record<string, string>): string {
  if (params) {
    switch (code) {
      case 'step_moved':
        if (params.name && params.at) return `${params.name}已于 ${formatDateTime(new Date(params.at))} ${ACTION_NAMES[params.action as keyof typeof ACTION_NAMES] ?? '办理'}，您的操作未生效`
        break
      case 'clearance_too_low':
        if (params.name) return `${params.name}的涉密等级低于本文密级（${params.level ?? ''}），不能发送给其办理或阅知`
        break
      case 'no_such_user':
        if (params.name) return `用户不存在：${params.name}`
        break
      case 'no_such_unit':
        if (params.name) return `单位不存在：${params.name}`
        break
      case 'unit_without_registrar':
        if (params.name) return `${params.name}没有收发员，不能向其分发`
        break
      case 'bad_prefix':
        if (params.prefix) return `代字“${params.prefix}”不在本单位的代字列表中（${params.allowed ?? ''}）`
        break
      case 'holder_no_cert':
        if (params.name) return `${params.name}尚未申领数字证书，不能作为印章持有人`
        break
      case 'seal_not_active':
        if (params.name) return `印章“${params.name}”${params.status ?? '不可用'}，不能使用`
        break
      case 'seal_invalid':
        if (params.reason) return `电子签章验证未通过（${params.step ?? ''}）：${params.reason}`
        break
      case 'meeting_clash':
        if (params.title) return `${params.room ?? '该会议室'}在此时间已被“${params.title}”占用（${formatDateTime(new Date(params.start ?? ''))} 至 ${formatDateTime(new Date(params.end ?? ''))}）`
        break
      case 'too_many_people':
        if (params.seats) return `参会人数超过${params.room ?? '会议室'}的 ${params.seats} 个座位`
        break
      case 'meeting_room_unavailable':
        if (params.room) return `${params.room}暂停使用`
        break
      case 'classification_above_clearance':
        if (params.level) return `所选密级（${params.level}）高于您的涉密等级，不能新建该密级的公文`
        break
      case 'record_above_clearance':
        if (params.level) return `您的涉密等级低于该文件的密级（${params.level}），不能归档或借阅`
        break
      case 'archive_check_failed':
        if (params.items) return `四性检测未通过，未归档：${params.items}`
        break
      case 'already_filed':
        if (params.code) return `该公文已经归档（档号 ${params.code}）`
        break
      case 'bad_field':
        if (params.field) return `“${FIELD_NAMES[params.field] ?? params.field}”${FIELD_PROBLEMS[params.problem ?? ''] ?? '格式不正确'}`
        break
      case 'unknown_field':
        if (params.field) return `操作含有不认识的内容“${params.field}”，已拒绝`
        break
      case 'account_locked':
        if (params.minutes) return `登录失败次数过多，账户已锁定，请 ${params.minutes} 分钟后再试，或联系管理员解锁`
        break
      case 'address_locked':
        if (params.minutes) return `本机地址登录失败次数过多，已暂停登录，请 ${params.minutes} 分钟后再试`
        break
      case 'login_backoff':
        if (params.seconds) return `登录失败，请 ${params.seconds} 秒后再试`
        break
      case 'too_many_certificates':
        if (params.max) return `您已有 ${params.max} 张有效证书（上限），请管理员吊销不用的设备证书后再申领`
        break
      case 'not_allowed_here':
        if (params.step) return `“${params.step}”步骤不能进行此操作`
        break
    }
  }
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.server_error
}
