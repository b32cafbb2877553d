import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {extractToStaging} from '../../../src/sources/extract.js'
import {myobAdapter} from '../../../src/sources/myob/adapter.js'
import {xeroCsvAdapter} from '../../../src/sources/xero-csv/adapter.js'
import {silentLogger} from '../../../src/ui/logger.js'
import {tempDir, tempStaging} from '../../helpers/temp.js'
import {BAD_CASES, GOOD_MYOB, GOOD_XERO} from './cases.js'

test('the corpus covers at least 12 kinds of broken file', () => {
  assert.ok(BAD_CASES.length >= 12)
})

for (const c of BAD_CASES) {
  test(`bad input: ${c.name} is refused with file, line, column and reason; the good file still stages`, async (t) => {
    const dir = tempDir(t)
    const good = c.source === 'xero-csv' ? GOOD_XERO : GOOD_MYOB
    writeFileSync(join(dir, good.file), good.content)
    const badPath = join(dir, c.file)
    writeFileSync(badPath, c.content)
    const {staging} = tempStaging(t)
    const adapter = c.source === 'xero-csv' ? xeroCsvAdapter({path: dir}) : myobAdapter({path: dir})
    const result = await extractToStaging(staging, adapter, {logger: silentLogger})

    const bad = result.files.find((f) => f.path === badPath)
    assert.ok(bad, 'the bad file is listed')
    assert.equal(bad.status, 'rejected')
    const data = bad.error?.data as {file: string; line: number | null; column: string | null; reason: string}
    assert.equal(data.file, badPath)
    assert.equal(data.line, c.expect.line)
    assert.equal(data.column, c.expect.column)
    assert.match(data.reason, c.expect.reason)
    assert.match(bad.error?.message ?? '', /^.+: /)

    const goodFile = result.files.find((f) => f.path === join(dir, good.file))
    assert.equal(goodFile?.status, 'staged')
    const staged = staging.db
      .prepare(
        `SELECT sr.kind, sf.path FROM staged_records sr LEFT JOIN source_files sf ON sf.id = sr.source_file_id`,
      )
      .all() as {kind: string; path: string | null}[]
    assert.ok(
      staged.every((r) => r.path !== badPath),
      'nothing staged from the bad file',
    )
    assert.ok(staged.some((r) => r.kind === 'account' && r.path === join(dir, good.file)))
    assert.ok(
      !staging.sourceFiles.list().some((f) => f.path === badPath),
      'the bad file is not recorded as staged',
    )
  })
}
