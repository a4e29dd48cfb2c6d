// What the server prints to its operator at start (the CA's passphrase). Flags stay English.
export const SERVER_MESSAGES = {
  caPassphraseWrong: 'CA 私钥口令错误：无法解开已加密的 CA 私钥（未改动任何文件）。请检查 --ca-passphrase-file 指定的口令文件',
  caPassphraseMissing: 'CA 私钥已加密保存：须以 --ca-passphrase-file <口令文件> 启动服务器',
  caPassphraseEmpty: (path: string) => `口令文件为空：${path}`,
  caPassphraseUnreadable: (path: string) => `无法读取口令文件：${path}`,
  caKeyDamaged: (name: string) => `CA 私钥 ${name} 已损坏：解密后的私钥与其公钥不符`,
  caPlainWarning: '警告：CA 私钥（含审计检查点签名密钥）以明文保存在存储中。请以 --ca-passphrase-file <口令文件> 启动，私钥将以 SM4 加密保存',
}
