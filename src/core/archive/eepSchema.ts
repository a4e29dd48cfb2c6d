// Our schema of DA/T 48-2009 (with the DA/T 46 文书 metadata we carry), as data: which elements
// an EEP has, which are required, which repeat, which hold text. `validateEep` walks a parsed
// package against it and lists every departure — unknown, missing or mis-shaped elements.
import type { XmlNode, XmlValue } from './eepRead'

interface El {
  /** may be absent */
  optional?: boolean
  /** may occur more than once */
  repeat?: boolean
  /** element children; absent for a text element */
  children?: Record<string, El>
  /** required attributes */
  attrs?: string[]
}

const T: El = {}
const OT: El = { optional: true }

const SIGNATURE: Record<string, El> = {
  签名规则: T, 签名时间: T, 签名人: T, 签名结果: T, 证书块: { children: { 证书: { repeat: true } } }, 签名算法标识: T, 签名命令: T,
}

const CONTENT: Record<string, El> = {
  文件实体块: {
    children: {
      文件实体: {
        children: {
          聚合层次: T,
          来源: { children: { 档案馆名称: OT, 档案馆代码: OT, 全宗名称: T, 立档单位名称: T } },
          电子文件号: T,
          档号: { children: { 档号: T, 全宗号: T, 门类代码: T, 年度: T, 保管期限: T, 机构或问题: T, 件号: T } },
          内容描述: { children: { 题名: T, 关键词: OT, 文件编号: OT, 责任者: T, 日期: T, 文种: T, 紧急程度: OT, 主送: OT, 抄送: OT, 密级: T, 保密期限: OT } },
          形式特征: { children: { 文件组合类型: T, 件数: T, 页数: T, 语种: T, 稿本: T } },
          电子属性: { children: { 组件: { repeat: true, optional: true, attrs: ['文档标识符'], children: { 计算机文件名: T, 计算机文件大小: T, 格式信息: T, 用途: T, 杂凑值: { attrs: ['算法'] } } } } },
          电子签名: { optional: true, children: { 签名: { repeat: true, optional: true, attrs: ['文档标识符'], children: { 签名规则: T, 签名时间: T, 签名人: T, 签名算法标识: T } } } },
          存储位置: OT,
          权限管理: { optional: true, children: { 控制标识: OT, 利用权限: OT } },
          附注: OT,
          文档: {
            repeat: true, optional: true, attrs: ['文档标识符', '文档序号'],
            children: {
              文档数据: {
                attrs: ['文档数据标识符'],
                children: {
                  编码: {
                    attrs: ['编码标识符'],
                    children: { 电子属性: { children: { 格式信息: T, 计算机文件名: T, 计算机文件大小: T, 文档创建程序: OT } }, 编码描述: T, 反编码关键字: T, 编码数据: T },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  业务实体块: { children: { 业务实体: { repeat: true, optional: true, children: { 业务标识符: T, 机构人员标识符: T, 业务状态: T, 业务行为: T, 行为时间: T, 行为依据: OT, 行为描述: OT } } } },
  机构人员实体块: { children: { 机构人员实体: { repeat: true, optional: true, children: { 机构人员标识符: T, 机构人员类型: T, 机构人员名称: T, 组织机构代码: OT, 个人职位: OT } } } },
}

export const EEP_SCHEMA: Record<string, El> = {
  电子文件封装包: {
    children: {
      封装包格式描述: T,
      版本: T,
      被签名对象: {
        attrs: ['eep版本'],
        children: {
          封装包类型: T, 封装包类型描述: T, 封装包创建时间: T, 封装包创建单位: T,
          封装内容: { optional: true, children: CONTENT },
          修改封装内容: {
            optional: true,
            children: {
              附加信息: { children: { 修改标识符: T, 修改日期: T, 修改者: T, 修改原因: T } },
              原封装包: { attrs: ['杂凑值', '算法'] },
              修订内容: { children: CONTENT },
            },
          },
        },
      },
      电子签名块: { children: { 电子签名: { repeat: true, optional: true, attrs: ['签名标识符'], children: SIGNATURE } } },
      锁定签名: { optional: true, repeat: true, attrs: ['签名标识符'], children: { 被锁定签名标识符: T, ...SIGNATURE } },
    },
  },
}

export interface SchemaIssue { path: string; message: string }

const isText = (v: XmlValue): boolean => typeof v === 'string' || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k === '#text' || k.startsWith('@')))

function walk(value: XmlValue, spec: El, path: string, issues: SchemaIssue[]): void {
  const occurrences = Array.isArray(value) ? value : [value]
  if (occurrences.length > 1 && !spec.repeat) issues.push({ path, message: '不应重复出现' })
  for (const v of occurrences) {
    const obj = typeof v === 'object' && !Array.isArray(v) ? v : {}
    for (const a of spec.attrs ?? []) if (typeof obj[`@${a}`] !== 'string') issues.push({ path, message: `缺少属性 ${a}` })
    if (!spec.children) {
      if (!isText(v)) issues.push({ path, message: '应为文本，却含有子元素' })
      continue
    }
    if (typeof v === 'string' && v !== '') {
      issues.push({ path, message: '应含子元素，却只有文本' })
      continue
    }
    checkChildren(obj, spec.children, path, issues)
  }
}

function checkChildren(obj: XmlNode, children: Record<string, El>, path: string, issues: SchemaIssue[]): void {
  for (const key of Object.keys(obj)) {
    if (key.startsWith('@') || key.startsWith('?') || key === '#text') continue
    if (!children[key]) issues.push({ path: `${path}/${key}`, message: '不是本规范定义的元素' })
  }
  for (const [name, spec] of Object.entries(children)) {
    const v = obj[name]
    if (v === undefined) {
      if (!spec.optional) issues.push({ path: `${path}/${name}`, message: '缺少必备元素' })
      continue
    }
    walk(v, spec, `${path}/${name}`, issues)
  }
}

/** Every departure of a parsed package from the schema (empty when valid). */
export function validateEep(root: XmlNode): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  const top = Object.keys(root).filter((k) => k !== '?xml')
  if (top.length !== 1 || top[0] !== '电子文件封装包') return [{ path: '/', message: '根元素应为“电子文件封装包”' }]
  checkChildren(root, EEP_SCHEMA, '', issues)
  const sig = (root['电子文件封装包'] as XmlNode)['被签名对象'] as XmlNode | undefined
  if (sig && !!sig['封装内容'] === !!sig['修改封装内容']) issues.push({ path: '/电子文件封装包/被签名对象', message: '应含“封装内容”或“修改封装内容”之一' })
  return issues
}
