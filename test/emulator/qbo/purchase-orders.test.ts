import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {PDFDocument} from 'pdf-lib'

import {type Harness, harness, idOf, raw} from './client.js'

describe('QBO emulator: PurchaseOrder, its PDF and its email', () => {
  let h: Harness
  let vendor: string
  let expense: string
  let gst: string
  before(async () => {
    h = await harness()
    vendor = (await h.post('/vendor', {DisplayName: 'Acme Supplies'})).json.Vendor.Id
    expense = await idOf(h, 'Account', 'Office expenses')
    gst = await idOf(h, 'TaxCode', 'GST on non-capital')
    await raw(`${h.emu.url}/_emulator/purchase-orders`, {
      method: 'PUT',
      body: JSON.stringify({customFields: ['Tag', 'Ship date']}),
    })
  })
  after(() => h.close())

  const create = async (doc: string) =>
    (
      await h.post('/purchaseorder', {
        DocNumber: doc,
        VendorRef: {value: vendor},
        TxnDate: '2025-03-01',
        Line: [
          {
            DetailType: 'AccountBasedExpenseLineDetail',
            Amount: 120.5,
            Description: 'Widgets',
            AccountBasedExpenseLineDetail: {AccountRef: {value: expense}, TaxCodeRef: {value: gst}},
          },
        ],
      })
    ).json.PurchaseOrder

  it('creates, reads and queries a purchase order with its defaults and the company custom fields', async () => {
    const po = await create('PO-1')
    assert.equal(po.POStatus, 'Open')
    assert.equal(po.EmailStatus, 'NotSet')
    assert.deepEqual(
      po.CustomField.map((f: {DefinitionId: string; Name: string}) => [f.DefinitionId, f.Name]),
      [
        ['1', 'Tag'],
        ['2', 'Ship date'],
      ],
    )
    assert.equal((await h.get(`/purchaseorder/${po.Id}`)).json.PurchaseOrder.DocNumber, 'PO-1')
    const q = await h.query(`select * from PurchaseOrder where DocNumber = 'PO-1'`)
    assert.equal(q.json.QueryResponse.PurchaseOrder.length, 1)
    const prefs = (await h.get('/preferences')).json.Preferences
    const names = prefs.VendorAndPurchasesPrefs.POCustomField[1].CustomField
    assert.equal(names[0].Name, 'PurchasePrefs.PurchaseCustomName1')
    assert.equal(names[0].StringValue, 'Tag')
  })

  it('applies a sparse update (custom field and DueDate) and keeps everything else; a full update clears what it omits', async () => {
    const po = await create('PO-2')
    const sparse = (
      await h.post('/purchaseorder', {
        Id: po.Id,
        SyncToken: po.SyncToken,
        sparse: true,
        DueDate: '2025-04-02',
        CustomField: [
          {DefinitionId: '1', StringValue: 'rush'},
          {DefinitionId: '9', StringValue: 'nowhere'},
        ],
      })
    ).json.PurchaseOrder
    assert.equal(sparse.DueDate, '2025-04-02')
    assert.equal(sparse.Line[0].Description, 'Widgets')
    assert.deepEqual(sparse.CustomField[0], {
      DefinitionId: '1',
      Name: 'Tag',
      Type: 'StringType',
      StringValue: 'rush',
    })
    assert.equal(sparse.CustomField.length, 2, 'an unknown definition is dropped')
    const stale = await h.post('/purchaseorder', {
      Id: po.Id,
      SyncToken: po.SyncToken,
      sparse: true,
      Memo: 'x',
    })
    assert.equal(stale.json.Fault.Error[0].code, '5010')
    const full = (
      await h.post('/purchaseorder', {
        Id: po.Id,
        SyncToken: sparse.SyncToken,
        VendorRef: {value: vendor},
        Line: sparse.Line,
      })
    ).json.PurchaseOrder
    assert.equal(full.DueDate, undefined)
    assert.equal(full.CustomField[0].StringValue, undefined)
  })

  it('refuses a sparse update of a purchase order when told to (the fallback the tool must handle)', async () => {
    const po = await create('PO-3')
    const put = (on: boolean) =>
      raw(`${h.emu.url}/_emulator/purchase-orders`, {method: 'PUT', body: JSON.stringify({refuseSparse: on})})
    await put(true)
    const r = await h.post('/purchaseorder', {Id: po.Id, SyncToken: po.SyncToken, sparse: true, Memo: 'm'})
    await put(false)
    assert.equal(r.status, 400)
    assert.equal(r.json.Fault.Error[0].code, '500')
  })

  it('serves a real PDF that opens, and answers 400 for an unknown id', async () => {
    const po = await create('PO-4')
    const r = await fetch(`${h.base}/purchaseorder/${po.Id}/pdf`, {
      headers: {authorization: `Bearer ${h.token}`, accept: 'application/pdf'},
    })
    assert.equal(r.headers.get('content-type'), 'application/pdf')
    const pdf = await PDFDocument.load(new Uint8Array(await r.arrayBuffer()))
    assert.equal(pdf.getPageCount(), 1)
    assert.equal(pdf.getTitle(), 'Purchase Order PO-4')
    assert.equal((await h.get('/purchaseorder/999999/pdf')).status, 400)
  })

  it('sends once per requestid: EmailStatus, DeliveryInfo and POEmail set, the email listed by the control endpoint', async () => {
    const po = await create('PO-5')
    const before = (await raw(`${h.emu.url}/_emulator/emails`)).json.emails.length
    const send = () =>
      h.post(
        `/purchaseorder/${po.Id}/send?sendTo=warehouse@example.com&requestid=send-po-5`,
        '',
        'application/octet-stream',
      )
    const first = (await send()).json.PurchaseOrder
    const again = (await send()).json.PurchaseOrder
    assert.equal(first.EmailStatus, 'EmailSent')
    assert.equal(first.DeliveryInfo.DeliveryType, 'Email')
    assert.equal(first.POEmail.Address, 'warehouse@example.com')
    assert.equal(again.SyncToken, first.SyncToken, 'the repeat is a replay')
    const emails = (await raw(`${h.emu.url}/_emulator/emails`)).json.emails
    assert.equal(emails.length, before + 1)
    assert.deepEqual(
      {to: emails.at(-1).to, docNumber: emails.at(-1).docNumber, id: emails.at(-1).id},
      {to: 'warehouse@example.com', docNumber: 'PO-5', id: po.Id},
    )
    const noAddress = await h.post(
      `/purchaseorder/${(await create('PO-6')).Id}/send`,
      '',
      'application/octet-stream',
    )
    assert.equal(noAddress.json.Fault.Error[0].code, '2020', 'no sendTo, no POEmail, no vendor email')
  })
})
