import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness} from './client.js'

describe('QBO emulator: batch and requestid over raw HTTP', () => {
  let h: Harness
  before(async () => {
    h = await harness()
  })
  after(() => h.close())

  it('answers each item under its bId with its own Fault, and runs queries', async () => {
    await h.post('/vendor', {DisplayName: 'Batch Taken'})
    const r = await h.post('/batch', {
      BatchItemRequest: [
        {bId: 'b1', operation: 'create', Vendor: {DisplayName: 'Batch New'}},
        {bId: 'b2', operation: 'create', Customer: {DisplayName: 'batch taken'}},
        {bId: 'b3', operation: 'delete', Invoice: {Id: '99999', SyncToken: '0'}},
        {bId: 'b4', Query: "select * from Vendor where DisplayName = 'Batch New'"},
      ],
    })
    assert.equal(r.status, 200)
    const by = Object.fromEntries(r.json.BatchItemResponse.map((i: {bId: string}) => [i.bId, i]))
    assert.equal(by.b1.Vendor.DisplayName, 'Batch New')
    assert.equal(by.b2.Fault.Error[0].code, '6240')
    assert.equal(by.b2.Fault.type, 'ValidationFault')
    assert.equal(by.b3.Fault.Error[0].code, '610')
    assert.equal(by.b4.QueryResponse.Vendor[0].DisplayName, 'Batch New')
  })

  it('updates, voids (optionsData void) and deletes through batch items', async () => {
    const gst = (await h.query("select * from TaxCode where Name = 'GST'")).json.QueryResponse.TaxCode[0].Id
    const c = (await h.post('/customer', {DisplayName: 'Batch Ops'})).json.Customer
    const line = [
      {DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
    ]
    const a = (await h.post('/invoice', {CustomerRef: {value: c.Id}, Line: line})).json.Invoice
    const b = (await h.post('/salesreceipt', {CustomerRef: {value: c.Id}, Line: line})).json.SalesReceipt
    const r = await h.post('/batch', {
      BatchItemRequest: [
        {
          bId: 'u',
          operation: 'update',
          Customer: {Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: 'batched'},
        },
        {
          bId: 'v',
          operation: 'update',
          optionsData: 'void',
          SalesReceipt: {Id: b.Id, SyncToken: b.SyncToken, sparse: true},
        },
        {bId: 'd', operation: 'delete', Invoice: {Id: a.Id, SyncToken: a.SyncToken}},
      ],
    })
    const by = Object.fromEntries(r.json.BatchItemResponse.map((i: {bId: string}) => [i.bId, i]))
    assert.equal(by.u.Customer.Notes, 'batched')
    assert.equal(by.v.SalesReceipt.TotalAmt, 0)
    assert.equal(by.d.Invoice.status, 'Deleted')
  })

  it('rejects more than 30 items with 1040', async () => {
    const items = Array.from({length: 31}, (_, i) => ({
      bId: `b${i}`,
      operation: 'create',
      Class: {Name: `C${i}`},
    }))
    const r = await h.post('/batch', {BatchItemRequest: items})
    assert.equal(r.status, 400)
    assert.equal(r.json.Fault.Error[0].code, '1040')
    assert.equal(
      (await h.query("select count(*) from Class where Name = 'C0'")).json.QueryResponse.totalCount,
      0,
    )
  })

  it('does not let an item use what a sibling created in the same batch', async () => {
    const created = await h.post('/batch', {
      BatchItemRequest: [{bId: 'p', operation: 'create', Customer: {DisplayName: 'Sibling Parent'}}],
    })
    const id = Number(created.json.BatchItemResponse[0].Customer.Id)
    // The next id the emulator hands out is id + 1: the sibling's job refers to it and must fail with 2500.
    const r = await h.post('/batch', {
      BatchItemRequest: [
        {bId: 'a', operation: 'create', Customer: {DisplayName: 'Sibling A'}},
        {
          bId: 'b',
          operation: 'create',
          Customer: {DisplayName: 'Sibling B', ParentRef: {value: String(id + 1)}},
        },
      ],
    })
    const by = Object.fromEntries(r.json.BatchItemResponse.map((i: {bId: string}) => [i.bId, i]))
    assert.equal(by.a.Customer.Id, String(id + 1))
    assert.equal(by.b.Fault.Error[0].code, '2500')
  })

  it('replays the first reply for a repeated requestid and writes nothing new', async () => {
    const body = {DisplayName: 'Once Only'}
    const first = await h.post('/customer?requestid=req-1', body)
    const again = await h.post('/customer?requestid=req-1', body)
    assert.equal(first.status, 200)
    assert.deepEqual(again.json, first.json)
    assert.equal(
      (await h.query("select count(*) from Customer where DisplayName = 'Once Only'")).json.QueryResponse
        .totalCount,
      1,
    )
    // A fault is replayed too; a different requestid runs the write.
    const dup = await h.post('/customer?requestid=req-2', body)
    assert.equal(dup.json.Fault.Error[0].code, '6240')
    assert.deepEqual((await h.post('/customer?requestid=req-2', {DisplayName: 'Different'})).json, dup.json)
    assert.equal(
      (await h.post('/customer?requestid=' + 'x'.repeat(51), {DisplayName: 'Long Id'})).json.Fault.Error[0]
        .code,
      '2050',
    )
  })

  it('replays batch items by requestid + bId; new bIds run', async () => {
    const items = [{bId: 'r1', operation: 'create', Vendor: {DisplayName: 'Batch Once'}}]
    const first = await h.post('/batch?requestid=batch-1', {BatchItemRequest: items})
    const again = await h.post('/batch?requestid=batch-1', {
      BatchItemRequest: [...items, {bId: 'r2', operation: 'create', Vendor: {DisplayName: 'Batch Twice'}}],
    })
    assert.deepEqual(again.json.BatchItemResponse[0], first.json.BatchItemResponse[0])
    assert.equal(again.json.BatchItemResponse[1].Vendor.DisplayName, 'Batch Twice')
    assert.equal(
      (await h.query("select count(*) from Vendor where DisplayName = 'Batch Once'")).json.QueryResponse
        .totalCount,
      1,
    )
    const longBid = await h.post('/batch?requestid=batch-2', {
      BatchItemRequest: [{bId: 'x'.repeat(11), operation: 'create', Class: {Name: 'LB'}}],
    })
    assert.equal(longBid.json.Fault.Error[0].code, '2050')
  })
})
