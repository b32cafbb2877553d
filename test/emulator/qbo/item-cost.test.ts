// The emulator's side of the price-list integration (issue 20): an Item's PurchaseCost changed by a sparse
// update, in a batch, with QBO's stale-object fault when the SyncToken is old.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, idOf} from './client.js'

describe('QBO emulator: Item PurchaseCost by sparse update', () => {
  let h: Harness
  let income: string
  before(async () => {
    h = await harness()
    income = await idOf(h, 'Account', 'Sales')
  })
  after(() => h.close())

  async function item(name: string, extra: Record<string, unknown> = {}) {
    const r = await h.post('/item', {
      Name: name,
      Type: 'Service',
      Sku: `SKU-${name}`,
      IncomeAccountRef: {value: income},
      UnitPrice: 20,
      PurchaseCost: 12.5,
      Description: 'kept',
      ...extra,
    })
    assert.equal(r.status, 200, r.text)
    return r.json.Item
  }

  it('changes only PurchaseCost, bumps the SyncToken and keeps every other field', async () => {
    const it0 = await item('Sparse one')
    const r = await h.post('/item', {Id: it0.Id, SyncToken: it0.SyncToken, sparse: true, PurchaseCost: 13.75})
    assert.equal(r.status, 200, r.text)
    const after = r.json.Item
    assert.equal(after.PurchaseCost, 13.75)
    assert.equal(after.SyncToken, String(Number(it0.SyncToken) + 1))
    for (const f of ['Name', 'Sku', 'UnitPrice', 'Description', 'Type', 'IncomeAccountRef'])
      assert.deepEqual(after[f], it0[f], f)
  })

  it('answers 5010 Stale Object Error for an old SyncToken and changes nothing', async () => {
    const it0 = await item('Stale one')
    await h.post('/item', {Id: it0.Id, SyncToken: it0.SyncToken, sparse: true, Name: 'Stale one renamed'})
    const r = await h.post('/item', {Id: it0.Id, SyncToken: it0.SyncToken, sparse: true, PurchaseCost: 99})
    assert.equal(r.status, 400)
    assert.equal(r.json.Fault.Error[0].code, '5010')
    assert.equal(r.json.Fault.Error[0].Message, 'Stale Object Error')
    const now = (await h.get(`/item/${it0.Id}`)).json.Item
    assert.equal(now.PurchaseCost, 12.5)
  })

  it('answers a stale item inside a batch per item, and applies the others', async () => {
    const a = await item('Batch A')
    const b = await item('Batch B')
    await h.post('/item', {Id: b.Id, SyncToken: b.SyncToken, sparse: true, PurchaseCost: 1})
    const r = await h.post('/batch', {
      BatchItemRequest: [
        {
          bId: 'b1',
          operation: 'update',
          Item: {Id: a.Id, SyncToken: a.SyncToken, sparse: true, PurchaseCost: 3},
        },
        {
          bId: 'b2',
          operation: 'update',
          Item: {Id: b.Id, SyncToken: b.SyncToken, sparse: true, PurchaseCost: 4},
        },
      ],
    })
    assert.equal(r.status, 200, r.text)
    const [r1, r2] = r.json.BatchItemResponse
    assert.equal(r1.Item.PurchaseCost, 3)
    assert.equal(r2.Fault.Error[0].code, '5010')
    assert.equal((await h.get(`/item/${b.Id}`)).json.Item.PurchaseCost, 1)
  })

  it('keeps five decimals of PurchaseCost and UnitPrice (rounded half up) and refuses a non-number', async () => {
    const it0 = await item('Precise one')
    const r = await h.post('/item', {
      Id: it0.Id,
      SyncToken: it0.SyncToken,
      sparse: true,
      PurchaseCost: 0.083333333,
      UnitPrice: '1.234565',
    })
    assert.equal(r.status, 200, r.text)
    assert.equal(r.json.Item.PurchaseCost, 0.08333)
    assert.equal(r.json.Item.UnitPrice, 1.23457)
    const bad = await h.post('/item', {
      Id: it0.Id,
      SyncToken: r.json.Item.SyncToken,
      sparse: true,
      PurchaseCost: 'POA',
    })
    assert.equal(bad.status, 400)
    assert.equal((await h.get(`/item/${it0.Id}`)).json.Item.PurchaseCost, 0.08333)
  })
})
