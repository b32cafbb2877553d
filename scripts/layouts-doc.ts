/**
 * Rewrites the layout tables in docs/sources-files.md from the parser's own tables (src/sources/*\/layouts.ts):
 * `npm run docs:layouts`. test/sources/layouts-doc.test.ts fails when the doc and the tables differ.
 */
import {readFileSync, writeFileSync} from 'node:fs'

import {layoutsMarkdown, withLayouts} from '../src/sources/files/layouts-doc.js'
import {MYOB} from '../src/sources/myob/layouts.js'
import {XERO} from '../src/sources/xero-csv/layouts.js'

const file = new URL('../docs/sources-files.md', import.meta.url)
let doc = readFileSync(file, 'utf8')
doc = withLayouts(doc, 'xero-csv', layoutsMarkdown(XERO, 'xero-csv'))
doc = withLayouts(doc, 'myob', layoutsMarkdown(MYOB, 'myob'))
writeFileSync(file, doc)
console.log('docs/sources-files.md: layout tables rewritten')
