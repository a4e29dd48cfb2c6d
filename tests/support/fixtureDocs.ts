// Real 公文 from tests/fixtures as renditions, for layout, PDF and end-to-end tests.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CONTENT_META_DEFAULTS, textToPm, type Rendition } from '../../src/core/docflow'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8')
}

/** 海政发〔2022〕114号: the 通知 with its 实施方案 as the body, 附件说明, 署名 and 版记. */
export function haizhouNotice(): Rendition {
  const lines = fixtureText('haizhou-notice-2022.txt').split('\n').map((l) => l.trim())
  const intro = lines.find((l) => l.startsWith('《加快统筹推进'))!
  const start = lines.findIndex((l) => l.startsWith('为深入贯彻新发展理念'))
  const end = lines.findIndex((l) => l.startsWith('附件:'))
  const body = [intro, ...lines.slice(start, end).filter((l) => l !== '')].join('\n')
  return {
    content: {
      meta: {
        ...CONTENT_META_DEFAULTS,
        docType: '通知',
        title: '区政府关于印发加快统筹推进数字政府高质量建设实施方案的通知',
        classification: '非密',
        urgency: '平件',
        issuerMark: '海州区人民政府文件',
        mainTo: '各镇人民政府、街道办事处，各园区办，各有关单位',
        attachmentNote: ['名词解释'],
        issuerName: '海州区人民政府',
        cc: '区委各部门，区人大常委会办公室，区政协办公室，区纪委监委，区法院，区检察院',
        printer: '海州区人民政府办公室',
      },
      body: textToPm(body),
      files: [],
    },
    docNumber: '海政发〔2022〕114号',
    signers: [],
    issueDate: '2022-08-26',
    printDate: '2022-08-26',
  }
}
