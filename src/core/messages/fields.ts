// The Chinese name of each command payload field, for the refusal that names it, and what can be
// wrong with a field (src/core/command/payloadProblem.ts gives the problem code).
export const FIELD_NAMES: Record<string, string> = {
  title: '标题', name: '名称', username: '用户名', access: '权限', start: '开始时间', end: '结束时间', due: '办结时限',
  from: '借阅起始日期', until: '借阅截止日期', seats: '座位数', location: '地点', equipment: '设备', approver: '审核人',
  available: '是否可用', reason: '理由', opinion: '意见', message: '催办内容', result: '办理结果', to: '办理人',
  next: '下一步骤', mode: '办理方式', limit: '办理时限', main: '主办', assist: '协办', circulate: '传阅人', fields: '登记信息',
  ink: '手写意见', signature: '电子签章', seal: '印章', perforation: '骑缝章', sealData: '签章数据', rendition: '版式文件', visit: '办理环节', onBehalfOf: '代办对象',
  holders: '持章人', typeName: '印章类型', validStart: '有效期起始日期', validEnd: '有效期截止日期', picture: '印章图片', esID: '印章编码',
  booking: '会议申请', room: '会议室', roomId: '会议室', category: '会议类型', invitees: '参会人员', observers: '列席人员',
  headcount: '参会人数', setup: '会场布置', note: '备注', id: '编号', answer: '回执', substitute: '代参会人', user: '签到人员',
  code: '档号', takers: '记录人', text: '督办事项', owner: '责任人', task: '督办事项', doc: '公文', retention: '保管期限',
  org: '机构代码', locks: '锁定的签名', lockedSm3: '锁定签名的杂凑值', loan: '借阅申请', approve: '审批结论', changes: '更正内容',
  responsible: '责任者', keywords: '主题词', fondsCode: '全宗号', fondsName: '全宗名称', agencyName: '立档单位名称',
  archiveName: '档案馆名称', archiveCode: '档案馆代码',
}

export const FIELD_PROBLEMS: Record<string, string> = {
  missing: '未填写',
  too_long: '过长',
  too_many: '数量过多',
  too_few: '数量不足',
  too_big: '超出允许范围',
  too_small: '低于允许范围',
  not_a_date: '不是有效的日期或时间',
  bad_type: '格式不正确',
  bad_format: '格式不正确',
  not_allowed: '不是允许的取值',
}
