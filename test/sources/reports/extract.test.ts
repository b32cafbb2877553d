import assert from 'node:assert/strict'
import {copyFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {runExtract} from '../../../src/sources/run-extract.js'
import {silentLogger} from '../../../src/ui/logger.js'
import {tempDir, tempStaging} from '../../helpers/temp.js'

const DEMO = fileURLToPath(new URL('../../../fixtures/demo/', import.meta.url))

function copyFolder(t: Parameters<typeof tempDir>[0], from: string): string {
  const dir = tempDir(t)
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(dir, name))
  return dir
}

describe('extract: the source reports beside the exports', () => {
  it('stages the Xero CSV folder: its reports as source reports, the exports as records, nothing rejected', async (t) => {
    const {staging} = tempStaging(t)
    const folder = copyFolder(t, join(DEMO, 'xero-csv'))
    const first = await runExtract(staging, {from: 'xero-csv', path: folder, logger: silentLogger})
    assert.deepEqual(
      first.files.filter((f) => f.status === 'rejected'),
      [],
    )
    const reports = first.files.filter((f) => f.type.startsWith('xero-csv:report:'))
    assert.deepEqual(reports.map((f) => [f.type, f.status]).sort(), [
      ['xero-csv:report:agedPayables', 'staged'],
      ['xero-csv:report:agedReceivables', 'staged'],
      ['xero-csv:report:trialBalance', 'staged'],
    ])
    assert.ok((first.counts.invoice ?? 0) > 400, 'the exports are staged as before')
    const tb = staging.sourceReports.at('trialBalance', '2024-08-31')
    assert.equal(tb?.sourceSystem, 'xero-csv')
    assert.ok(tb && tb.report.rows.length >= 7)

    // The same files again change nothing; a report exported again for the same date replaces the earlier.
    const again = await runExtract(staging, {from: 'xero-csv', path: folder, logger: silentLogger})
    assert.ok(again.files.filter((f) => f.type.includes(':report:')).every((f) => f.status === 'unchanged'))
  })

  it('refuses a report it cannot read with file and line, and still stages the other files', async (t) => {
    const {staging} = tempStaging(t)
    const folder = copyFolder(t, join(DEMO, 'myob'))
    writeFileSync(
      join(folder, 'broken.csv'),
      'Trial Balance\r\nHarbourside Trading Pty Ltd\r\nAs of 30/06/2024\r\n\r\nAccount No.,Account Name,Debit,Credit\r\n1-1110,Bank,12x.00,\r\n',
    )
    const result = await runExtract(staging, {from: 'myob', path: folder, logger: silentLogger})
    const broken = result.files.find((f) => f.path.endsWith('broken.csv'))
    assert.equal(broken?.status, 'rejected')
    assert.match(
      broken?.error?.message ?? '',
      /broken\.csv, line 6, column Debit: "12x\.00" is not an amount/,
    )
    assert.ok(staging.sourceReports.at('trialBalance', '2024-06-30'), 'the good trial balance is staged')
    assert.ok((result.counts.invoice ?? 0) > 400)
  })

  it('a dry run reads the reports and stages nothing', async (t) => {
    const {staging} = tempStaging(t)
    const result = await runExtract(staging, {
      from: 'myob',
      path: join(DEMO, 'myob'),
      dryRun: true,
      logger: silentLogger,
    })
    const reports = result.files.filter((f) => f.type.includes(':report:'))
    assert.equal(reports.length, 3)
    assert.ok(reports.every((f) => f.status === 'dry-run' && f.records > 0))
    assert.deepEqual(staging.sourceReports.list(), [])
  })
})
