// Machine-readable error codes and the Chinese text a user sees for each. The server answers
// with both; clients show the text (or look the code up here when offline).
export const ERROR_MESSAGES = {
  bad_request: '请求格式不正确',
  bad_credentials: '用户名或密码错误',
  unauthenticated: '登录已失效，请重新登录',
  forbidden: '您没有此操作的权限',
  not_found: '对象不存在',
  no_such_user: '用户不存在',
  room_exists: '该文档已存在',
  not_owner: '只有文档创建人可以共享文档',
  too_large: '内容过大，已拒绝',
  rate_limited: '操作过于频繁，请稍后再试',
  server_error: '服务器内部错误，请稍后再试',
  network: '无法连接服务器，已保存在本地，联网后自动同步',
  bad_public_key: '公钥不是有效的 SM2 公钥',
  bad_command: '操作格式不正确',
  unknown_command: '不支持的操作',
  actor_mismatch: '操作人与登录用户不一致',
  clock_skew: '本机时间与服务器相差过大，请校准时间后重试',
  not_enrolled: '尚未申领数字证书，请重新登录以申领',
  bad_signature: '操作的数字签名无效',
  certificate_revoked: '签名证书已被吊销',
  certificate_expired: '签名证书不在有效期内',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export function errorMessage(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.server_error
}
