import { writeFileSync } from 'node:fs'
import { layoutDocument } from './src/core/layout'
import { writePdf } from './src/pdf/writePdf'
import { haizhouNotice } from './tests/support/fixtureDocs'
const m = layoutDocument(haizhouNotice())
console.log(m.pages.length, m.seal)
writeFileSync('/tmp/h.pdf', await writePdf(m, { date: new Date('2022-08-26T00:00:00+08:00') }))
