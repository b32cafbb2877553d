// Many companies in one emulator: each realm has its own data, ids, requestid memory, limits and faults.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import Database from 'better-sqlite3'

import {startQboEmulator, type QboEmulator} from '../../../src/emulator/qbo/index.js'
import {tempDir} from '../../helpers/temp.js'
import {raw} from './client.js'

const OTHER = '9341452000000002'

async function tokenFor(emu: QboEmulator, realmId?: string): Promise<string> {
  const r = await raw(`${emu.url}/_emulator/tokens`, {
    method: 'POST',
    body: JSON.stringify(realmId ? {realmId} : {}),
  })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.realmId, realmId ?? emu.realmId)
  return r.json.access_token
}

function api(emu: QboEmulator, realmId: string, token: string) {
  const base = `${emu.url}/v3/company/${realmId}`
  const headers = {authorization: `Bearer ${token}`, accept: 'application/json'}
  return {
    get: (path: string) => raw(`${base}${path}`, {headers}),
    post: (path: string, body: unknown) =>
      raw(`${base}${path}`, {
        method: 'POST',
        headers: {...headers, 'content-type': 'application/json'},
        body: JSON.stringify(body),
      }),
    count: async (entity: string, where = '') =>
      (
        await raw(`${base}/query?query=${encodeURIComponent(`select count(*) from ${entity} ${where}`)}`, {
          headers,
        })
      ).json.QueryResponse.totalCount as number,
  }
}

