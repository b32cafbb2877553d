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
    const h = await harness({throttling: true, timeScale: 60, now: () => clock.t})
    try {
      // Five at a time: under the 10-concurrent limit, so only the per-minute limit can refuse them.
      for (let i = 0; i < 100; i++) {
        const statuses = await Promise.all(
          Array.from({length: 5}, () => h.get(`/companyinfo/${h.emu.realmId}`).then((r) => r.status)),
        )
        assert.deepEqual(statuses, [200, 200, 200, 200, 200])
      }
      const r = await h.get(`/companyinfo/${h.emu.realmId}`)
      assert.equal(r.status, 429)
      assert.match(r.headers.get('content-type') ?? '', /xml/)
      assert.match(
        r.text,
        /<Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429<\/Message>/,
      )
      assert.equal(h.emu.stats().throttled, 1)
      clock.t += 1_001 // one QBO minute at time scale 60
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
    } finally {
      await h.close()
    }
  })

  it('allows 40 batch requests a minute and 10 concurrent requests', async () => {
    const clock = {t: 0}
    const h = await harness({throttling: true, now: () => clock.t})
    try {
      const batch = {BatchItemRequest: [{bId: 'q', Query: 'select count(*) from Account'}]}
      for (let i = 0; i < 40; i++) assert.equal((await h.post('/batch', batch)).status, 200)
      assert.equal((await h.post('/batch', batch)).status, 429)
      assert.equal((await h.get(`/companyinfo/${h.emu.realmId}`)).status, 200)
      await putFaults(h.emu.url, {latency: '150-150'})
      const statuses = await Promise.all(
        Array.from({length: 11}, () => h.get(`/companyinfo/${h.emu.realmId}`).then((r) => r.status)),
      )
      assert.equal(statuses.filter((s) => s === 429).length, 1)
    } finally {
      await h.close()
    }
  })

  it('injects http500 (SystemFault) and reset (socket destroyed), counted in stats', async () => {
    const h = await harness({faults: 'http500=1'})
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
    const again = await startQboEmulator({dataFile: file, throttling: false})
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
