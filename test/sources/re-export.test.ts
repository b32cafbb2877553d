import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test, type TestContext} from 'node:test'

import type {ExtractUnit, SourceAdapter} from '../../src/sources/adapter.js'
import {extractToStaging} from '../../src/sources/extract.js'
import {myobAdapter} from '../../src/sources/myob/adapter.js'
import {mapPage} from '../../src/sources/xero-api/staged.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

const SPEND = 'Cheque Account\tCheque #\tDate\tCo./Last Name\tAllocation Account #\tEx-Tax Amount\tTax Code'
const spend = (...rows: string[]) => [SPEND, ...rows.flatMap((r) => [r, ''])].join('\r\n')
const RENT = '1-1110\t301\t5/07/2020\tCity Council\t6-1000\t$80.00\tFRE'
const FEE = '1-1110\t302\t6/07/2020\tCity Council\t6-1000\t$9.00\tFRE'
// The same fee with its date corrected in MYOB: a new source id (MYOB exports carry no transaction id).
const FEE_FIXED = '1-1110\t302\t7/07/2020\tCity Council\t6-1000\t$9.00\tFRE'

async function extract(staging: Parameters<typeof extractToStaging>[0], dir: string, dryRun = false) {
  const adapter = myobAdapter({path: dir})
  return extractToStaging(staging, adapter, {
    logger: silentLogger,
    dryRun,
    warnings: () => adapter.warnings(),
  })
}

/** As a load leaves it: the record is in the id map (written to QBO). */
function markLoaded(
  staging: Parameters<typeof extractToStaging>[0],
  entity: string,
  sourceSystem: string,
  sourceId: string,
): void {
  staging.idMap.put({
    realmId: 'r1',
    entity,
    sourceSystem,
    sourceId,
    qboId: '1',
    syncToken: '0',
    how: 'created',
    runId: null,
  })
}

/** A folder with spend.txt holding these rows, extracted once into a fresh staging file. */
async function spendExtracted(t: TestContext, ...rows: string[]) {
  const dir = tempDir(t)
  const file = join(dir, 'spend.txt')
  const {staging} = tempStaging(t)
  writeFileSync(file, spend(...rows))
  await extract(staging, dir)
  return {staging, dir, file}
}

const ids = (staging: Parameters<typeof extractToStaging>[0]) =>
  [...staging.staged.iterate('bankTransaction')].map((r) => r.sourceId)

test('a file exported again replaces the earlier version: records it no longer has are removed, not loaded twice', async (t) => {
  const {staging, dir, file} = await spendExtracted(t, RENT, FEE)
  assert.deepEqual(ids(staging), [
    'spend|1-1110|301|2020-07-05|City Council',
    'spend|1-1110|302|2020-07-06|City Council',
  ])

  writeFileSync(file, spend(RENT, FEE_FIXED))
  // A dry run says what would go and removes nothing.
  const preview = await extract(staging, dir, true)
  assert.equal(preview.files.find((f) => f.path === file)?.removed, 1)
  assert.match(
    preview.warnings.join('\n'),
    /1 staged records are gone from the source \(the latest version of .* does not have it\) and would be removed/,
  )
  assert.equal(ids(staging).length, 2)

  const result = await extract(staging, dir)
  const staged = result.files.find((f) => f.path === file)
  assert.deepEqual([staged?.status, staged?.records, staged?.removed], ['staged', 2, 1])
  assert.match(result.warnings.join('\n'), /spend\|1-1110\|302\|2020-07-06\|City Council/)
  assert.deepEqual(ids(staging), [
    'spend|1-1110|301|2020-07-05|City Council',
    'spend|1-1110|302|2020-07-07|City Council',
  ])
  // The accountant sees the removal in the decisions register (a sheet of the reconciliation workbook).
  assert.deepEqual(
    staging.decisions.list().map((d) => [d.code, d.sourceId]),
    [['REMOVED_GONE_FROM_SOURCE', 'spend|1-1110|302|2020-07-06|City Council']],
  )

  // The same files again change nothing.
  const again = await extract(staging, dir)
  assert.deepEqual(
    again.files.map((f) => [f.status, f.removed]),
    again.files.map(() => ['unchanged', undefined]),
  )
})

test('a record already loaded stays staged when its file drops it, with a warning to act in QBO', async (t) => {
  const {staging, dir, file} = await spendExtracted(t, RENT, FEE)
  markLoaded(staging, 'Purchase', 'myob', 'spend|1-1110|302|2020-07-06|City Council')
  writeFileSync(file, spend(RENT, FEE_FIXED))
  const result = await extract(staging, dir)
  assert.equal(result.files.find((f) => f.path === file)?.removed, undefined)
  assert.match(result.warnings.join('\n'), /1 records loaded into QBO earlier are gone from the source/)
  assert.equal(ids(staging).length, 3)
})

test('a record another file of the run still carries is not removed when one file drops it', async (t) => {
  const dir = tempDir(t)
  const {staging} = tempStaging(t)
  // Two exports whose date ranges overlap: both carry the rent.
  writeFileSync(join(dir, 'a.txt'), spend(RENT, FEE))
  writeFileSync(join(dir, 'b.txt'), spend(RENT))
  await extract(staging, dir)
  writeFileSync(join(dir, 'a.txt'), spend(FEE))
  const result = await extract(staging, dir)
  assert.ok(
    result.files.every((f) => f.removed === undefined),
    JSON.stringify(result.files),
  )
  assert.equal(ids(staging).length, 2)
})

