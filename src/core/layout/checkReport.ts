// The 四性检测 report as a page model (for its PDF): the record, when and at which stage it was
// checked, the verdict, then every item — code, name, result, reason.
import type { CheckReport } from '../archive/fourChecks'
import { formatDateTime } from '../text/formatDate'
import { BODY } from './geometry'
import { layoutTable } from './form'
import type { PageModel } from './page'

const RESULT = { pass: '通过', fail: '未通过', not_run: '未执行' } as const
const STAGE = { GD: '归档', YJ: '移交与接收' } as const

export function layoutCheckReport(r: CheckReport, title: string): PageModel {
  return layoutTable({
    heading: '电子档案四性检测报告',
    title: `四性检测报告：${r.archivalCode}`,
    facts: [
      ['档号', r.archivalCode || '（无法读取）'],
      ['题名', title],
      ['检测环节', `${STAGE[r.stage]}（DA/T 70-2018）`],
      ['检测时间', formatDateTime(new Date(r.checkedAt))],
      ['信息包 SM3', r.packageSm3],
      ['结论', r.ok ? '通过：无未通过项' : `未通过：${r.items.filter((i) => i.result === 'fail').map((i) => i.code).join('、')}`],
    ],
    columns: [22, 44, 18, BODY.width - 22 - 44 - 18],
    rows: [['编号', '检测项目', '结果', '说明'], ...r.items.map((i) => [i.code, i.name, RESULT[i.result], i.reason])],
    face: (c) => (c === 3 ? 'kaiti' : 'fangsong'),
  })
}
