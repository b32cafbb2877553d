import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {startQboEmulator} from '../../../src/emulator/qbo/index.js'
import {tempDir} from '../../helpers/temp.js'
import {harness, raw} from './client.js'

const putFaults = (url: string, spec: unknown) =>
  raw(`${url}/_emulator/faults`, {
    method: 'PUT',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(spec),
  })

describe('QBO emulator: throttling, fault injection and control endpoints', () => {
  it("allows 500 requests a minute per realm, then 429 with QBO's XML body; the minute is time-scaled", async () => {
    const clock = {t: 0}
    const h = await harness({timeScale: 60, now: () => clock.t, retryThrottled: false})
    try {
      // Five at a time every 9 ms: at most 10 in any QBO second (17 ms at this scale) and never 10 at
      // once, so only the per-minute limit (500 in 1 s here) can refuse them.
      for (let i = 0; i < 100; i++) {
        const statuses = await Promise.all(
          Array.from({length: 5}, () => h.get(`/companyinfo/${h.emu.realmId}`).then((r) => r.status)),
        )
        assert.deepEqual(statuses, [200, 200, 200, 200, 200])
        clock.t += 9
      }
      const r = await h.get(`/companyinfo/${h.emu.realmId}`)
      assert.equal(r.status, 429)
      assert.match(r.headers.get('content-type') ?? '', /xml/)
      assert.match(
        r.text,
        /<Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429<\/Message>/,
      )
      assert.equal(h.emu.stats().throttled, 1)
      assert.equal(h.emu.stats().throttledBy.perMinute, 1)
      clock.t += 1_001 // one QBO minute at time scale 60
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
    } finally {
      await h.close()
    }
  })

  it('allows 10 requests a second, time-scaled: the 11th in the same QBO second is refused', async () => {
    const clock = {t: 0}
    const h = await harness({timeScale: 60, now: () => clock.t, retryThrottled: false})
    try {
      for (let i = 0; i < 10; i++) assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
      clock.t += 16 // still inside the second (1000 / 60 ms)
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 429)
      assert.equal(h.emu.stats().throttledBy.perSecond, 1)
      clock.t += 1
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
    } finally {
      await h.close()
    }
  })

  it('allows 40 batch requests a minute', async () => {
    const clock = {t: 0}
    const h = await harness({timeScale: 60, now: () => clock.t, retryThrottled: false})
    try {
      const batch = {BatchItemRequest: [{bId: 'q', Query: 'select count(*) from Account'}]}
      const next = () => (clock.t += 20) // one request per QBO second: only the batch limit applies
      for (let i = 0; i < 40; i++) {
        next()
        assert.equal((await h.post('/batch', batch)).status, 200)
      }
      next()
      assert.equal((await h.post('/batch', batch)).status, 429)
      assert.equal(h.emu.stats().throttledBy.batchPerMinute, 1)
      next()
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
    } finally {
      await h.close()
    }
  })

  it('a request holds its concurrency slot until it is answered: the 11th at once is refused', async () => {
    // A QBO second of 20 ms: the per-second window is gone when the later requests arrive; QBO's request
    // timeout is 2.4 s, so the held requests are still answered (past it they would get a 504).
    const h = await harness({timeScale: 50, retryThrottled: false})
    try {
      // Long enough that a busy machine cannot finish them before the next five arrive.
      await putFaults(h.emu.url, 'latency=2000')
      const slow = Array.from({length: 10}, () => h.get(`/companyinfo/${h.emu.realmId}`))
      while (h.emu.stats().requests < 10) await new Promise((r) => setTimeout(r, 5))
      await new Promise((r) => setTimeout(r, 40))
      const refused = await Promise.all(Array.from({length: 5}, () => h.get(`/companyinfo/${h.emu.realmId}`)))
      assert.deepEqual(
        refused.map((r) => r.status),
        [429, 429, 429, 429, 429],
      )
      assert.deepEqual(
        (await Promise.all(slow)).map((r) => r.status),
        Array.from({length: 10}, () => 200),
      )
      assert.equal(h.emu.stats().throttledBy.concurrent, 5)
      await putFaults(h.emu.url, {})
      // Answered requests gave their slots back.
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
    } finally {
      await h.close()
    }
  })

  it("a burst of 50 parallel requests on one realm gets 429s with QBO's fault body", async () => {
    // QBO's real windows on a clock that stands still, so however slowly a busy machine sends the 50, they
    // all fall in one second: 10 a second and 10 at once.
    const h = await harness({
      timeScale: 1,
      now: () => Date.parse('2026-01-01T00:00:00Z'),
      retryThrottled: false,
    })
    try {
      const replies = await Promise.all(
        Array.from({length: 50}, () => h.get(`/companyinfo/${h.emu.realmId}`)),
      )
      const ok = replies.filter((r) => r.status === 200)
      const refused = replies.filter((r) => r.status === 429)
      assert.equal(ok.length + refused.length, 50)
      assert.ok(ok.length <= 10, `${ok.length} answered`)
      assert.ok(refused.length >= 40, `${refused.length} refused`)
      for (const r of refused) {
        assert.match(r.headers.get('content-type') ?? '', /application\/xml/)
        assert.match(
          r.text,
          /^<\?xml .*\?>\n<IntuitResponse xmlns="http:\/\/schema.intuit.com\/finance\/v3" time="[^"]+">/,
        )
        assert.match(
          r.text,
          /<Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429<\/Message><Detail>The request limit was reached. {2}Try again later<\/Detail><\/Error><\/Fault><\/IntuitResponse>$/,
        )
      }
      const s = h.emu.stats()
      assert.equal(s.throttled, refused.length)
      assert.equal(s.throttledBy.perSecond + s.throttledBy.concurrent, refused.length)
    } finally {
      await h.close()
    }
  })

  it('injects http500 (SystemFault) and reset (socket destroyed), counted in stats', async () => {
    const h = await harness({faults: 'http500=1', retryThrottled: false})
    try {
      const r = await h.post('/customer', {DisplayName: 'Never'})
      assert.equal(r.status, 500)
      assert.equal(r.json.Fault.type, 'SystemFault')
      assert.equal(r.json.Fault.Error[0].code, '10000')
      await putFaults(h.emu.url, 'reset=1')
      await assert.rejects(h.get(`/companyinfo/${h.emu.realmId}`))
      await putFaults(h.emu.url, {spec: ''})
      const s = h.emu.stats()
      assert.equal(s.faultsInjected.http500, 1)
      assert.equal(s.faultsInjected.reset, 1)
      assert.equal(s.writes, 0)
      assert.equal(
        (await h.query("select count(*) from Customer where DisplayName = 'Never'")).json.QueryResponse
          .totalCount,
        0,
      )
    } finally {
      await h.close()
    }
  })

  it('timeout commits the write and never answers; a retry with the same requestid gets the committed reply', async () => {
    const h = await harness({faults: 'timeout=1', timeScale: 1000})
    try {
      await assert.rejects(h.post('/customer?requestid=lost-1', {DisplayName: 'Lost Reply'}))
      await putFaults(h.emu.url, {})
      const retry = await h.post('/customer?requestid=lost-1', {DisplayName: 'Lost Reply'})
      assert.equal(retry.status, 200)
      assert.equal(retry.json.Customer.DisplayName, 'Lost Reply')
      assert.equal(
        (await h.query("select count(*) from Customer where DisplayName = 'Lost Reply'")).json.QueryResponse
          .totalCount,
        1,
      )
      const stats = (await raw(`${h.emu.url}/_emulator/stats`)).json
      assert.equal(stats.writes, 1)
      assert.equal(stats.faultsInjected.timeout, 1)
      assert.equal(stats.entities.Customer, 1)
      assert.ok(stats.requests >= 3)
    } finally {
      await h.close()
    }
  })

  it('same seed, same faults: injection is deterministic', async () => {
    const run = async () => {
      const h = await harness({faults: 'http500=0.5', seed: 42})
      try {
        const out: number[] = []
        for (let i = 0; i < 12; i++) out.push((await h.get(`/companyinfo/${h.emu.realmId}`)).status)
        return out
      } finally {
        await h.close()
      }
    }
    const a = await run()
    assert.deepEqual(await run(), a)
    assert.ok(a.includes(500) && a.includes(200))
  })

  it('rejects a bad fault spec; reset empties the company but keeps tokens', async () => {
    const h = await harness()
    try {
      assert.equal((await putFaults(h.emu.url, 'bogus=1')).status, 400)
      await h.post('/customer', {DisplayName: 'Before Reset'})
      assert.equal((await raw(`${h.emu.url}/_emulator/reset`, {method: 'POST'})).status, 200)
      assert.deepEqual((await h.query('select * from Customer')).json.QueryResponse, {})
      assert.equal((await h.query('select count(*) from Account')).json.QueryResponse.totalCount > 0, true)
      assert.equal(h.emu.stats().writes, 0)
    } finally {
      await h.close()
    }
  })

  it('persists the company and tokens in a SQLite file with dataFile', async (t) => {
    const file = join(tempDir(t), 'emu.db')
    const h = await harness({dataFile: file})
    const c = (await h.post('/customer', {DisplayName: 'Persisted'})).json.Customer
    await h.close()
    const again = await startQboEmulator({dataFile: file})
    try {
      const base = `${again.url}/v3/company/${again.realmId}`
      const r = await raw(`${base}/customer/${c.Id}`, {headers: {authorization: `Bearer ${h.token}`}})
      assert.equal(r.json.Customer.DisplayName, 'Persisted')
      const accounts = await raw(
        `${base}/query?query=${encodeURIComponent("select count(*) from Account where Name = 'Sales'")}`,
        {headers: {authorization: `Bearer ${h.token}`}},
      )
      assert.equal(accounts.json.QueryResponse.totalCount, 1)
      const next = await raw(`${base}/customer`, {
        method: 'POST',
        headers: {authorization: `Bearer ${h.token}`, 'content-type': 'application/json'},
        body: '{"DisplayName":"Second"}',
      })
      assert.ok(Number(next.json.Customer.Id) > Number(c.Id))
    } finally {
      await again.close()
    }
  })
})
