// The ShipStation V1 client against the emulator: 40 requests a minute per key (also when another app
// spends part of it), 429s waited out, paging by `pages`, wrong keys and wrong base URLs.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {ConfigError} from '../../src/domain/errors.js'
import {type ShipStationEmulator, startShipStationEmulator} from '../../src/emulator/shipstation/index.js'
import {pacificFilterTime} from '../../src/sources/shipstation/dates.js'
import {listStores, readStoreShipments, ShipStationClient} from '../../src/sources/shipstation/index.js'

function virtualClock(start = Date.parse('2026-03-02T18:00:00Z')) {
  let t = start
  return {
    now: () => t,
    sleep: async (ms: number) => void (t += Math.max(0, ms)),
    advance: (ms: number) => void (t += ms),
  }
}

function clientFor(
  ss: ShipStationEmulator,
  clock: ReturnType<typeof virtualClock>,
  extra: {fetch?: typeof fetch; apiSecret?: string; baseUrl?: string} = {},
) {
  return new ShipStationClient({
    config: {
      apiKey: ss.apiKey,
      apiSecret: extra.apiSecret ?? ss.apiSecret,
      baseUrl: extra.baseUrl ?? ss.url,
      requestsPerMinute: 40,
      timeScale: 1,
    },
    now: clock.now,
    sleep: clock.sleep,
    ...(extra.fetch ? {fetch: extra.fetch} : {}),
  })
}

async function storeWithLabels(
  ss: ShipStationEmulator,
  clock: ReturnType<typeof virtualClock>,
  storeId: number,
  n: number,
): Promise<void> {
  ss.state.addStore({storeId, storeName: `Store ${storeId}`, marketplaceName: 'Shopify', active: true})
  for (let i = 0; i < n; i++) {
    const order = ss.state.addOrder({storeId, orderNumber: `#${1001 + i}`})
    ss.state.createLabel({orderId: order.orderId, createdMs: clock.now() - (n - i) * 1000})
  }
}

describe('ShipStation V1 client', () => {
  it('reads every page of several stores without passing 40 requests a minute', async (t) => {
    const clock = virtualClock()
    const ss = await startShipStationEmulator({now: clock.now, demo: false})
    t.after(() => ss.close())
    for (const id of [1, 2, 3]) await storeWithLabels(ss, clock, id, 250)
    const client = clientFor(ss, clock)
    const from = clock.now() - 86_400_000
    let labels = 0
    for (const id of ['1', '2', '3'])
      labels += (await readStoreShipments(client, id, from, 10)).shipments.length
    assert.equal(labels, 750)
    const stats = ss.stats()
    assert.equal(stats.requests, 3 * (25 + 1))
    assert.equal(stats.rateLimited, 0)
    assert.ok(stats.maxPerMinute <= 40, `at most 40 a minute, saw ${stats.maxPerMinute}`)
    assert.ok(client.stats().waitedMs > 60_000, 'it had to wait')
  })

  it('leaves room for another app on the same key, and waits out the 429s it cannot avoid', async (t) => {
    const clock = virtualClock()
    const ss = await startShipStationEmulator({now: clock.now, demo: false})
    t.after(() => ss.close())
    await storeWithLabels(ss, clock, 1, 100)
    // The other app spends 35 of this minute before the first request: the headers say so, and the client stops at 0.
    ss.consume(35)
    const polite = clientFor(ss, clock)
    assert.equal((await readStoreShipments(polite, '1', clock.now() - 86_400_000, 10)).shipments.length, 100)
    assert.equal(ss.stats().rateLimited, 0)
    // Now the other app spends 5 more before each of our requests: some 429s, each waited out.
    const busy = clientFor(ss, clock, {
      fetch: async (input, init) => {
        ss.consume(5)
        return fetch(input, init)
      },
    })
    clock.advance(61_000)
    assert.equal((await readStoreShipments(busy, '1', clock.now() - 86_400_000, 10)).shipments.length, 100)
    assert.ok(busy.stats().rateLimited > 0)
    assert.ok(ss.stats().keys[ss.apiKey]!.maxPerWindow <= 40)
  })

  it('sends a request again after a 5xx or a dropped connection', async (t) => {
    const clock = virtualClock()
    const ss = await startShipStationEmulator({now: clock.now, demo: true})
    t.after(() => ss.close())
    let calls = 0
    const flaky = clientFor(ss, clock, {
      fetch: async (input, init) => {
        calls++
        if (calls === 1) throw new TypeError('fetch failed')
        if (calls === 2) return new Response('oops', {status: 503})
        return fetch(input, init)
      },
    })
    const stores = await listStores(flaky)
    assert.deepEqual(
      stores.map((s) => s.storeId),
      ['310001', '310002'],
    )
    assert.equal(flaky.stats().retried, 2)
  })

  it('says what to fix for a wrong secret, or a base URL that is not V1', async (t) => {
    const clock = virtualClock()
    const ss = await startShipStationEmulator({now: clock.now, demo: false})
    t.after(() => ss.close())
    await assert.rejects(listStores(clientFor(ss, clock, {apiSecret: 'wrong'})), (e: unknown) => {
      assert.ok(e instanceof ConfigError)
      assert.match(e.message, /refused the API key and secret \(HTTP 401\)/)
      return true
    })
    const v2 = clientFor(ss, clock, {
      fetch: async () => new Response(JSON.stringify({shipments: [{shipment_id: 'se-1'}]}), {status: 200}),
    })
    await assert.rejects(readStoreShipments(v2, '1', clock.now()), (e: unknown) => {
      assert.ok(e instanceof ConfigError)
      assert.match(e.next, /V1 API/)
      return true
    })
  })

  it('writes date filters as Pacific wall-clock times, summer and winter', () => {
    assert.equal(pacificFilterTime(Date.parse('2026-01-15T20:00:00Z')), '2026-01-15 12:00:00')
    assert.equal(pacificFilterTime(Date.parse('2026-07-15T20:00:00Z')), '2026-07-15 13:00:00')
  })
})
