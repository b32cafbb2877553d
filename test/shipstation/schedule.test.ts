// Unattended: 48 hourly runs on a virtual clock (token rotation on, labels, parcels, voids and reprints
// arriving between runs), and labels made around each run's watermark whichever time zone V1's filters use.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {normalizeOrderNumber} from '../../src/domain/shipstation.js'
import {runShipStationSync, type SyncResult} from '../../src/load/shipstation/index.js'
import {runEvery} from '../../src/sync/every.js'
import {allInvoices, makeWorld, STORE_A, STORE_B, type World} from './world.js'

const HOUR = 3_600_000

/** A small seeded generator, so a failing schedule can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** What each invoice should show: the live labels' numbers of its order, by the emulator's own records. */
function expectedTracking(w: World, prefixes: Record<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const l of [...w.ss.state.labels.values()].sort((a, b) => a.shipmentId - b.shipmentId)) {
    const order = w.ss.state.orders.get(l.orderId!)!
    const doc = `${prefixes[String(order.storeId)]}${normalizeOrderNumber(order.orderNumber)}`
    const list = out.get(doc) ?? []
    if (l.voidedMs === null) list.push(l.trackingNumber)
    out.set(doc, list)
  }
  return out
}

describe('qbo sync shipstation, unattended', () => {
  it('48 hourly runs with strict token rotation: nothing lost, no conflict left, no invalid_grant, within both limits', async (t) => {
    const w = await makeWorld(t, {strictRotation: true})
    w.map(STORE_A, 'prefix', 'A-')
    w.map(STORE_B, 'prefix', 'B-')
    const prefixes = {[STORE_A]: 'A-', [STORE_B]: 'B-'}
    const rand = random(20260302)
    const next: Record<string, number> = {[STORE_A]: 1001, [STORE_B]: 1001}
    const live: {shipmentId: number; store: string; order: string}[] = []
    const results: SyncResult[] = []
    const failures: unknown[] = []
    const carriers = ['fedex', 'dhl_express', 'fedex']

    await runEvery(
      {now: w.now, sleep: w.deps.sleep, stopped: () => results.length + failures.length >= 48},
      HOUR,
      async () => {
        // What happened in ShipStation during the hour before this run.
        for (let i = 0; i < 3; i++) {
          const store = rand() < 0.5 ? STORE_A : STORE_B
          const order = String(next[store]!++)
          await w.invoice(`${prefixes[store]}${order}`)
          const carrierCode = carriers[Math.floor(rand() * carriers.length)]!
          const createdMs = w.now() - Math.floor(rand() * HOUR)
          const made = w.ss.state.createLabel({
            orderId: w.ss.state.addOrder({storeId: Number(store), orderNumber: `#${order}`}).orderId,
            carrierCode,
            createdMs,
          })
          live.push({shipmentId: made.shipmentId, store, order})
          if (rand() < 0.2) w.label(store, `#${order}`, {carrierCode: 'dhl_express'})
        }
        if (live.length > 4 && rand() < 0.5) {
          const victim = live.splice(Math.floor(rand() * (live.length - 2)), 1)[0]!
          w.voidLabel(victim.shipmentId)
          if (rand() < 0.7) w.label(victim.store, `#${victim.order}`, {carrierCode: 'fedex'})
        }
        return runShipStationSync(w.deps, {dbPath: w.db})
      },
      {onResult: (r) => results.push(r), onError: (e) => failures.push(e)},
    )

    assert.deepEqual(failures, [], 'every run finished (an invalid_grant would fail a run)')
    assert.equal(results.length, 48)
    const last = results[results.length - 1]!
    assert.equal(last.counts.conflicts + last.counts.errors + last.counts.unmatched + last.counts.parked, 0)
    assert.equal(
      results.reduce((n, r) => n + r.counts.conflicts + r.counts.errors, 0),
      0,
    )
    // Nothing lost: every invoice shows exactly the live labels of its order.
    const want = expectedTracking(w, prefixes)
    const invoices = await allInvoices(w)
    assert.equal(invoices.length, want.size)
    for (const inv of invoices) {
      const numbers = want.get(String(inv.DocNumber))!
      const shown = String(inv.TrackingNum ?? '')
      if (numbers.length === 0) assert.equal(shown, '', `${String(inv.DocNumber)} has no live label`)
      else
        assert.ok(
          shown.startsWith(numbers[0]!),
          `${String(inv.DocNumber)}: ${shown} vs ${numbers.join(', ')}`,
        )
      for (const n of numbers)
        if (!shown.includes(n)) assert.match(shown, / \+\d+$/, `${String(inv.DocNumber)} lost ${n}`)
    }
    // The refresh token rotated on every run, and the store holds the newest one.
    assert.ok(w.store.get(w.qbo.realmId)!.lastRotatedAt >= new Date(w.now() - 2 * HOUR).toISOString())
    // Within both services' limits, by their own counts.
    assert.ok(w.ss.stats().maxPerMinute <= 40)
    assert.equal(w.ss.stats().rateLimited, 0)
    assert.equal(w.qbo.stats().throttled, 0)
    // A rerun after all that writes nothing.
    const writes = w.qbo.stats().writes
    w.advance(HOUR)
    assert.equal((await w.run()).counts.updated, 0)
    assert.equal(w.qbo.stats().writes, writes)
  })

  for (const zone of ['pacific', 'utc'] as const) {
    it(`loses no label made around a run's start when V1's date filters are ${zone} time`, async (t) => {
      const w = await makeWorld(t, {zone})
      w.map(STORE_A, 'prefix', 'S-')
      let n = 0
      const made: string[] = []
      for (let run = 0; run < 6; run++) {
        for (const offset of [-60_000, -1_000, 0]) {
          const order = String(1001 + n++)
          made.push(order)
          await w.invoice(`S-${order}`)
          const o = w.ss.state.addOrder({storeId: Number(STORE_A), orderNumber: order})
          w.ss.state.createLabel({orderId: o.orderId, carrierCode: 'fedex', createdMs: w.now() + offset})
        }
        await w.run({overlapMs: 2 * HOUR})
        // A label made while the run was reading: dated just after the run started.
        const order = String(1001 + n++)
        made.push(order)
        await w.invoice(`S-${order}`)
        const o = w.ss.state.addOrder({storeId: Number(STORE_A), orderNumber: order})
        w.ss.state.createLabel({orderId: o.orderId, carrierCode: 'fedex', createdMs: w.now() + 1})
        w.advance(HOUR)
      }
      await w.run({overlapMs: 2 * HOUR})
      const invoices = await allInvoices(w)
      assert.equal(invoices.length, made.length)
      for (const inv of invoices)
        assert.ok(inv.TrackingNum, `${String(inv.DocNumber)} has its tracking number`)
    })
  }
})
