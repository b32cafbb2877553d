import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, idOf} from './client.js'

/**
 * The reports and endpoints the data extracts need (issue 24), over raw HTTP: ItemSales, the truncation notice
 * past a cell limit, and change data capture with deletions, its 1000-object cap and its 30-day look-back.
 */
describe('QBO emulator: reports and CDC for extracts', () => {
  let h: Harness
  let gst: string
  let customer: string
  let services: string
  let sales: string
  before(async () => {
    h = await harness({reportCellLimit: 60})
    gst = await idOf(h, 'TaxCode', 'GST')
    services = await idOf(h, 'Item', 'Services')
    customer = (await h.post('/customer', {DisplayName: 'Extract Customer'})).json.Customer.Id
    const account = await idOf(h, 'Account', 'Sales')
    sales = (
      await h.post('/item', {Name: 'Widget', Type: 'NonInventory', IncomeAccountRef: {value: account}})
    ).json.Item.Id
    const line = (item: string, qty: number, price: number) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: qty * price,
      SalesItemLineDetail: {ItemRef: {value: item}, Qty: qty, UnitPrice: price, TaxCodeRef: {value: gst}},
    })
    for (const [date, lines] of [
      ['2025-01-10', [line(sales, 3, 10), line(services, 1, 50)]],
      ['2025-02-10', [line(sales, 1, 10)]],
    ] as const)
      assert.equal(
        (await h.post('/invoice', {CustomerRef: {value: customer}, TxnDate: date, Line: lines})).status,
        200,
      )
    const credit = await h.post('/creditmemo', {
      CustomerRef: {value: customer},
      TxnDate: '2025-02-11',
      Line: [line(sales, 1, 10)],
    })
    assert.equal(credit.status, 200)
  })
  after(() => h.close())

  it('ItemSales: quantity and net amount per item, credit memos subtracted, share and average price', async () => {
    const r = await h.get('/reports/ItemSales?start_date=2025-01-01&end_date=2025-03-31')
    assert.equal(r.status, 200)
    assert.deepEqual(
      r.json.Columns.Column[1].Columns.Column.map((c: {ColTitle: string}) => c.ColTitle),
      ['Quantity', 'Amount', '% of Sales', 'Avg Price'],
    )
    const rows = r.json.Rows.Row.map(
      (row: {ColData?: {value: string}[]; Summary?: {ColData: {value: string}[]}}) =>
        (row.ColData ?? row.Summary!.ColData).map((c) => c.value),
    )
    assert.deepEqual(rows, [
      ['Services', '1', '50.00', '62.50 %', '50.00'],
      ['Widget', '3', '30.00', '37.50 %', '10.00'],
      ['TOTAL', '4', '80.00', '100.00 %', '20.00'],
    ])
  })

  it("past the cell limit a report ends early with QBO's notice, its open section without a Summary", async () => {
    const r = await h.get('/reports/GeneralLedger?start_date=2025-01-01&end_date=2025-03-31')
    assert.equal(r.status, 200)
    const rows = r.json.Rows.Row
    assert.equal(rows.at(-1).ColData[0].value, 'Unable to display more data. Please reduce the date range.')
    assert.equal(rows.at(-2).Summary, undefined)
    const small = await h.get('/reports/TrialBalance?end_date=2025-03-31')
    assert.doesNotMatch(small.text, /Unable to display more data/)
  })

  it('CDC: changed objects, then deletions, since a time; older than 30 days is refused', async () => {
    const since = new Date(Date.now() - 60_000).toISOString()
    const doomed = (await h.post('/customer', {DisplayName: 'Deleted Soon'})).json.Customer
    const inv = (
      await h.post('/invoice', {
        CustomerRef: {value: doomed.Id},
        Line: [
          {DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
        ],
      })
    ).json.Invoice
    assert.equal(
      (await h.post('/invoice?operation=delete', {Id: inv.Id, SyncToken: inv.SyncToken})).status,
      200,
    )
    const r = await h.get(`/cdc?entities=Invoice,Customer&changedSince=${encodeURIComponent(since)}`)
    assert.equal(r.status, 200)
    const [invoices, customers] = r.json.CDCResponse[0].QueryResponse
    const last = invoices.Invoice.at(-1)
    assert.deepEqual([last.status, last.Id], ['Deleted', inv.Id])
    assert.ok(typeof last.MetaData.LastUpdatedTime === 'string')
    assert.ok(invoices.Invoice.slice(0, -1).every((i: {status?: string}) => i.status === undefined))
    assert.ok(customers.Customer.some((c: {Id: string}) => c.Id === doomed.Id))
    const old = await h.get(
      `/cdc?entities=Invoice&changedSince=${encodeURIComponent(new Date(Date.now() - 31 * 86_400_000).toISOString())}`,
    )
    assert.equal(old.status, 400)
    assert.match(old.json.Fault.Error[0].Detail, /older than fixed days is not supported/)
    assert.equal((await h.get(`/cdc?entities=TaxCode&changedSince=${encodeURIComponent(since)}`)).status, 400)
  })
})
