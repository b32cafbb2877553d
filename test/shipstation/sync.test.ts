// The ShipStation → QBO tracking sync against both emulators: multi-store collisions, reruns, voids and
// reprints, parcels, conflicts, unmatched orders, dry runs.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {UsageError} from '../../src/domain/errors.js'

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

  it('a void followed by a reprint ends with the new tracking number only, whichever run sees which', async (t) => {
    const w = await makeWorld(t)
    const inv = await w.invoice('S1-2001')
    const inv2 = await w.invoice('S1-2002')
    w.map(STORE_A, 'prefix', 'S1-')
    const old = w.label(STORE_A, '2001')
    w.advance(60_000)
    await w.run()
    assert.equal((await w.invoiceById(String(inv.Id))).TrackingNum, old.trackingNumber)

    // The label is voided and printed again between two runs.
    w.advance(HOUR / 2)
    w.voidLabel(old.shipmentId)
    const reprint = w.label(STORE_A, '2001', {carrierCode: 'fedex', serviceCode: 'fedex_2day'})
    w.advance(HOUR / 2)
    const r = await w.run()
    assert.equal(r.counts.voided, 1)
    assert.equal(r.counts.updated, 1)
    const after = await w.invoiceById(String(inv.Id))
    assert.equal(after.TrackingNum, reprint.trackingNumber)
    assert.deepEqual(after.ShipMethodRef, {value: 'FedEx 2day', name: 'FedEx 2day'})

    // Printed again before the void was made: for one run both numbers show, then only the new one.
    const first = w.label(STORE_A, '2002', {carrierCode: 'fedex'})
    w.advance(HOUR)
    await w.run()
    const second = w.label(STORE_A, '2002', {carrierCode: 'fedex'})
    w.advance(HOUR)
    await w.run()
    assert.equal(
      (await w.invoiceById(String(inv2.Id))).TrackingNum,
      `${first.trackingNumber}, ${second.trackingNumber}`,
    )
    w.voidLabel(first.shipmentId)
    w.advance(HOUR)
    await w.run()
    assert.equal((await w.invoiceById(String(inv2.Id))).TrackingNum, second.trackingNumber)

    // Voided with no reprint: the number comes off.
    w.voidLabel(second.shipmentId)
    w.advance(HOUR)
    const cleared = await w.run()
    assert.equal(cleared.counts.updated, 1)
    assert.equal((await w.invoiceById(String(inv2.Id))).TrackingNum ?? '', '')
  })

  it('joins several parcels within the field and reports the numbers left out', async (t) => {
    const w = await makeWorld(t)
    const inv = await w.invoice('S1-3001')
    w.map(STORE_A, 'prefix', 'S1-')
    const parcels = [0, 1, 2].map(() => w.label(STORE_A, '3001', {carrierCode: 'fedex'}))
    w.advance(60_000)
    const r = await w.run()
    const tracking = String((await w.invoiceById(String(inv.Id))).TrackingNum)
    // Three 12-digit FedEx numbers do not fit 30 characters: two do, with "+1" for the third.
    assert.equal(tracking, `${parcels[0]!.trackingNumber}, ${parcels[1]!.trackingNumber} +1`)
    assert.ok(tracking.length <= 30)
    assert.deepEqual(r.updated[0]?.omitted, [parcels[2]!.trackingNumber])
  })

  it('reports a change someone made to a field the sync wrote, and does not overwrite it', async (t) => {
    const w = await makeWorld(t)
    const inv = await w.invoice('S1-4001')
    w.map(STORE_A, 'prefix', 'S1-')
    w.label(STORE_A, '4001', {carrierCode: 'fedex'})
    w.advance(60_000)
    await w.run()
    // Someone types another tracking number into the invoice in QBO.
    const read = await w.invoiceById(String(inv.Id))
    await w.client.update(
      'Invoice',
      {Id: String(read.Id), SyncToken: String(read.SyncToken), sparse: true, TrackingNum: 'TYPED-BY-HAND'},
      {requestId: 'hand-1'},
    )
    const reprint = w.label(STORE_A, '4001', {carrierCode: 'fedex'})
    w.advance(HOUR)
    const r = await w.run()
    assert.equal(r.counts.conflicts, 1)
    assert.equal(r.counts.updated, 0)
    assert.deepEqual(r.conflicts[0]?.fields, ['TrackingNum'])
    assert.equal((await w.invoiceById(String(inv.Id))).TrackingNum, 'TYPED-BY-HAND')
    // Still reported on the next run, until someone decides; --overwrite-conflicts lets the labels win.
    w.advance(HOUR)
    assert.equal((await w.run()).counts.conflicts, 1)
    w.advance(HOUR)
    const forced = await w.run({overwriteConflicts: true})
    assert.equal(forced.counts.updated, 1)
    assert.ok(String((await w.invoiceById(String(inv.Id))).TrackingNum).includes(reprint.trackingNumber))
    w.advance(HOUR)
    const settled = await w.run()
    assert.equal(settled.counts.conflicts + settled.counts.updated, 0)
  })

  it('a tracking number already on an invoice before the first write is not replaced', async (t) => {
    const w = await makeWorld(t)
    const inv = await w.invoice('S1-4101', {TrackingNum: 'MANUAL-1'})
    w.map(STORE_A, 'prefix', 'S1-')
    w.label(STORE_A, '4101')
    w.advance(60_000)
    const r = await w.run()
    assert.equal(r.counts.conflicts, 1)
    assert.equal((await w.invoiceById(String(inv.Id))).TrackingNum, 'MANUAL-1')
  })

  it('a stale SyncToken is read again and the update retried; the same field changed meanwhile is a conflict', async (t) => {
    const w = await makeWorld(t)
    const quiet = await w.invoice('S1-5001')
    const busy = await w.invoice('S1-5002')
    w.map(STORE_A, 'prefix', 'S1-')
    w.label(STORE_A, '5001')
    w.label(STORE_A, '5002')
    w.advance(60_000)
    // Between the sync's read and its write, someone edits both invoices: a memo on one, the ship date on the other.
    const port = w.deps.port
    let edited = false
    w.deps.port = {
      ...port,
      realmId: port.realmId,
      inFlightWindowMs: port.inFlightWindowMs,
      async writeBatch(requestId, items, onSend) {
        if (!edited) {
          edited = true
          const q = await w.invoiceById(String(quiet.Id))
          await w.client.update(
            'Invoice',
            {
              Id: String(q.Id),
              SyncToken: String(q.SyncToken),
              sparse: true,
              CustomerMemo: {value: 'Thanks!'},
            },
            {requestId: 'memo'},
          )
          const b = await w.invoiceById(String(busy.Id))
          await w.client.update(
            'Invoice',
            {Id: String(b.Id), SyncToken: String(b.SyncToken), sparse: true, ShipDate: '2026-01-01'},
            {requestId: 'date'},
          )
        }
        return port.writeBatch(requestId, items, onSend)
      },
    }
    const r = await w.run()
    assert.equal(r.counts.updated, 1, JSON.stringify(r, null, 2))
    assert.equal(r.counts.conflicts, 1)
    assert.equal(r.conflicts[0]?.order, '5002')
    assert.deepEqual(r.conflicts[0]?.fields, ['ShipDate'])
    const q = await w.invoiceById(String(quiet.Id))
    assert.ok(q.TrackingNum)
    assert.deepEqual(q.CustomerMemo, {value: 'Thanks!'})
    assert.equal((await w.invoiceById(String(busy.Id))).ShipDate, '2026-01-01')
  })

  it('finds invoices by customer, or by a PrivateNote line, per store', async (t) => {
    const w = await makeWorld(t)
    const acme = await w.customer('Acme Shop A')
    const bolt = await w.customer('Bolt Shop B')
    const a = await w.invoice('1001', {CustomerRef: {value: acme}})
    const b = await w.invoice('1001-B', {
      CustomerRef: {value: bolt},
      PrivateNote: 'Imported\nShopify B order #1001',
      TxnDate: '2026-02-20',
    })
    await w.invoice('1001-X', {PrivateNote: 'Shopify B order #1002\nShopify B order #1002'})
    w.map(STORE_A, 'customer', acme)
    w.map(STORE_B, 'marker', 'Shopify B order #{order}')
    const la = w.label(STORE_A, '#1001', {shipDate: '2026-03-01'})
    const lb = w.label(STORE_B, '#1001', {shipDate: '2026-03-01'})
    w.advance(60_000)
    const r = await w.run()
    assert.equal(r.counts.updated, 2, JSON.stringify(r, null, 2))
    assert.equal((await w.invoiceById(String(a.Id))).TrackingNum, la.trackingNumber)
    assert.equal((await w.invoiceById(String(b.Id))).TrackingNum, lb.trackingNumber)
  })

  it('retries an order with no invoice, matches it once the invoice exists, and parks one that never appears', async (t) => {
    const w = await makeWorld(t)
    w.map(STORE_A, 'prefix', 'S1-')
    w.label(STORE_A, '6001')
    w.label(STORE_A, '6002')
    w.advance(60_000)
    const first = await w.run({retryDays: 2})
    assert.equal(first.counts.unmatched, 2)
    assert.match(first.unmatched[0]!.reason, /no invoice with DocNumber S1-6001/)
    const inv = await w.invoice('S1-6001')
    w.advance(HOUR)
    const second = await w.run({retryDays: 2})
    assert.equal(second.counts.updated, 1)
    assert.equal(second.counts.unmatched, 1)
    assert.ok((await w.invoiceById(String(inv.Id))).TrackingNum)
    w.advance(2 * 24 * HOUR)
    const third = await w.run({retryDays: 2})
    assert.equal(third.counts.parked, 1)
    assert.match(third.parked[0]!.reason, /S1-6002.*retried for 2 days/)
    w.advance(HOUR)
    const fourth = await w.run({retryDays: 2})
    assert.equal(fourth.counts.parked + fourth.counts.unmatched, 0, 'a parked order waits for a person')
    await w.invoice('S1-6002')
    w.advance(HOUR)
    assert.equal((await w.run({retryDays: 2, retryParked: true})).counts.updated, 1)
  })

  it('a dry run shows the updates and records nothing', async (t) => {
    const w = await makeWorld(t)
    const inv = await w.invoice('S1-7001')
    w.map(STORE_A, 'prefix', 'S1-')
    w.label(STORE_A, '7001')
    w.advance(60_000)
    const writes = w.qbo.stats().writes
    const dry = await w.run({dryRun: true})
    assert.equal(dry.counts.updated, 1)
    assert.equal(dry.updated[0]?.invoiceId, String(inv.Id))
    assert.equal(w.qbo.stats().writes, writes)
    assert.equal(w.staging.shipstation.orderShipments(STORE_A, '7001').length, 0)
    assert.equal(w.staging.runs.list().length, 0)
    assert.equal((await w.run()).counts.updated, 1)
  })

  it('keeps the watermark when --since starts after it, so nothing between is skipped', async (t) => {
    const w = await makeWorld(t)
    await w.invoice('S1-8001')
    w.map(STORE_A, 'prefix', 'S1-')
    w.advance(60_000)
    const r1 = await w.run()
    const mark = r1.stores[0]!.watermark
    w.label(STORE_A, '8001')
    w.advance(2 * 24 * HOUR)
    const late = await w.run({since: new Date(w.now()).toISOString()})
    assert.equal(late.counts.fetched, 0)
    assert.equal(late.stores[0]!.watermark, mark)
    const next = await w.run()
    assert.equal(next.counts.updated, 1)
  })

  it('on the demo stores, matches orders with the same numbers to their own migrated invoices by PrivateNote marker', async (t) => {
    const w = await makeWorld(t, {demoStores: true})
    // Order #1001 and #1002 of both stores, and their invoices as a migration from the demo's MYOB files leaves
    // them: the number (the order's key), a date before the label, and the marker.
    const orders = [...w.ss.state.orders.values()].filter(
      (o) => o.orderNumber === '#1001' || o.orderNumber === '#1002',
    )
    assert.equal(orders.length, 4)
    const made = new Map<string, {store: string; order: string; id: string}>()
    for (const o of orders) {
      const label = [...w.ss.state.labels.values()].find((l) => l.orderId === o.orderId)!
      const txnDate = new Date(Date.parse(label.shipDate) - 86_400_000).toISOString().slice(0, 10)
      const inv = await w.invoice(o.orderKey, {
        TxnDate: txnDate,
        PrivateNote: `qbo-toolkit:myob:${o.orderKey}`,
      })
      made.set(o.orderKey, {store: String(o.storeId), order: o.orderNumber.slice(1), id: String(inv.Id)})
    }
    w.map('310001', 'marker', 'qbo-toolkit:myob:{orderKey}')
    w.map('310002', 'marker', 'qbo-toolkit:myob:{orderKey}')
    const r = await w.run({since: '2023-07-01'})
    assert.ok(r.counts.fetched > 400)
    assert.equal(r.counts.updated, 4, JSON.stringify(r.updated))
    for (const u of r.updated) {
      const want = made.get(u.docNumber!)!
      assert.deepEqual([u.store, u.order, u.invoiceId], [want.store, want.order, want.id])
    }
    for (const [doc, m] of made)
      assert.ok((await w.invoiceById(m.id)).TrackingNum, `${doc} has a tracking number`)
    // The other orders have no invoice in this company: waiting, not written anywhere.
    assert.ok(r.counts.unmatched > 400)
    assert.ok(
      r.unmatched.every((u) => /no invoice with the PrivateNote line "qbo-toolkit:myob:INV-/.test(u.reason)),
    )
  })

  it('an invoice deleted and made again in QBO gets the tracking numbers, without a false conflict', async (t) => {
    const w = await makeWorld(t)
    const first = await w.invoice('S1-9001')
    w.map(STORE_A, 'prefix', 'S1-')
    const a = w.label(STORE_A, '9001', {carrierCode: 'fedex'})
    w.advance(60_000)
    await w.run()
    const old = await w.invoiceById(String(first.Id))
    await w.client.update(
      'Invoice',
      {Id: String(old.Id), SyncToken: String(old.SyncToken)},
      {requestId: 'del', operation: 'delete'},
    )
    const b = w.label(STORE_A, '9001', {carrierCode: 'fedex'})
    w.advance(HOUR)
    // For one run there is no invoice: the order waits.
    assert.equal((await w.run()).counts.unmatched, 1)
    const again = await w.invoice('S1-9001')
    w.advance(HOUR)
    const r = await w.run()
    assert.equal(r.counts.conflicts, 0, JSON.stringify(r.conflicts))
    assert.equal(r.counts.updated, 1)
    assert.equal(
      (await w.invoiceById(String(again.Id))).TrackingNum,
      `${a.trackingNumber}, ${b.trackingNumber}`,
    )
  })

  it("carries a warning in every run's result while the QBO authorization nears its hard expiry", async (t) => {
    const w = await makeWorld(t)
    w.map(STORE_A, 'prefix', 'S1-')
    await w.invoice('S1-1')
    assert.deepEqual((await w.run()).warnings, [])
    const entry = w.store.get(w.qbo.realmId)!
    const hard = new Date(w.now() + 20 * 24 * HOUR).toISOString()
    w.store.put({...entry, hardExpiresAt: hard})
    for (let i = 0; i < 2; i++) {
      w.advance(HOUR)
      const r = await w.run()
      assert.equal(r.auth?.hardExpiresAt, hard)
      assert.match(r.warnings.join('\n'), /hard expiry in 19 days.*qbo auth connect/)
    }
  })

  it('keeps an idle refresh token alive: a run with nothing to write still uses it before it expires', async (t) => {
    const w = await makeWorld(t)
    w.map(STORE_A, 'prefix', 'S1-')
    await w.invoice('S1-1')
    const entry = w.store.get(w.qbo.realmId)!
    // Eleven weeks of runs with no labels: nothing asked QBO for anything, and the rolling expiry drew near.
    w.advance(90 * 24 * HOUR)
    w.store.put({...entry, refreshExpiresAt: new Date(w.now() + 10 * 24 * HOUR).toISOString()})
    const r = await w.run()
    assert.equal(r.counts.fetched, 0)
    assert.ok(Date.parse(w.store.get(w.qbo.realmId)!.refreshExpiresAt) > w.now() + 90 * 24 * HOUR)
    assert.deepEqual(r.warnings, [])
  })

  it('refuses a store mapping that would let two stores claim the same invoices', async (t) => {
    const w = await makeWorld(t)
    w.map(STORE_A, 'prefix', 'S-')
    assert.throws(
      () => w.map(STORE_B, 'prefix', 's-'),
      (e: unknown) => {
        assert.ok(e instanceof UsageError)
        assert.match(e.message, /Store 310002 would share the DocNumber prefix "s-" with store 310001/)
        return true
      },
    )
    w.map(STORE_A, 'customer', '58')
    assert.throws(() => w.map(STORE_B, 'customer', '58'), UsageError)
    assert.throws(() => w.map(STORE_B, 'marker', 'Shopify order'), /names neither/)
    w.map(STORE_B, 'prefix', 'S-')
  })
})