test('a loaded record that changes in the source is restaged with a warning that the load will not rewrite it', async (t) => {
  const {staging, dir, file} = await spendExtracted(t, RENT)
  const id = 'spend|1-1110|301|2020-07-05|City Council'
  markLoaded(staging, 'Purchase', 'myob', id)
  writeFileSync(file, spend(RENT.replace('$80.00', '$85.00')))
  const result = await extract(staging, dir)
  assert.match(
    result.warnings.join('\n'),
    /1 records changed after a load wrote them to QBO \(bankTransaction spend\|1-1110\|301/,
  )
  assert.equal((staging.staged.get('myob', 'bankTransaction', id)?.record as {total: string}).total, '85.00')
})

test('extracting one more file later keeps what the earlier files implied (derived contacts, tax rates)', async (t) => {
  const dir = tempDir(t)
  const {staging} = tempStaging(t)
  writeFileSync(
    join(dir, 'sale.txt'),
    [
      'Co./Last Name\tInvoice #\tDate\tAccount #\tAmount\tTax Code',
      'Harbour Cafe\t00000009\t1/07/2020\t4-1000\t$100.00\tGST',
      '',
    ].join('\r\n'),
  )
  await extract(staging, dir)
  const later = tempDir(t)
  writeFileSync(join(later, 'spend.txt'), spend(RENT))
  await extract(staging, later)
  assert.ok(staging.staged.get('myob', 'contact', 'Harbour Cafe'), 'the customer derived from the sale stays')
  assert.ok(staging.staged.get('myob', 'taxRate', 'GST/sales'), 'the sales tax rate stays')
  assert.ok(staging.staged.get('myob', 'contact', 'City Council'))
})

test('a file saved over with another kind of export is not a new version: the earlier records stay', async (t) => {
  const dir = tempDir(t)
  const file = join(dir, 'export.txt')
  const {staging} = tempStaging(t)
  writeFileSync(file, spend(RENT))
  await extract(staging, dir)
  writeFileSync(
    file,
    [
      'Co./Last Name\tInvoice #\tDate\tAccount #\tAmount\tTax Code',
      'Harbour Cafe\t00000009\t1/07/2020\t4-1000\t$100.00\tGST',
      '',
    ].join('\r\n'),
  )
  const result = await extract(staging, dir)
  assert.ok(result.files.every((f) => f.removed === undefined))
  assert.deepEqual(ids(staging), ['spend|1-1110|301|2020-07-05|City Council'])
})

test('a record the Xero API reports deleted is removed from staging, or kept with a warning once loaded', async (t) => {
  const {staging} = tempStaging(t)
  const context = {baseCurrency: 'AUD', accountIdByXeroId: new Map<string, string>(), today: '2026-12-03'}
  const page = (raws: unknown[]): ExtractUnit => ({
    label: 'Invoices page 1',
    type: 'Invoices',
    contentHash: JSON.stringify(raws),
    async *records() {
      yield* mapPage('Invoices', raws, context, 'page 1').items
    },
  })
  const api = (unit: ExtractUnit): SourceAdapter => ({
    system: 'xero-api',
    async *units() {
      yield unit
    },
  })
  const bill = (id: string, status: string) => ({
    invoiceID: id,
    type: 'ACCPAY',
    invoiceNumber: `B-${id}`,
    contact: {contactID: 'c1', name: 'Bolt'},
    date: '2024-07-02',
    status,
    lineAmountTypes: 'NoTax',
    lineItems: [{description: 'Bolts', quantity: 1, unitAmount: 10, lineAmount: 10, accountCode: '400'}],
    subTotal: 10,
    totalTax: 0,
    total: 10,
    currencyCode: 'AUD',
  })
  await extractToStaging(staging, api(page([bill('b1', 'AUTHORISED'), bill('b2', 'AUTHORISED')])), {
    logger: silentLogger,
  })
  assert.equal([...staging.staged.iterate('bill')].length, 2)
  markLoaded(staging, 'Bill', 'xero-api', 'b2')
  // Both deleted in Xero since (an incremental extract sees them with Status DELETED).
  const result = await extractToStaging(staging, api(page([bill('b1', 'DELETED'), bill('b2', 'DELETED')])), {
    logger: silentLogger,
  })
  assert.deepEqual(
    [...staging.staged.iterate('bill')].map((r) => r.sourceId),
    ['b2'],
    'the unloaded bill is gone; the loaded one stays',
  )
  assert.equal(result.files[0]?.removed, 1)
  assert.match(
    result.warnings.join('\n'),
    /1 records loaded into QBO earlier are gone from the source \(Invoices page 1 reports it deleted\): bill b2/,
  )
  assert.deepEqual(
    staging.decisions
      .list()
      .map((d) => [d.code, d.sourceId])
      .sort(),
    [
      ['LOADED_GONE_FROM_SOURCE', 'b2'],
      ['REMOVED_GONE_FROM_SOURCE', 'b1'],
    ],
  )
})
