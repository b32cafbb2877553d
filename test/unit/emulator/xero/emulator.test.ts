import assert from 'node:assert/strict'
import {test} from 'node:test'

import {startXeroEmulator, xeroListeningLine, type XeroCompany} from '../../../../src/emulator/xero/index.js'
import {RateLimiter} from '../../../../src/emulator/xero/limits.js'

const FIXTURE = 'test/fixtures/xero-api'

function invoices(n: number): XeroCompany {
  return {
    Organisations: [{OrganisationID: 'tenant-1', Name: 'Many Invoices Ltd', BaseCurrency: 'AUD'}],
    Invoices: Array.from({length: n}, (_, i) => ({
      Type: i % 2 ? 'ACCPAY' : 'ACCREC',
      InvoiceID: `inv-${i}`,
      InvoiceNumber: `INV-${String(i).padStart(5, '0')}`,
      Status: 'AUTHORISED',
      LineItems: [{Description: 'x', UnitAmount: 1.23456, LineAmount: 1.23, TaxAmount: 0}],
      UpdatedDateUTC: `/Date(${Date.UTC(2024, 0, 1) + i * 1000}+0000)/`,
    })),
  }
}

async function withEmulator(
  t: {after(fn: () => Promise<void>): void},
  options: Parameters<typeof startXeroEmulator>[0],
) {
  const emulator = await startXeroEmulator(options)
  t.after(() => emulator.close())
  const get = async (path: string, headers: Record<string, string> = {}) => {
    // A fresh token per call: time-scaled clocks outrun the 30-minute token lifetime.
    const tokens = (await (await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST'})).json()) as {
      access_token: string
    }
    const token = tokens.access_token
    const res = await fetch(`${emulator.url}/api.xro/2.0/${path}`, {
      headers: {authorization: `Bearer ${token}`, 'xero-tenant-id': emulator.tenantId, ...headers},
    })
    return {res, body: (await res.json()) as Record<string, unknown>}
  }
  return {emulator, get}
}

test('the listening line names the url and tenant', async (t) => {
  const {emulator} = await withEmulator(t, {company: FIXTURE})
  assert.equal(emulator.tenantId, '3f2b2a4e-7c1d-4c55-9d55-1b7a0e9c0a01')
  assert.equal(
    xeroListeningLine(emulator),
    `Xero emulator listening on ${emulator.url} (tenant 3f2b2a4e-7c1d-4c55-9d55-1b7a0e9c0a01)`,
  )
})

test('invoices without page come without line items; with page, with lines and a pagination block', async (t) => {
  const {get} = await withEmulator(t, {company: invoices(250)})
  const all = await get('Invoices')
  const list = all.body.Invoices as Record<string, unknown>[]
  assert.equal(list.length, 250)
  // An empty list, as in the OpenAPI example of GET Invoices.
  assert.deepEqual(list[0]!.LineItems, [])
  assert.equal(all.body.pagination, undefined)

  const page3 = await get('Invoices?page=3')
  assert.deepEqual(page3.body.pagination, {page: 3, pageSize: 100, pageCount: 3, itemCount: 250})
  const rows = page3.body.Invoices as Record<string, unknown>[]
  assert.equal(rows.length, 50)
  assert.ok(Array.isArray(rows[0]!.LineItems))
  assert.match(String(page3.body.DateTimeUTC), /^\/Date\(\d+\+0000\)\/$/)

  const big = await get('Invoices?page=1&pageSize=5000')
  assert.equal((big.body.pagination as {pageSize: number}).pageSize, 1000)
  assert.equal((big.body.Invoices as unknown[]).length, 250)
})

test('unitdp=4 keeps four decimals of unit amounts; the default rounds to two', async (t) => {
  const {get} = await withEmulator(t, {company: invoices(1)})
  const lineOf = (b: Record<string, unknown>) =>
    ((b.Invoices as Record<string, unknown>[])[0]!.LineItems as Record<string, unknown>[])[0]!
  assert.equal(lineOf((await get('Invoices?page=1')).body).UnitAmount, 1.23)
  assert.equal(lineOf((await get('Invoices?page=1&unitdp=4')).body).UnitAmount, 1.2346)
})

test('If-Modified-Since, where and order select and sort as Xero does', async (t) => {
  const {get} = await withEmulator(t, {company: invoices(10)})
  const since = new Date(Date.UTC(2024, 0, 1) + 6500).toISOString()
  const modified = await get('Invoices?page=1', {'if-modified-since': since})
  assert.deepEqual(
    (modified.body.Invoices as {InvoiceID: string}[]).map((i) => i.InvoiceID),
    ['inv-7', 'inv-8', 'inv-9'],
  )
  const where = await get(
    `Invoices?page=1&where=${encodeURIComponent('Type=="ACCPAY" && UpdatedDateUTC>=DateTime(2024,01,01,00,00,05)')}`,
  )
  assert.deepEqual(
    (where.body.Invoices as {InvoiceID: string}[]).map((i) => i.InvoiceID),
    ['inv-5', 'inv-7', 'inv-9'],
  )
  const ordered = await get(`Invoices?page=1&order=${encodeURIComponent('UpdatedDateUTC DESC')}`)
  assert.equal((ordered.body.Invoices as {InvoiceID: string}[])[0]!.InvoiceID, 'inv-9')
  const bad = await get(`Invoices?where=${encodeURIComponent('Total.Foo(1)')}`)
  assert.equal(bad.res.status, 400)
})

test('the minute limit answers 429 with Retry-After and X-Rate-Limit-Problem: minute', async (t) => {
  let now = Date.UTC(2024, 6, 1)
  const {get} = await withEmulator(t, {company: invoices(1), minuteLimit: 3, now: () => now})
  for (let i = 0; i < 3; i++) assert.equal((await get('Invoices?page=1')).res.status, 200)
  const refused = await get('Invoices?page=1')
  assert.equal(refused.res.status, 429)
  assert.equal(refused.res.headers.get('x-rate-limit-problem'), 'minute')
  assert.equal(refused.res.headers.get('retry-after'), '60')
  now += 60_001
  assert.equal((await get('Invoices?page=1')).res.status, 200)
})

test('the daily quota answers 429 with problem "day" and the wait until the oldest call leaves the window', async (t) => {
  let now = Date.UTC(2024, 6, 1)
  const {emulator, get} = await withEmulator(t, {
    company: invoices(1),
    dailyLimit: 2,
    timeScale: 24,
    now: () => now,
  })
  const first = await get('Invoices?page=1')
  assert.equal(first.res.headers.get('x-daylimit-remaining'), '1')
  await get('Invoices?page=1')
  now += 1000
  const refused = await get('Invoices?page=1')
  assert.equal(refused.res.status, 429)
  assert.equal(refused.res.headers.get('x-rate-limit-problem'), 'day')
  // A time-scaled day of 3,600 s, one second of it gone.
  assert.equal(refused.res.headers.get('retry-after'), '3599')
  now += 3_599_000
  assert.equal((await get('Invoices?page=1')).res.status, 200)
  assert.equal(emulator.stats().throttled.day, 1)
})

test('more than 5 calls in flight are refused with problem "concurrent"', async (t) => {
  const {get} = await withEmulator(t, {company: invoices(1), latencyMs: 400})
  const answers = await Promise.all(Array.from({length: 12}, () => get('Invoices')))
  const problems = answers.map((a) => a.res.headers.get('x-rate-limit-problem'))
  assert.ok(problems.includes('concurrent'), `expected a concurrent refusal, got ${problems.join(',')}`)
  assert.ok(answers.filter((a) => a.res.status === 200).length >= 5)
})

test('API calls need a live token and the connected tenant', async (t) => {
  const {emulator} = await withEmulator(t, {company: FIXTURE})
  const noToken = await fetch(`${emulator.url}/api.xro/2.0/Invoices`, {
    headers: {'xero-tenant-id': emulator.tenantId},
  })
  assert.equal(noToken.status, 401)
  const form = new URLSearchParams({grant_type: 'client_credentials', scope: 'accounting.transactions.read'})
  const tokenRes = await fetch(`${emulator.url}/connect/token`, {
    method: 'POST',
    headers: {authorization: `Basic ${Buffer.from('id:secret').toString('base64')}`},
    body: form,
  })
  const token = (await tokenRes.json()) as {access_token: string; refresh_token?: string}
  assert.equal(token.refresh_token, undefined)
  const wrongTenant = await fetch(`${emulator.url}/api.xro/2.0/Invoices`, {
    headers: {authorization: `Bearer ${token.access_token}`, 'xero-tenant-id': 'other'},
  })
  assert.equal(wrongTenant.status, 403)
  const connections = (await (
    await fetch(`${emulator.url}/connections`, {headers: {authorization: `Bearer ${token.access_token}`}})
  ).json()) as {tenantId: string; tenantName: string}[]
  assert.deepEqual(
    connections.map((c) => [c.tenantId, c.tenantName]),
    [[emulator.tenantId, 'Koala Demo Pty Ltd']],
  )
})

test('serves every collection of the fixture company and the trial balance', async (t) => {
  const {get} = await withEmulator(t, {company: FIXTURE})
  for (const [path, key, n] of [
    ['Organisation', 'Organisations', 1],
    ['Accounts', 'Accounts', 12],
    ['TaxRates', 'TaxRates', 5],
    ['TrackingCategories', 'TrackingCategories', 1],
    // The archived contact only with includeArchived=true (below).
    ['Contacts?page=1', 'Contacts', 2],
    ['Contacts?page=1&includeArchived=true', 'Contacts', 3],
    ['Items', 'Items', 2],
    ['CreditNotes?page=1', 'CreditNotes', 2],
    ['Payments?page=1', 'Payments', 4],
    ['Overpayments?page=1', 'Overpayments', 1],
    ['Prepayments?page=1', 'Prepayments', 1],
    ['ManualJournals?page=1', 'ManualJournals', 2],
    ['BankTransactions?page=1', 'BankTransactions', 5],
    ['BankTransfers', 'BankTransfers', 1],
    ['Reports/TrialBalance', 'Reports', 1],
  ] as const) {
    const {res, body} = await get(path)
    assert.equal(res.status, 200, path)
    assert.equal((body[key] as unknown[]).length, n, path)
  }
  const journals = await get('ManualJournals')
  assert.deepEqual((journals.body.ManualJournals as Record<string, unknown>[])[0]!.JournalLines, [])
  const one = await get('Invoices/e0000000-0000-4000-8000-000000000001')
  assert.equal(((one.body.Invoices as Record<string, unknown>[])[0]!.LineItems as unknown[]).length, 2)
})

test('the limiter admits 5 in flight and frees a slot when a call ends', () => {
  const limiter = new RateLimiter(
    {minuteLimit: 60, dailyLimit: 5000, concurrentLimit: 5, timeScale: 1, enabled: true},
    () => 0,
  )
  const admitted = Array.from({length: 5}, () => limiter.admit('t'))
  assert.ok(admitted.every((a) => a.ok))
  const sixth = limiter.admit('t')
  assert.deepEqual(sixth, {ok: false, problem: 'concurrent', retryAfterSeconds: 1})
  const first = admitted[0]!
  if (first.ok) first.release()
  assert.equal(limiter.admit('t').ok, true)
  assert.equal(limiter.admit('other tenant').ok, true)
})
