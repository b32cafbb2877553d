import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import Database from 'better-sqlite3'
import {parse} from 'csv-parse'
import {createReadStream} from 'node:fs'

import {writeLargeXeroSales} from '../fixtures/generator/xero-csv.js'
import {sha256Hex} from '../src/domain/ids.js'
import {type Benchmark, compare, type Measurement, measure} from './harness.js'

const LINES = Number(process.env.BENCH_EXTRACT_LINES ?? 1_000_000)

function hasSqliteCli(): boolean {
  return spawnSync('sqlite3', ['-version'], {stdio: 'ignore'}).status === 0
}

/**
 * Extract of a generated Xero sales export (LINES line rows, streamed) vs loading the same CSV raw into SQLite:
 * `sqlite3 .import` when the CLI exists, else a better-sqlite3 bulk insert of the csv-parse rows (said so in
 * the result). Peak RSS covers the extract (the baseline runs in a child process or before it).
 */
/**
 * What any extract built on the fixed choices must do, with no mapping or checks at all: csv-parse the file,
 * group rows by invoice number, write each group as JSON, sha256 it (the content hash) and insert it into
 * SQLite in one transaction. The extract's ratio cannot go below this floor's on one core.
 */
async function stagingFloor(csv: string, dbPath: string): Promise<number> {
  const db = new Database(dbPath)
  db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, json TEXT NOT NULL, hash TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO docs VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING')
  const save = (id: string, rows: string[][]) => {
    const json = JSON.stringify(rows)
    insert.run(id, json, sha256Hex(json))
  }
  let numberAt = -1
  let current = ''
  let rows: string[][] = []
  let documents = 0
  db.exec('BEGIN')
  for await (const rec of createReadStream(csv).pipe(parse({relax_column_count: true})) as AsyncIterable<
    string[]
  >) {
    if (numberAt < 0) {
      numberAt = rec.indexOf('InvoiceNumber')
      continue
    }
    const id = rec[numberAt] ?? ''
    if (id !== current && rows.length) {
      save(current, rows)
      documents++
      rows = []
    }
    current = id
    rows.push(rec)
  }
  if (rows.length) save(current, rows)
  db.exec('COMMIT')
  db.close()
  return documents + 1
}

const bench: Benchmark = {
  name: 'extract-xero-csv',
  description: `extract a Xero sales export with ${LINES} line rows into staging vs sqlite3 .import of the same CSV`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qbo-bench-extract-'))
    try {
      const input = join(dir, 'in')
      mkdirSync(input)
      const csv = join(input, 'Sales Invoices.csv')
      writeLargeXeroSales(csv, 7, LINES)
      const cli = hasSqliteCli()
      const baseline = cli
        ? await measure('sqlite3 .import', () => {
            const res = spawnSync(
              'sqlite3',
              [join(dir, 'import.db'), '.mode csv', `.import '${csv}' sales`],
              {
                stdio: ['ignore', 'ignore', 'pipe'],
              },
            )
            if (res.status !== 0) throw new Error(`sqlite3 .import failed: ${res.stderr.toString()}`)
            return LINES
          })
        : await measure('better-sqlite3 raw insert (no sqlite3 CLI)', async () => {
            const db = new Database(join(dir, 'raw.db'))
            db.exec('CREATE TABLE sales (fields TEXT)')
            const insert = db.prepare('INSERT INTO sales VALUES (?)')
            db.exec('BEGIN')
            for await (const rec of createReadStream(csv).pipe(parse()) as AsyncIterable<string[]>)
              insert.run(JSON.stringify(rec))
            db.exec('COMMIT')
            db.close()
            return LINES
          })
      // The floor under any extract built on csv-parse (a fixed choice): reading the rows and nothing else.
      const parseOnly = await measure('csv-parse alone', async () => {
        let rows = 0
        for await (const _ of createReadStream(csv).pipe(parse({relax_column_count: true}))) rows++
        return rows
      })
      const floor = await measure('fixed-choice floor', () => stagingFloor(csv, join(dir, 'floor.db')))
      // In a child process: its peak RSS is the extract's own (this process generated the file and ran the
      // floors). It runs as the CLI does, with the parse on a worker thread for a file this size.
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(new URL('./extract-subject.ts', import.meta.url)),
          input,
          join(dir, 'staging.db'),
        ],
        {encoding: 'utf8', maxBuffer: 1 << 20},
      )
      if (run.status !== 0) throw new Error(`extract failed: ${run.stderr}`)
      const child = JSON.parse(run.stdout) as {
        ms: number
        cpuMs: number
        peakRssMb: number
        documents: number
      }
      const documents = child.documents
      const subject: Measurement = {
        label: 'qbo migrate extract',
        ms: child.ms,
        cpuMs: child.cpuMs,
        peakRssMb: child.peakRssMb,
        items: LINES,
      }
      return compare(bench.name, bench.description, baseline, subject, {
        // #18: at most 4x sqlite3 .import, under 300 MB (worker threads allowed).
        target: {maxRatio: 4, maxPeakRssMb: 300},
        extra: {
          lines: LINES,
          documents,
          csvMb: Math.round(statSync(csv).size / 1e6),
          csvParseAloneMs: Math.round(parseOnly.ms),
          csvParseAloneRatio: Number((parseOnly.ms / baseline.ms).toFixed(2)),
          floorMs: Math.round(floor.ms),
          floorRatio: Number((floor.ms / baseline.ms).toFixed(2)),
          baseline: cli
            ? 'sqlite3 CLI .import'
            : 'sqlite3 CLI not found: better-sqlite3 bulk insert of raw rows',
        },
      })
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  },
}

export default bench
