import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it, type TestContext} from 'node:test'

import ExcelJS from 'exceljs'

import {reconcile} from '../../src/reconcile/reconcile.js'
import {SUMMARY_CELLS} from '../../src/reconcile/workbook/summary.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'
import {AS_OF, BILLS, loadIntoQbo, stageCompany} from './company.js'
import {FakeQboRead} from './fake-qbo-read.js'

const clock = () => new Date('2024-09-01T00:00:00Z')

function setup(t: TestContext, load: {idMap: boolean; marker: boolean}) {
  const {staging} = tempStaging(t, clock)
  const qbo = new FakeQboRead()
  stageCompany(staging)
  loadIntoQbo(staging, qbo, load)
  const out = join(tempDir(t), 'reconciliation.xlsx')
  const run = () => reconcile({staging, port: qbo, clock, logger: silentLogger}, {asOf: AS_OF, out})
  return {staging, qbo, out, run}
}

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb

describe('reconcile', () => {
  it('after a perfect load: match rate 1, zero variance, every record matched through the id map', async (t) => {
    const {run} = setup(t, {idMap: true, marker: true})
    const result = await run()
    assert.equal(result.matchRate, 1)
    assert.equal(result.withinTolerance, true, result.failures.join('; '))
    assert.deepEqual(result.failures, [])
    assert.equal(result.trialBalance.variance, 0)
    assert.equal(result.trialBalance.accounts, 6)
    assert.equal(result.aging.receivables.variance, 0)
    assert.equal(result.aging.payables.variance, 0)
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(result.entities).map(([e, s]) => [e, [s.source, s.matched, s.byMethod.idMap]]),
      ),
      {Invoice: [3, 3, 3], Bill: [2, 2, 2], Payment: [1, 1, 1]},
    )
    assert.equal(result.flaggedTotal, 0)
  })

  it('flags exactly a changed invoice amount and a deleted bill, and drops the match rate', async (t) => {
    const {qbo, run} = setup(t, {idMap: true, marker: true})
    const inv2 = qbo.find('Invoice', (r) => r.DocNumber === 'INV-2')
    inv2.TotalAmt = 285
    qbo.remove('Bill', qbo.find('Bill', (r) => r.DocNumber === 'BILL-2').Id)

    const result = await run()
    assert.deepEqual(
      result.flagged.map((f) => [f.entity, f.status, f.sourceId]),
      [
        ['Invoice', 'mismatched', 'INV-2'],
        ['Bill', 'missing', 'BILL-2'],
      ],
    )
    const diff = result.flagged[0]!.differences!.find((d) => d.field === 'total')
    assert.deepEqual(diff, {
      field: 'total',
      source: '275.00',
      qbo: '285.00',
      difference: '10.00',
      withinTolerance: false,
    })
    assert.equal(result.entities.Invoice!.matchRate, 2 / 3)
    assert.equal(result.entities.Bill!.matchRate, 1 / 2)
    assert.equal(result.matchRate, 4 / 6)
    assert.equal(result.withinTolerance, false)
  })

  it('matches backfilled invoices (no id map, no marker) by DocNumber, contact name and amount', async (t) => {
    const {qbo, run} = setup(t, {idMap: false, marker: false})
    // Keyed in a day late, and a decoy with the same number but another amount stays unmatched.
    qbo.find('Invoice', (r) => r.DocNumber === 'INV-3').TxnDate = '2024-08-02'
    qbo.add('Invoice', {
      DocNumber: 'INV-1',
      TxnDate: '2024-07-01',
      CustomerRef: {value: '58'},
      TotalAmt: 999,
      Line: [],
    })

    const result = await run()
    const inv = result.entities.Invoice!
    assert.deepEqual(
      [inv.source, inv.matched + inv.mismatched, inv.byMethod.heuristic, inv.extra],
      [3, 3, 3, 1],
    )
    assert.equal(result.entities.Bill!.byMethod.heuristic, 2)
    assert.equal(result.entities.Payment!.byMethod.heuristic, 1)
    const flagged = result.flagged.map((f) => [f.entity, f.status, f.sourceId ?? f.qboId])
    assert.deepEqual(flagged, [
      ['Invoice', 'mismatched', 'INV-3'],
      ['Invoice', 'extra', qbo.find('Invoice', (r) => r.TotalAmt === 999).Id],
    ])
  })

  it('matches records that carry only the PrivateNote marker through the index of a date-bounded pull', async (t) => {
    const {qbo, run} = setup(t, {idMap: false, marker: true})
    // Renumbered in QBO, so no heuristic could pair them by number: only the marker ties them.
    for (const r of qbo.records.get('Invoice')!) r.DocNumber = `X-${r.Id}`
    const result = await run()
    assert.equal(result.entities.Invoice!.byMethod.marker, 3)
    assert.equal(result.entities.Invoice!.matched, 3)
    assert.equal(result.matchRate, 1)
    const invoiceReads = qbo.reads.filter((r) => r.entity === 'Invoice')
    assert.deepEqual(invoiceReads[0]!.filter, {txnDateFrom: '2024-06-24', txnDateTo: '2024-08-08'})
  })

  it('lists a second QBO record with the same marker as extra (a duplicate), never as a second match', async (t) => {
    const {qbo, run} = setup(t, {idMap: true, marker: true})
    const original = qbo.find('Invoice', (r) => r.DocNumber === 'INV-1')
    const dup = qbo.add('Invoice', {...original, Id: undefined})
    const result = await run()
    assert.equal(result.entities.Invoice!.matched, 3)
    assert.deepEqual(
      result.flagged.map((f) => [f.status, f.qboId]),
      [['extra', dup.Id]],
    )
    assert.equal(result.withinTolerance, false)
  })

  it('an entity with nothing staged has match rate 1 and its QBO records as extra; so does a company with nothing staged', async (t) => {
    const {staging, qbo, run} = setup(t, {idMap: true, marker: true})
    for (const b of BILLS) staging.staged.remove('xero-csv', 'bill', b.id)
    const result = await run()
    const bills = result.entities.Bill!
    assert.deepEqual([bills.source, bills.extra, bills.matchRate], [0, 2, 1])
    assert.deepEqual(
      result.flagged.filter((f) => f.entity === 'Bill').map((f) => f.status),
      ['extra', 'extra'],
    )

    const empty = tempStaging(t, clock).staging
    const out = join(tempDir(t), 'empty.xlsx')
    const nothing = await reconcile(
      {staging: empty, port: qbo, clock, logger: silentLogger},
      {asOf: AS_OF, out},
    )
    assert.equal(nothing.matchRate, 1)
    assert.deepEqual(nothing.entities, {})
  })

  it('reads an id-mapped record whose date moved outside the window by Id', async (t) => {
    const {qbo, run} = setup(t, {idMap: true, marker: false})
    const moved = qbo.find('Invoice', (r) => r.DocNumber === 'INV-1')
    moved.TxnDate = '2023-01-01'
    const result = await run()
    assert.equal(result.entities.Invoice!.byMethod.idMap, 3)
    assert.deepEqual(
      result.flagged.map((f) => [f.status, f.sourceId, f.differences?.map((d) => d.field)]),
      [['mismatched', 'INV-1', ['date']]],
    )
    assert.ok(qbo.reads.some((r) => r.entity === 'Invoice' && r.filter && 'ids' in r.filter))
  })

  it('accepts a tax rounding difference inside the per-line allowance and says so', async (t) => {
    const {qbo, run} = setup(t, {idMap: true, marker: true})
    const inv2 = qbo.find('Invoice', (r) => r.DocNumber === 'INV-2')
    ;(inv2.TxnTaxDetail as {TotalTax: number}).TotalTax = 25.02
    inv2.TotalAmt = 275.02
    const result = await run()
    assert.equal(result.entities.Invoice!.matched, 3)
    assert.equal(result.flaggedTotal, 0)
    assert.deepEqual(result.absorbed, {documents: 1, amount: 0.04})
  })

  it('flags a tax difference beyond the allowance (0.01 + 0.01 per taxed line)', async (t) => {
    const {qbo, run} = setup(t, {idMap: true, marker: true})
    const inv2 = qbo.find('Invoice', (r) => r.DocNumber === 'INV-2')
    ;(inv2.TxnTaxDetail as {TotalTax: number}).TotalTax = 25.04
    inv2.TotalAmt = 275.04
    const result = await run()
    assert.deepEqual(
      result.flagged.map((f) => [f.sourceId, f.differences?.map((d) => d.field)]),
      [['INV-2', ['total', 'tax']]],
    )
  })

  it('writes a workbook that reads back: sheets, headers, the match-rate cell and the flagged rows', async (t) => {
    const {qbo, run, out} = setup(t, {idMap: true, marker: true})
    qbo.find('Invoice', (r) => r.DocNumber === 'INV-2').TotalAmt = 285
    qbo.remove('Bill', qbo.find('Bill', (r) => r.DocNumber === 'BILL-2').Id)
    const result = await run()
    assert.equal(result.out, out)

    const wb = await readBook(out)
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [
        'Summary',
        'Trial Balance',
        'AR Aging',
        'AP Aging',
        'Invoice',
        'Bill',
        'Payment',
        'Unmatched',
        'Monthly Totals',
        'Parked',
        'Decisions',
        'Sign-off',
      ],
    )
    const summary = wb.getWorksheet('Summary')!
    assert.equal(summary.getCell(SUMMARY_CELLS.matchRate).value, 4 / 6)
    assert.equal(summary.getCell('A4').value, 'Backfill match rate (explained below)')
    assert.equal(summary.getCell(SUMMARY_CELLS.result).value, 'FAIL')

    const invoices = wb.getWorksheet('Invoice')!
    assert.equal(invoices.getCell('A1').value, 'Status')
    assert.equal(invoices.getCell('L1').value, 'QBO total')
    const views = invoices.views[0] as {state?: string; ySplit?: number}
    assert.deepEqual([views.state, views.ySplit], ['frozen', 1])
    assert.ok(invoices.autoFilter)
    const row = invoices.getRows(2, 3)!.find((r) => r.getCell(3).value === 'INV-2')!
    assert.equal(row.getCell(1).value, 'mismatched')
    assert.equal(row.getCell(12).value, 285)
    assert.equal(row.getCell(13).value, 10)
    assert.equal(row.getCell(12).numFmt, '#,##0.00')
    assert.equal(fillOf(row.getCell(12)), 'FFF8CBAD')
    const fine = invoices.getRows(2, 3)!.find((r) => r.getCell(3).value === 'INV-1')!
    assert.equal(fillOf(fine.getCell(12)), undefined)

    const unmatched = wb.getWorksheet('Unmatched')!
    assert.deepEqual(
      [unmatched.getCell('A2').value, unmatched.getCell('B2').value, unmatched.getCell('C2').value],
      ['missing in QBO', 'Bill', 'BILL-2'],
    )
    assert.equal(unmatched.rowCount, 2)
    const tb = wb.getWorksheet('Trial Balance')!
    assert.equal(tb.getCell('B1').value, 'QBO account')
    assert.equal(wb.getWorksheet('Sign-off')!.getCell('A7').value, 'Prepared by')
  })

  it('prints readably: landscape, one page wide, header row repeated, page numbers; Summary and Sign-off on one page', async (t) => {
    const {run, out} = setup(t, {idMap: true, marker: true})
    await run()
    const wb = await readBook(out)
    for (const ws of wb.worksheets) {
      const p = ws.pageSetup
      const onePage = ws.name === 'Summary' || ws.name === 'Sign-off'
      assert.equal(p.orientation, 'landscape', ws.name)
      assert.equal(p.fitToPage, true, ws.name)
      assert.equal(p.fitToWidth, 1, ws.name)
      assert.equal(p.fitToHeight, onePage ? 1 : 0, ws.name)
      assert.equal(p.printTitlesRow, onePage ? undefined : '1:1', ws.name)
      assert.match(String(ws.headerFooter.oddFooter), /Page &P of &N/, ws.name)
    }
    // No cell holds raw JSON (decision details are sentences).
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => assert.doesNotMatch(String(c.value), /^[[{]"/, `${ws.name}!${c.address}`)),
      )
    }
  })

  /** BILL-2 is missing from QBO, and a load into `realmId` parked it with a fault. */
  const billTwoParkedBy = (t: TestContext, realmId: string) => {
    const context = setup(t, {idMap: true, marker: true})
    const {staging, qbo} = context
    qbo.remove('Bill', qbo.find('Bill', (r) => r.DocNumber === 'BILL-2').Id)
    const load = staging.runs.start({kind: 'load', realmId})
    staging.parked.park({
      runId: load.id,
      entity: 'Bill',
      sourceSystem: 'xero-csv',
      sourceId: 'BILL-2',
      faultCode: '6000',
      message: 'A business validation error has occurred',
      element: null,
      suggestedFix: 'Map the tax code',
    })
    return context
  }

  it('does not give a missing record the fault of a load into another company (a sandbox rehearsal)', async (t) => {
    const {run, out} = billTwoParkedBy(t, 'SANDBOX')
    await run()
    const wb = await readBook(out)
    const unmatched = wb.getWorksheet('Unmatched')!
    assert.equal(unmatched.getCell('C2').value, 'BILL-2')
    assert.doesNotMatch(String(unmatched.getCell('H2').value), /parked by the load/)
  })

  it('gives a parked record its load fault as the reason it is missing, and lists parked records and decisions', async (t) => {
    const {staging, run, out} = billTwoParkedBy(t, 'R1')
    staging.decisions.record({
      entity: 'Invoice',
      sourceSystem: 'xero-csv',
      sourceId: 'INV-1',
      code: 'CONTACT_RENAMED',
      message: 'Renamed the customer to keep DisplayName unique',
      detail: {from: 'Acme', to: 'Acme (2)', more: [{lineNo: 2}]},
    })
    await run()
    const wb = await readBook(out)
    assert.match(String(wb.getWorksheet('Unmatched')!.getCell('H2').value), /^parked by the load: 6000 /)
    const parked = wb.getWorksheet('Parked')!
    assert.deepEqual([parked.getCell('C2').value, parked.getCell('G2').value], ['BILL-2', 'Map the tax code'])
    assert.equal(wb.getWorksheet('Decisions')!.getCell('D2').value, 'CONTACT_RENAMED')
    assert.equal(
      wb.getWorksheet('Decisions')!.getCell('F2').value,
      'From: Acme. To: Acme (2). The same for: line number 2.',
    )
    assert.equal(staging.runs.latest('reconcile')!.status, 'finished')
  })
})
