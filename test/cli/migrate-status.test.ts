import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {openStaging} from '../../src/staging/index.js'
import {MIGRATIONS} from '../../src/staging/schema.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

describe('qbo migrate status', () => {
  it('prints one JSON document for a new database and exits 0', async (t) => {
    const db = join(tempDir(t), 'x.db')
    openStaging(db).close()
    const result = await runCli(['migrate', 'status', '--json', '--db', db])
    assert.equal(result.code, 0, result.stderr)
    const doc = JSON.parse(result.stdout) as {schemaVersion: number; staged: object; runs: unknown[]}
    assert.equal(doc.schemaVersion, MIGRATIONS.length)
    assert.deepEqual(doc.staged, {})
    assert.deepEqual(doc.runs, [])
  })

  it('takes the database from QBO_MIGRATION_DB', async (t) => {
    const db = join(tempDir(t), 'env.db')
    openStaging(db).close()
    const result = await runCli(['migrate', 'status', '--json'], {env: {QBO_MIGRATION_DB: db}})
    assert.equal(result.code, 0, result.stderr)
    assert.equal((JSON.parse(result.stdout) as {db: string}).db, db)
  })

  it('shows a load whose process was killed as interrupted, not running', async (t) => {
    const db = join(tempDir(t), 'killed.db')
    const staging = openStaging(db)
    // A process id no system hands out: the load that wrote this row is gone.
    staging.runs.start({kind: 'load', realmId: 'R1', options: {pid: 2 ** 22 + 4321}})
    staging.close()
    const result = await runCli(['migrate', 'status', '--json', '--db', db])
    assert.equal(result.code, 0, result.stderr)
    const doc = JSON.parse(result.stdout) as {runs: {kind: string; status: string}[]}
    assert.deepEqual(
      doc.runs.map((r) => [r.kind, r.status]),
      [['load', 'interrupted']],
    )
  })

  it('shows the latest reconciliation, and the command that resumes an interrupted load (#17)', async (t) => {
    const db = join(tempDir(t), 'reconciled.db')
    const staging = openStaging(db)
    const rec = staging.runs.start({kind: 'reconcile', realmId: 'R1'})
    staging.runs.finish(rec.id, 'finished', {matchRate: 0.975, withinTolerance: false, out: 'june.xlsx'})
    staging.runs.start({kind: 'load', realmId: 'R1', options: {pid: 2 ** 22 + 4321}})
    staging.close()
    const [json, text] = await Promise.all([
      runCli(['migrate', 'status', '--json', '--db', db]),
      runCli(['migrate', 'status', '--db', db]),
    ])
    assert.equal(json.code, 0, json.stderr)
    const doc = JSON.parse(json.stdout) as {reconciled: {matchRate: number; withinTolerance: boolean}}
    assert.equal(doc.reconciled.matchRate, 0.975)
    assert.equal(doc.reconciled.withinTolerance, false)
    assert.match(text.stdout, /match rate 97\.5%, OUTSIDE tolerance; workbook june\.xlsx/)
    assert.match(text.stdout, /is interrupted: `qbo migrate load --resume --db .*reconciled\.db` finishes it/)
  })

  it('answers a usage error with exit code 2 and a JSON error with a next step', async () => {
    const result = await runCli(['migrate', 'status', '--json', '--no-such-flag'])
    assert.equal(result.code, 2)
    const doc = JSON.parse(result.stdout) as {error: {code: string; message: string; next: string}}
    assert.equal(doc.error.code, 'USAGE')
    assert.match(doc.error.next, /--help/)
  })

  it('prints a readable error without a stack trace when not --json', async () => {
    const result = await runCli(['migrate', 'status', '--no-such-flag'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /^Error: /)
    assert.doesNotMatch(result.stderr, /\n\s+at /)
  })
})
