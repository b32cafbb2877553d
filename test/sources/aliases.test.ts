// Issue 14, finding 2: every spelling a layout accepts for a column reads that column. For each alias of
// each export type's alias table (src/sources/*/layouts.ts), the documented header of a corpus file of that
// type has the column renamed to the alias, and must stage exactly what the documented name stages. A
// control first renames the column to a name no layout has: the records must change (or the file be
// refused), so the sample really exercises the column. Columns no documented header carries (and whose
// sample would not show them) are checked by resolution only, and say so in the test name.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import type {CorpusEntry} from '../../fixtures/generator/corpus.js'
import type {LayoutSet} from '../../src/sources/files/layouts.js'
import {expandMyobHeaders} from '../../src/sources/myob/headers.js'
import {MYOB} from '../../src/sources/myob/layouts.js'
import {XERO} from '../../src/sources/xero-csv/layouts.js'
import {CORPUS, type Extracted, extractEntry} from './corpus-helpers.js'

const TYPE_OF: Record<string, string> = {
  'myob accounts list': 'accounts',
  'myob customer cards': 'cards',
  'myob supplier cards': 'cards',
  'myob item sales': 'itemSales',
  'myob service sales': 'serviceSales',
  'myob item purchases': 'itemPurchases',
  'myob service purchases': 'servicePurchases',
  'myob general journal': 'journals',
  'myob spend money': 'spendMoney',
  'myob receive money': 'receiveMoney',
  'myob customer payments': 'customerPayments',
  'myob supplier payments': 'supplierPayments',
  'xero sales or bills': 'documents',
  'xero contacts': 'contacts',
  'xero chart of accounts': 'accounts',
  'xero items': 'items',
  'xero manual journals': 'journals',
}

const baselines = new Map<CorpusEntry, Promise<Extracted>>()
const baseline = (e: CorpusEntry) => {
  let b = baselines.get(e)
  if (!b) baselines.set(e, (b = extractEntry(e, undefined, true)))
  return b
}

/** Same records, and the file read as the same type. */
function same(a: Extracted, b: Extracted): boolean {
  try {
    assert.deepEqual(a.records, b.records)
    assert.deepEqual(
      a.units.map((u) => [u.type, u.status]),
      b.units.map((u) => [u.type, u.status]),
    )
    return true
  } catch {
    return false
  }
}

const carriers = new Map<string, Promise<{entry: CorpusEntry; index: number} | undefined>>()

/** A corpus file of the type whose documented header has the key, and the sample exercises it. */
function carrier(
  set: LayoutSet<string>,
  source: 'myob' | 'xero-csv',
  type: string,
  key: string,
): Promise<{entry: CorpusEntry; index: number} | undefined> {
  const k = `${source} ${type} ${key}`
  let found = carriers.get(k)
  if (!found) carriers.set(k, (found = findCarrier(set, source, type, key)))
  return found
}

async function findCarrier(
  set: LayoutSet<string>,
  source: 'myob' | 'xero-csv',
  type: string,
  key: string,
): Promise<{entry: CorpusEntry; index: number} | undefined> {
  for (const entry of CORPUS) {
    if (entry.source !== source || TYPE_OF[entry.header.export] !== type) continue
    const names = source === 'myob' ? expandMyobHeaders(entry.header.columns) : [...entry.header.columns]
    const index = names.findIndex((n) => set.keyOf(type, n) === key)
    if (index < 0) continue
    const control = [...entry.header.columns]
    control[index] = 'Zz Not A Column'
    const renamed = await extractEntry(entry, undefined, true, control)
    if (!same(renamed, await baseline(entry))) return {entry, index}
  }
  return undefined
}

const SETS: ['myob' | 'xero-csv', LayoutSet<string>][] = [
  ['myob', MYOB as LayoutSet<string>],
  ['xero-csv', XERO as LayoutSet<string>],
]

for (const [source, set] of SETS) {
  for (const layout of set.layouts) {
    if (layout.notMigrated) continue
    for (const column of layout.columns) {
      for (const alias of column.names) {
        test(`${source} ${layout.type}: "${alias}" reads the ${column.key} column`, async (t) => {
          assert.equal(set.keyOf(layout.type, alias), column.key, 'the alias resolves to the column')
          const found = await carrier(set, source, layout.type, column.key)
          if (!found) {
            t.diagnostic('no documented header of this export carries the column in use: resolution only')
            return
          }
          const labels = [...found.entry.header.columns]
          labels[found.index] = alias
          const read = await extractEntry(found.entry, undefined, true, labels)
          assert.ok(
            same(read, await baseline(found.entry)),
            `${found.entry.file} with "${alias}" for "${found.entry.header.columns[found.index]}" stages something else: ${JSON.stringify(read.units)}`,
          )
        })
      }
    }
  }
}
