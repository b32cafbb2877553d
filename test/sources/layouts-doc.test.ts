// docs/sources-files.md lists, per export type, the columns read and the spellings accepted: generated from
// the parser's own layout tables, so the doc cannot drift from what the extract reads.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'

import {layoutsMarkdown, withLayouts} from '../../src/sources/files/layouts-doc.js'
import {MYOB} from '../../src/sources/myob/layouts.js'
import {XERO} from '../../src/sources/xero-csv/layouts.js'

test('docs/sources-files.md holds the layout tables as the parser has them (npm run docs:layouts)', () => {
  const doc = readFileSync(new URL('../../docs/sources-files.md', import.meta.url), 'utf8')
  let expected = withLayouts(doc, 'xero-csv', layoutsMarkdown(XERO, 'xero-csv'))
  expected = withLayouts(expected, 'myob', layoutsMarkdown(MYOB, 'myob'))
  assert.ok(
    doc === expected,
    'the layout tables in docs/sources-files.md are out of date: run `npm run docs:layouts`',
  )
  for (const layout of [...MYOB.layouts, ...XERO.layouts]) assert.ok(doc.includes(`#### ${layout.label}`))
})
