// The ShipStation → QBO tracking sync against both emulators: multi-store collisions, reruns, voids and
// reprints, parcels, conflicts, unmatched orders, dry runs.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {STORE_A, STORE_B, makeWorld} from './world.js'

const HOUR = 3_600_000

describe('qbo sync shipstation', () => {
  it('two stores with colliding order numbers update their own invoices, and a rerun writes nothing', async (t) => {
    const w = await makeWorld(t)
    const a1 = await w.invoice('S1-1001')
    const b1 = await w.invoice('S2-1001')
    const a2 = await w.invoice('S1-1002')
    w.map(STORE_A, 'prefix', 'S1-')
    w.map(STORE_B, 'prefix', 'S2-')
    const la = w.label(STORE_A, '#1001', {
      carrierCode: 'ups',
      serviceCode: 'ups_ground',
      shipDate: '2026-03-02',
    })
    const lb = w.label(STORE_B, '#1001', {
      carrierCode: 'fedex',
      serviceCode: 'fedex_ground',
      shipDate: '2026-03-01',
    })
    const la2 = w.label(STORE_A, '# 1002', {carrierCode: 'stamps_com', serviceCode: 'usps_priority_mail'})
    w.advance(60_000)

    const first = await w.run()
    assert.equal(first.counts.fetched, 3)
    assert.equal(first.counts.updated, 3, JSON.stringify(first, null, 2))
    assert.equal(first.counts.unmatched + first.counts.conflicts + first.counts.errors, 0)
    const [x1, y1, x2] = await Promise.all([a1, b1, a2].map((i) => w.invoiceById(String(i.Id))))
    assert.equal(x1!.TrackingNum, la.trackingNumber)
    assert.equal(x1!.ShipDate, '2026-03-02')
    assert.deepEqual(x1!.ShipMethodRef, {value: 'UPS Ground', name: 'UPS Ground'})
    assert.equal(y1!.TrackingNum, lb.trackingNumber)
    assert.deepEqual(y1!.ShipMethodRef, {value: 'FedEx Ground', name: 'FedEx Ground'})
    assert.equal(x2!.TrackingNum, la2.trackingNumber)
    assert.deepEqual(x2!.ShipMethodRef, {value: 'USPS Priority Mail', name: 'USPS Priority Mail'})

    const writes = w.qbo.stats().writes
    w.advance(HOUR)
    const again = await w.run()
    assert.equal(again.counts.fetched, 3, 'the overlap reads the same labels again')
    assert.equal(again.counts.updated, 0)
    assert.equal(w.qbo.stats().writes, writes, 'a rerun sends no write to QBO')
    const after = await Promise.all([a1, b1, a2].map((i) => w.invoiceById(String(i.Id))))
    assert.deepEqual(
      after.map((i) => i.SyncToken),
      [x1, y1, x2].map((i) => i!.SyncToken),
    )
  })
})
