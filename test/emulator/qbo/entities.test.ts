import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, idOf} from './client.js'

describe('QBO emulator: entity writes over raw HTTP', () => {
  let h: Harness
  let gst: string
  before(async () => {
    h = await harness()
    gst = await idOf(h, 'TaxCode', 'GST')
  })
  after(() => h.close())

  const invoiceBody = (customerId: string, extra: Record<string, unknown> = {}) => ({
    CustomerRef: {value: customerId},
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: 200,
        SalesItemLineDetail: {Qty: 2, UnitPrice: 100, TaxCodeRef: {value: gst}},
      },
    ],
    ...extra,
  })

  it('creates and reads a customer with QBO headers, Id, SyncToken "0" and MetaData', async () => {
    const c = await h.post('/customer?minorversion=75', {
      DisplayName: 'Acme Pty Ltd',
      PrimaryEmailAddr: {Address: 'ap@acme.com.au'},
    })
    assert.equal(c.status, 200)
    assert.match(c.headers.get('intuit_tid') ?? '', /^1-[0-9a-f]+$/)
    assert.ok(c.headers.get('qbo-version'))
    assert.equal(c.json.Customer.SyncToken, '0')
    assert.match(c.json.Customer.MetaData.CreateTime, /-07:00$/)
    assert.match(c.json.time, /T.*-07:00$/)
    const r = await h.get(`/customer/${c.json.Customer.Id}`)
    assert.deepEqual(r.json.Customer, c.json.Customer)
  })

  it('answers 6240 for a DisplayName used by a customer, vendor or employee, ignoring case', async () => {
    await h.post('/vendor', {DisplayName: 'Shared Name'})
    const dup = await h.post('/customer', {DisplayName: 'SHARED name'})
    assert.equal(dup.status, 400)
    assert.equal(dup.json.Fault.type, 'ValidationFault')
    assert.equal(dup.json.Fault.Error[0].code, '6240')
    assert.equal(dup.json.Fault.Error[0].Message, 'Duplicate Name Exists Error')
    const emp = await h.post('/employee', {
      GivenName: 'shared',
      FamilyName: 'Person',
      DisplayName: 'Shared Name',
    })
    assert.equal(emp.json.Fault.Error[0].code, '6240')
  })

  it('answers 6080 without any name, 2050 for an over-long field', async () => {
    assert.equal((await h.post('/vendor', {Notes: 'x'})).json.Fault.Error[0].code, '6080')
    const long = await h.post('/customer', {DisplayName: 'x'.repeat(501)})
    assert.equal(long.json.Fault.Error[0].code, '2050')
    assert.match(long.json.Fault.Error[0].Detail, /Max:500 supported. Supplied length:501/)
  })

  it('full update clears omitted fields, sparse update keeps them, stale SyncToken gives 5010', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Update Me', CompanyName: 'Update Co', Notes: 'n'}))
      .json.Customer
    const sparse = (
      await h.post('/customer', {Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: 'changed'})
    ).json.Customer
    assert.equal(sparse.SyncToken, '1')
    assert.equal(sparse.CompanyName, 'Update Co')
    assert.equal(sparse.Notes, 'changed')
    const full = (
      await h.post('/customer?operation=update', {Id: c.Id, SyncToken: '1', DisplayName: 'Update Me'})
    ).json.Customer
    assert.equal(full.SyncToken, '2')
    assert.equal(full.CompanyName, undefined)
    assert.equal(full.Notes, undefined)
    const stale = await h.post('/customer', {Id: c.Id, SyncToken: '1', sparse: true, Notes: 'late'})
    assert.equal(stale.status, 400)
    assert.equal(stale.json.Fault.Error[0].code, '5010')
    assert.equal(stale.json.Fault.Error[0].Message, 'Stale Object Error')
  })

  it('answers 610 for an unknown id and 2020 for a missing required field', async () => {
    const nf = await h.get('/invoice/999999')
    assert.equal(nf.status, 400)
    assert.equal(nf.json.Fault.Error[0].code, '610')
    const missing = await h.post('/invoice', {Line: []})
    assert.equal(missing.json.Fault.Error[0].code, '2020')
    assert.equal(missing.json.Fault.Error[0].element, 'CustomerRef')
    assert.equal(
      missing.json.Fault.Error[0].Detail,
      'Required parameter CustomerRef is missing in the request',
    )
  })

  it('answers 2500 for a reference to an unknown or inactive object', async () => {
    const bad = await h.post('/invoice', invoiceBody('987654'))
    assert.equal(bad.json.Fault.Error[0].code, '2500')
    const c = (await h.post('/customer', {DisplayName: 'Going Inactive'})).json.Customer
    const off = await h.post('/customer', {Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false})
    assert.equal(off.json.Customer.Active, false)
    assert.equal((await h.post('/invoice', invoiceBody(c.Id))).json.Fault.Error[0].code, '2500')
  })

  it('list entities cannot be deleted, only made inactive; TaxCode and TaxRate are read-only', async () => {
    const cls = (await h.post('/class', {Name: 'Sydney'})).json.Class
    const del = await h.post('/class?operation=delete', {Id: cls.Id, SyncToken: cls.SyncToken})
    assert.equal(del.status, 400)
    assert.equal(del.json.Fault.Error[0].code, '500')
    const tc = await h.post('/taxcode', {Name: 'NEW'})
    assert.equal(tc.status, 400)
    assert.equal(tc.json.Fault.Error[0].code, '500')
    assert.equal((await h.get(`/taxcode/${gst}`)).json.TaxCode.Name, 'GST')
  })
})