describe('QBO emulator: many companies', () => {
  it('serves two realms at once with separate data, ids, requestids and throttles', async () => {
    const clock = {t: Date.parse('2026-01-01T00:00:00Z')}
    const emu = await startQboEmulator({now: () => clock.t})
    try {
      const a = api(emu, emu.realmId, await tokenFor(emu))
      const b = api(emu, OTHER, await tokenFor(emu, OTHER))
      assert.deepEqual(emu.realms(), [emu.realmId, OTHER])

      const inA = await a.post('/customer?requestid=same-id', {DisplayName: 'Only In A'})
      assert.equal(inA.status, 200)
      // The same requestid in another company is a new request there, not a replay of A's answer.
      const inB = await b.post('/customer?requestid=same-id', {DisplayName: 'Only In B'})
      assert.equal(inB.json.Customer.DisplayName, 'Only In B')
      // Each company numbers its own objects, as QBO does.
      assert.equal(inB.json.Customer.Id, inA.json.Customer.Id)
      assert.equal(await a.count('Customer', "where DisplayName = 'Only In B'"), 0)
      assert.equal(await b.count('Customer', "where DisplayName = 'Only In A'"), 0)
      assert.equal((await b.get(`/companyinfo/${OTHER}`)).json.CompanyInfo.Id, OTHER)

      // A token opens its own company only.
      const cross = await raw(`${emu.url}/v3/company/${OTHER}/companyinfo/${OTHER}`, {
        headers: {authorization: `Bearer ${await tokenFor(emu)}`},
      })
      assert.equal(cross.status, 403)

      // The clock stands still: A spends the rest of its 10 requests of this second; B keeps its own.
      const left = 10 - emu.stats(emu.realmId).requests
      assert.ok(left > 0)
      for (let i = 0; i < left; i++) assert.equal((await a.get(`/companyinfo/${emu.realmId}`)).status, 200)
      assert.equal((await a.get(`/companyinfo/${emu.realmId}`)).status, 429)
      assert.equal((await b.get(`/companyinfo/${OTHER}`)).status, 200)
      assert.equal(emu.stats(emu.realmId).throttledBy.perSecond, 1)
      assert.equal(emu.stats(OTHER).throttled, 0)
      assert.equal(emu.stats().throttled, 1)
      assert.equal(emu.stats().entities.Customer, 2)

      // Resetting one company leaves the other alone.
      clock.t += 1000
      const reset = await raw(`${emu.url}/_emulator/reset?realmId=${OTHER}`, {method: 'POST'})
      assert.deepEqual(reset.json.realms, [OTHER])
      assert.equal(await b.count('Customer'), 0)
      assert.equal(await a.count('Customer'), 1)
    } finally {
      await emu.close()
    }
  })

  it('injects faults in one realm while another answers normally', async () => {
    const emu = await startQboEmulator({timeScale: 60})
    try {
      const a = api(emu, emu.realmId, await tokenFor(emu))
      const b = api(emu, OTHER, await tokenFor(emu, OTHER))
      const put = (query: string, spec: unknown) =>
        raw(`${emu.url}/_emulator/faults${query}`, {method: 'PUT', body: JSON.stringify(spec)})
      assert.equal((await put(`?realmId=${OTHER}`, 'http500=1')).status, 200)
      assert.equal((await b.get(`/companyinfo/${OTHER}`)).status, 500)
      assert.equal((await a.get(`/companyinfo/${emu.realmId}`)).status, 200)
      // The emulator-wide spec does not override a realm's own.
      await put('', 'reset=1')
      await assert.rejects(a.get(`/companyinfo/${emu.realmId}`))
      assert.equal((await b.get(`/companyinfo/${OTHER}`)).status, 500)
      const described = (await raw(`${emu.url}/_emulator/faults`)).json
      assert.deepEqual(described, {faults: {reset: 1}, realms: {[OTHER]: {http500: 1}}})
      // DELETE hands the realm back to the emulator-wide spec.
      await put('', {})
      assert.equal(
        (await raw(`${emu.url}/_emulator/faults?realmId=${OTHER}`, {method: 'DELETE'})).status,
        200,
      )
      assert.equal((await b.get(`/companyinfo/${OTHER}`)).status, 200)
      assert.equal(emu.stats(OTHER).faultsInjected.http500, 2)
      assert.equal(emu.stats(emu.realmId).faultsInjected.reset, 1)
      assert.equal((await put('?realmId=nope', 'http500=1')).status, 404)
    } finally {
      await emu.close()
    }
  })

  it('keeps every company and the tokens in one --data file across restarts', async (t) => {
    const file = join(tempDir(t), 'emu.db')
    const first = await startQboEmulator({dataFile: file, timeScale: 60})
    const tokenA = await tokenFor(first)
    const tokenB = await tokenFor(first, OTHER)
    await api(first, first.realmId, tokenA).post('/customer', {DisplayName: 'Persisted A'})
    await api(first, OTHER, tokenB).post('/customer', {DisplayName: 'Persisted B'})
    await first.close()

    const again = await startQboEmulator({dataFile: file, timeScale: 60})
    try {
      assert.deepEqual(again.realms().sort(), [again.realmId, OTHER].sort())
      const a = api(again, again.realmId, tokenA)
      const b = api(again, OTHER, tokenB)
      assert.equal(await a.count('Customer', "where DisplayName = 'Persisted A'"), 1)
      assert.equal(await a.count('Customer', "where DisplayName = 'Persisted B'"), 0)
      assert.equal(await b.count('Customer', "where DisplayName = 'Persisted B'"), 1)
      const next = await b.post('/customer', {DisplayName: 'Second B'})
      assert.ok(Number(next.json.Customer.Id) > 1)
    } finally {
      await again.close()
    }
  })

  it('opens a --data file written by the one-company emulator, company and tokens intact', async (t) => {
    const file = join(tempDir(t), 'old.db')
    const db = new Database(file)
    db.exec(
      'CREATE TABLE kv (ns TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (ns, key))',
    )
    const put = db.prepare('INSERT INTO kv (ns, key, json) VALUES (?, ?, ?)')
    put.run('entity:CompanyInfo', '4620816365', JSON.stringify({Id: '4620816365', CompanyName: 'Old Co'}))
    put.run('entity:Customer', '7', JSON.stringify({Id: '7', DisplayName: 'Kept', SyncToken: '0'}))
    put.run('meta', 'nextId', '8')
    put.run('token', 'a:old-access', JSON.stringify({realmId: '4620816365', family: 'f1', expiresAt: 8e15}))
    put.run('token', 'f:f1', JSON.stringify({latest: 'r', revoked: false}))
    db.close()

    const emu = await startQboEmulator({dataFile: file, realmId: '4620816365', timeScale: 60})
    try {
      const a = api(emu, '4620816365', 'old-access')
      assert.equal((await a.get('/customer/7')).json.Customer.DisplayName, 'Kept')
      assert.equal((await a.post('/customer', {DisplayName: 'New'})).json.Customer.Id, '8')
      assert.deepEqual(emu.realms(), ['4620816365'])
    } finally {
      await emu.close()
    }
  })

  it('lets the user pick a company on the consent page', async () => {
    const emu = await startQboEmulator({timeScale: 60})
    try {
      await tokenFor(emu, OTHER)
      const query = new URLSearchParams({
        client_id: 'qbo-emulator-client',
        redirect_uri: 'http://127.0.0.1:9/cb',
        response_type: 'code',
        scope: 'com.intuit.quickbooks.accounting',
        state: 's',
      })
      const page = await raw(`${emu.url}/connect/oauth2?${query}`)
      assert.match(page.text, new RegExp(`<option value="${emu.realmId}">.*<option value="${OTHER}">`))
      const consent = await fetch(`${emu.url}/connect/oauth2`, {
        method: 'POST',
        headers: {'content-type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({
          ...Object.fromEntries(query),
          decision: 'allow',
          realmId: OTHER,
        }).toString(),
        redirect: 'manual',
      })
      const back = new URL(consent.headers.get('location')!)
      assert.equal(back.searchParams.get('realmId'), OTHER)
      const tokens = await raw(`${emu.url}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('qbo-emulator-client:qbo-emulator-secret').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: back.searchParams.get('code')!,
          redirect_uri: 'http://127.0.0.1:9/cb',
        }).toString(),
      })
      const b = api(emu, OTHER, tokens.json.access_token)
      assert.equal((await b.get(`/companyinfo/${OTHER}`)).status, 200)
    } finally {
      await emu.close()
    }
  })

  it('refuses a realm id that cannot be a path segment', async () => {
    const emu = await startQboEmulator()
    try {
      const r = await raw(`${emu.url}/_emulator/tokens`, {method: 'POST', body: '{"realmId":"a/b"}'})
      assert.equal(r.status, 400)
      assert.deepEqual(emu.realms(), [emu.realmId])
    } finally {
      await emu.close()
    }
  })
})
