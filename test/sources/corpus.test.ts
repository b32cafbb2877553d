// Issue 14, acceptance: every MYOB and Xero CSV export type, under every header sources.md documents
// (fixtures/generator/documented-headers.ts, written by the generator's corpus), is recognised and read;
// reordering its columns or adding unknown ones changes nothing that is staged.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import fc from 'fast-check'

import {CORPUS, extractEntry, extractFiles} from './corpus-helpers.js'

/** What each documented export must be recognised as (this test's own table, not the parser's). */
const EXPECTED: Record<string, string> = {
  'myob accounts list': 'myob:accounts',
  'myob customer cards': 'myob:cards',
  'myob supplier cards': 'myob:cards',
  'myob item sales': 'myob:itemSales',
  'myob service sales': 'myob:serviceSales',
  'myob item purchases': 'myob:itemPurchases',
  'myob service purchases': 'myob:servicePurchases',
  'myob general journal': 'myob:journals',
  'myob spend money': 'myob:spendMoney',
  'myob receive money': 'myob:receiveMoney',
  'myob customer payments': 'myob:customerPayments',
  'myob supplier payments': 'myob:supplierPayments',
  'xero sales or bills': 'xero-csv:documents',
  'xero contacts': 'xero-csv:contacts',
  'xero chart of accounts': 'xero-csv:accounts',
  'xero items': 'xero-csv:items',
  'xero manual journals': 'xero-csv:journals',
}

test('the corpus has a file for every documented export type and variant', () => {
  assert.deepEqual([...new Set(CORPUS.map((e) => e.header.export))].sort(), Object.keys(EXPECTED).sort())
  assert.ok(CORPUS.length >= 25, `${CORPUS.length} documented headers`)
})

for (const entry of CORPUS) {
  test(`recognised and read: ${entry.header.export}, ${entry.header.variant} (${entry.header.source})`, async () => {
    const {units, records} = await extractEntry(entry)
    const unit = units.find((u) => u.file === entry.file)
    assert.ok(unit, 'the file is listed')
    assert.equal(unit.type, EXPECTED[entry.header.export], JSON.stringify(unit))
    assert.equal(unit.status, 'staged', JSON.stringify(unit))
    assert.ok(records.size > 0, 'records staged')
  })
}

/** Unknown columns a user (or another export version) may add: names no layout has. */
const extraColumns = fc
  .uniqueArray(fc.integer({min: 1, max: 99}), {maxLength: 3})
  .map((ns) => ns.map((n) => `Zz Unknown ${n}`))

// One entry per export type: the property runs a few shuffles of each.
const firstOfEach = CORPUS.filter(
  (e, i) => CORPUS.findIndex((x) => x.header.export === e.header.export) === i,
)

for (const entry of firstOfEach) {
  test(`property: shuffled columns and unknown extra columns stage the same records (${entry.header.export})`, async () => {
    const baseline = await extractEntry(entry, undefined, true)
    assert.ok(baseline.records.size > 0)
    if (entry.source === 'myob') {
      // The continuation headers AccountRight writes (`- Line 2`) read as the full names.
      const continued = await extractEntry(entry)
      assert.deepEqual(continued.records, baseline.records)
    }
    const columns = [...entry.header.columns]
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(columns, {minLength: columns.length}),
        extraColumns,
        fc.nat(),
        async (order, extra, at) => {
          const withExtra = [...order]
          extra.forEach((name, i) => withExtra.splice((at + i) % (withExtra.length + 1), 0, name))
          const shuffled = await extractEntry(entry, withExtra, true)
          assert.deepEqual(
            shuffled.units.map((u) => [u.type, u.status]),
            baseline.units.map((u) => [u.type, u.status]),
          )
          assert.deepEqual(shuffled.records, baseline.records)
        },
      ),
      {numRuns: 4, seed: 14},
    )
  })
}

test('a whole documented folder (every export at once) extracts without a refusal', async () => {
  for (const source of ['myob', 'xero-csv'] as const) {
    const first = firstOfEach.filter((e) => e.source === source)
    const files = Object.fromEntries(first.map((e) => [e.file, e.render(e.header.columns)]))
    const {units} = await extractFiles(source, files)
    assert.deepEqual(
      units.filter((u) => u.status !== 'staged'),
      [],
    )
  }
})
