import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import Database from 'better-sqlite3'

import {inTransaction, openStaging} from '../src/staging/index.js'
import {type Benchmark, compare, measure} from './harness.js'

const N = 100_000

function records() {
  return Array.from({length: N}, (_, i) => ({
    sourceId: `INV-${String(i).padStart(6, '0')}`,
    record: {
      number: `INV-${i}`,
      contact: `C${i % 500}`,
      date: '2024-07-01',
      total: `${(i % 997) + 0.5}`,
      lines: [{amount: '10.00'}],
    },
  }))
}

/** The staging repository's overhead (stable JSON, content hash, idempotent upsert) over raw SQLite inserts. */
const bench: Benchmark = {
  name: 'staging-upsert',
  description: `stage ${N} records through StagedRecordsRepo vs raw better-sqlite3 inserts of the same JSON`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qbo-bench-'))
    try {
      const data = records()
      const baseline = await measure('raw insert', () => {
        const db = new Database(join(dir, 'raw.db'))
        db.pragma('journal_mode = WAL')
        db.exec('CREATE TABLE t (kind TEXT, source_id TEXT, json TEXT, UNIQUE (kind, source_id))')
        const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)')
        db.transaction(() => {
          for (const r of data) insert.run('invoice', r.sourceId, JSON.stringify(r.record))
        })()
        db.close()
        return N
      })
      const subject = await measure('StagedRecordsRepo.upsert', () => {
        const staging = openStaging(join(dir, 'staging.db'))
        inTransaction(staging.db, () => {
          for (const r of data) staging.staged.upsert('xero-csv', 'invoice', r.sourceId, r.record)
        })
        staging.close()
        return N
      })
      return compare(bench.name, bench.description, baseline, subject, {target: {maxRatio: 4}})
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  },
}

export default bench
