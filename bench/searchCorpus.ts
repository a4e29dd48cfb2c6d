// The benchmark's corpus: 10,000 documents of real length made from the five public documents in
// tests/fixtures and bench/fixtures (simplified and traditional, with their noise), each a seeded
// mix of their paragraphs with other places, years and numbers, some converted to traditional
// script, with opinions and attachment names — so no two are alike and the vocabulary is real.
import { readFileSync } from 'node:fs'
import * as OpenCC from 'opencc-js'
import type { SearchDoc } from '../src/core/search'

const FILES = [
  '../tests/fixtures/haizhou-notice-2022.txt',
  'fixtures/heilongjiang-opinion-2022.txt',
  'fixtures/neimenggu-plan-2024.txt',
  'fixtures/qinghai-interpretation-2023.txt',
  'fixtures/zhejiang-plan-2021.txt',
]
const PLACES = ['海州', '连云港', '黑龙江', '内蒙古', '浙江', '青海', '江苏', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '宁夏', '新疆', '西藏', '吉林', '辽宁', '河北', '山西', '天津', '重庆', '上海', '北京', '苏州', '无锡', '徐州', '扬州', '泰州', '盐城', '淮安']
const PLACE_RE = /海州|连云港|黑龍江|黑龙江|內蒙古|内蒙古|浙江|青海/g
const TITLES = ['关于加快推进{p}数字政府建设的通知', '{p}关于进一步优化营商环境的实施意见', '关于印发{p}{y}年政务服务工作要点的通知', '{p}关于加强数据安全管理的函', '关于{p}一网通办改革进展情况的报告', '{p}关于申请{y}年度信息化项目经费的请示', '关于召开{p}数字政府建设推进会的通知', '{p}人民政府关于{y}年度财政预算执行情况的报告', '关于开展{p}网络安全检查工作的通知', '{p}关于公共数据开放共享的实施方案']
const OPINIONS = ['同意，请按程序办理。', '请办公室会同财务处研究提出意见。', '已阅。', '拟同意，呈王厅长审示。', '请抓紧落实，按时报送进展情况。', '建议修改第三部分表述后再报。', '同意印发。']
const ATTACHMENTS = ['名词解释.pdf', '任务分工表.xlsx', '项目预算明细.pdf', '工作进度安排.docx', '专家评审意见.pdf', 'IPv6改造方案.pdf', '5G基站布局图.png']
const LEVELS = ['非密', '非密', '非密', '秘密', '机密'] as const
const KINDS = ['doc', 'doc', 'doc', 'doc', 'meeting', 'record'] as const

/** mulberry32: the same corpus on every run */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function paragraphs(): string[] {
  const out: string[] = []
  for (const f of FILES) {
    for (const line of readFileSync(new URL(f, import.meta.url), 'utf8').split('\n')) {
      const l = line.trim()
      if ([...l].length >= 12) out.push(l)
    }
  }
  return out
}

export function makeCorpus(count: number, seed = 16): SearchDoc[] {
  const rand = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const paras = paragraphs()
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })
  const docs: SearchDoc[] = []
  for (let i = 0; i < count; i++) {
    const place = pick(PLACES)
    const year = 2019 + Math.floor(rand() * 8)
    const n = 12 + Math.floor(rand() * 30)
    const start = Math.floor(rand() * paras.length)
    const body: string[] = []
    for (let k = 0; k < n; k++) {
      // runs of consecutive paragraphs, as a real document reads, with jumps between them
      const at = rand() < 0.7 ? (start + k) % paras.length : Math.floor(rand() * paras.length)
      body.push(paras[at]!.replace(PLACE_RE, () => (rand() < 0.6 ? place : pick(PLACES))).replace(/20[12]\d年/g, () => `${year - Math.floor(rand() * 3)}年`).replace(/\d{2,3}(?=[个项家万%])/g, () => String(10 + Math.floor(rand() * 990))))
    }
    let title = pick(TITLES).replace('{p}', place).replace('{y}', String(year))
    let text = body.join('\n')
    // a fifth of the documents are written in traditional script throughout
    if (rand() < 0.2) {
      title = toTraditional(title)
      text = toTraditional(text)
    }
    const month = 1 + Math.floor(rand() * 12)
    const day = 1 + Math.floor(rand() * 28)
    const extra = [`${place}政发〔${year}〕${1 + Math.floor(rand() * 200)}号`, pick(OPINIONS), pick(OPINIONS), pick(ATTACHMENTS)].join('\n')
    docs.push({ id: `doc:${i}`, kind: pick(KINDS), title, body: text, extra, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, classification: pick(LEVELS) })
  }
  return docs
}

/** What people type: two-character words, traditional spellings, Latin and digits, phrases, places. */
export const QUERIES = [
  '数字', '政务', '建设', '网络', '安全', '数据', '平台', '改革', '服务', '监管', '预算', '档案', '会议', '考核',
  '數據', '政務服務', '網絡安全', '一網通辦', '數字政府', '體系', '營商環境', '資源共享', '審批',
  '5G', 'IPv6', '5G网络', 'APP', '12345', '12345热线', 'CIM', '2035', 'gov',
  '数字政府建设', '一网通办', '营商环境', '政务服务效能', '数据共享交换', '财政预算执行', '网络安全检查',
  '海州', '青海省', '内蒙古自治区', '连云港市', '名词解释', '任务分工表',
]
