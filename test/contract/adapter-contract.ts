/**
 * The contract every source adapter passes (Xero CSV, MYOB, and the Xero API adapter): run it from a test
 * file with a factory that builds a fresh adapter over the same input each time.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {
  parseCanonical,
  type BankTransaction,
  type ManualJournal,
  type TradeDocument,
} from '../../src/domain/canonical.js'
import {documentTotalProblems, journalProblems} from '../../src/domain/canonical-checks.js'
import type {StagedKind} from '../../src/domain/entities.js'
import {contentHash} from '../../src/domain/ids.js'
import type {SourceAdapter, StagedItem} from '../../src/sources/adapter.js'
import {extractToStaging} from '../../src/sources/extract.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempStaging} from '../helpers/temp.js'

const DOCUMENT_KINDS = new Set(['invoice', 'creditNote', 'bill', 'supplierCredit', 'bankTransaction'])
const JOURNAL_KINDS = new Set(['manualJournal', 'openingBalance'])

async function collect(adapter: SourceAdapter): Promise<StagedItem[]> {
  const items: StagedItem[] = []
  for await (const unit of adapter.units({checkpoint: () => undefined})) {
    // A retraction (a record the source reports deleted) carries no record to check, only its id.
    for await (const item of unit.records()) {
      if (item.retracted) assert.ok(item.id, `a ${item.kind} retraction has no id`)
      else items.push(item)
    }
    // As the engine does once it has committed the unit.
    unit.committed?.()
  }
  return items
}

/** Every numeric-looking leaf must be a string: money and quantities never travel as JS numbers. */
function floatPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return /lineNo|days$/.test(path) ? [] : [path]
  if (Array.isArray(value)) return value.flatMap((v, i) => floatPaths(v, `${path}[${i}]`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => floatPaths(v, path ? `${path}.${k}` : k))
  return []
}

export interface ContractOptions {
  /** The staged kinds this input must produce at least one of (guards against an adapter staging nothing). */
  expectKinds: StagedKind[]
}

export function runAdapterContract(
  name: string,
  makeAdapter: () => SourceAdapter,
  options: ContractOptions,
): void {
  test(`${name}: every record has a non-null source id, unique per kind, equal to record.id`, async () => {
    const items = await collect(makeAdapter())
    assert.ok(items.length > 0)
    const seen = new Set<string>()
    for (const item of items) {
      assert.ok(item.id, `a ${item.kind} has no id`)
      assert.equal((item.record as {id?: string}).id, item.id)
      const key = `${item.kind}:${item.id}`
      assert.ok(!seen.has(key), `${key} is emitted twice`)
      seen.add(key)
    }
    for (const kind of options.expectKinds)
      assert.ok(
        items.some((i) => i.kind === kind),
        `no ${kind} staged`,
      )
  })

  test(`${name}: records come out in the same order with the same content every time`, async () => {
    const a = await collect(makeAdapter())
    const b = await collect(makeAdapter())
    assert.deepEqual(
      a.map((i) => [i.kind, i.id, contentHash(i.record)]),
      b.map((i) => [i.kind, i.id, contentHash(i.record)]),
    )
  })

  test(`${name}: records validate, amounts are exact decimal strings, documents add up, journals balance`, async () => {
    for (const item of await collect(makeAdapter())) {
      const parsed = parseCanonical(item.kind, item.record)
      assert.deepEqual(parsed, item.record, `${item.kind} ${item.id} is not already canonical`)
      assert.deepEqual(floatPaths(item.record), [], `${item.kind} ${item.id} carries numbers`)
      if (DOCUMENT_KINDS.has(item.kind)) {
        assert.deepEqual(
          documentTotalProblems(item.record as TradeDocument | BankTransaction),
          [],
          `${item.kind} ${item.id}`,
        )
      }
      if (JOURNAL_KINDS.has(item.kind)) {
        assert.deepEqual(journalProblems(item.record as ManualJournal), [], `${item.kind} ${item.id}`)
      }
    }
  })

  test(`${name}: re-extracting the same input changes nothing`, async (t) => {
    const {staging} = tempStaging(t)
    const first = await extractToStaging(staging, makeAdapter(), {logger: silentLogger})
    assert.ok(
      first.files.every((f) => f.status !== 'rejected'),
      JSON.stringify(first.files.filter((f) => f.error)),
    )
    const snapshot = () =>
      staging.db
        .prepare('SELECT kind, source_id, content_hash, staged_at FROM staged_records ORDER BY 1, 2')
        .all()
    const before = snapshot()
    const second = await extractToStaging(staging, makeAdapter(), {logger: silentLogger})
    assert.deepEqual(snapshot(), before)
    assert.ok(
      second.files.every((f) => f.status === 'unchanged'),
      JSON.stringify(second.files),
    )
    assert.deepEqual(second.counts, first.counts)
  })
}
