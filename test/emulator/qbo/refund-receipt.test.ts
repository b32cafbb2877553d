import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, idOf} from './client.js'

describe('QBO emulator: RefundReceipt', () => {
  let h: Harness
  let gst: string
  let bank: string
  before(async () => {
    h = await harness()
    gst = await idOf(h, 'TaxCode', 'GST')
    bank = await idOf(h, 'Account', 'Business Cheque Account')
  })
  after(() => h.close())

  const body = (extra: Record<string, unknown> = {}) => ({
    GlobalTaxCalculation: 'TaxInclusive',
    Line: [{DetailType: 'SalesItemLineDetail', Amount: 33, SalesItemLineDetail: {TaxCodeRef: {value: gst}}}],
    ...extra,
  })

  it('needs the account the money is paid from (REF:refundreceipt), like QBO', async () => {
    const r = await h.post('/refundreceipt', body())
    assert.equal(r.status, 400)
    assert.equal(r.json.Fault.Error[0].code, '2020')
  })

  it('pays money back: a sales receipt in reverse, with its GST, on the ledger', async () => {
    const r = await h.post('/refundreceipt', body({DepositToAccountRef: {value: bank}, DocNumber: 'R-1'}))
    assert.equal(r.status, 200)
    const rr = r.json.RefundReceipt
    assert.deepEqual([rr.TotalAmt, rr.Balance, rr.TxnTaxDetail.TotalTax], [33, 0, 3])
    const q = await h.query("select * from RefundReceipt where DocNumber = 'R-1'")
    assert.equal(q.json.QueryResponse.RefundReceipt.length, 1)
    const tb = await h.get('/reports/TrialBalance')
    const rows = (tb.json.Rows.Row as {ColData?: {value: string}[]}[]).flatMap((r) =>
      r.ColData ? [r.ColData.map((c) => c.value)] : [],
    )
    assert.deepEqual(rows, [
      ['Business Cheque Account', '', '33.00'],
      ['GST Payable', '3.00', ''],
      ['Services', '30.00', ''],
    ])
  })
})
