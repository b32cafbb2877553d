import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'

import {
  QboAuthError,
  QboFaultError,
  QboOutcomeUnknownError,
  QboTransportError,
  SyncConflictError,
} from '../../src/qbo/errors.js'
import {QboClient} from '../../src/qbo/client.js'
import {buildPrivateNoteIndex} from '../../src/qbo/private-note-index.js'
import {select} from '../../src/qbo/query.js'
import {sparseUpdate} from '../../src/qbo/sparse-update.js'
import {privateNoteMarker, requestIdFor} from '../../src/domain/ids.js'
import {startFakeQbo} from './fakes/fake-qbo.js'
import {connectedClient} from './helpers.js'

const noSleep = () => Promise.resolve()

test('a validation fault is not retried and keeps code, detail, element and intuit_tid', async (t) => {
  const fake = await startFakeQbo()
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep})
  await client.create('Customer', {DisplayName: 'Dup'}, {requestId: requestIdFor('c', '1')})
  const before = fake.stats().requests
  const err = await client
    .create('Customer', {DisplayName: 'Dup'}, {requestId: requestIdFor('c', '2')})
    .catch((e: unknown) => e)
  assert.ok(err instanceof QboFaultError)
  assert.equal(err.faultCode, '6240')
  assert.equal(err.code, 'QBO_VALIDATION')
  assert.match(String(err.data?.intuit_tid), /^tid-/)
  assert.match(String(err.data?.detail), /already exists/)
  assert.equal(fake.stats().requests - before, 1)
  assert.equal(client.stats().retried, 0)
})

test('5xx are retried with the same requestid; the write happens once', async (t) => {
  const fake = await startFakeQbo({faults: 'http500=0.3', seed: 7})
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep, maxAttempts: 30})
  for (let i = 0; i < 20; i++)
    await client.create('Vendor', {DisplayName: `V${i}`}, {requestId: requestIdFor('v', String(i))})
  assert.equal(fake.stats().entities.Vendor, 20)
  assert.ok(client.stats().retried > 0, 'faults were injected and retried')
})

test('a write whose connection resets is not sent again blindly; a read is retried', async (t) => {
  const fake = await startFakeQbo({faults: 'reset=1'})
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep, maxAttempts: 5})
  const sends: number[] = []
  const before = Date.now()
  const err = await client
    .create('Vendor', {DisplayName: 'V'}, {requestId: requestIdFor('v', 'x'), onSend: () => sends.push(1)})
    .catch((e: unknown) => e)
  assert.ok(err instanceof QboOutcomeUnknownError, String(err))
  assert.equal(sends.length, 1, 'sent once: it may still be in flight at QBO')
  assert.ok(err.inFlightUntil >= before + client.inFlightWindowMs, 'it says until when QBO may apply it')
  const read = await client.read('Customer', '1').catch((e: unknown) => e)
  assert.ok(read instanceof QboTransportError && !(read instanceof QboOutcomeUnknownError))
  assert.equal(fake.stats().requests, 1 + 5, 'the read was tried five times')
})

test('retries give up with a RetryableError when the server keeps failing', async (t) => {
  const fake = await startFakeQbo({faults: 'http500=1'})
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep, maxAttempts: 3})
  const err = await client.read('Customer', '1').catch((e: unknown) => e)
  assert.ok(err instanceof QboTransportError)
  assert.equal(err.code, 'RETRYABLE')
  assert.equal(fake.stats().requests, 3)
})

test('a 429 with the XML body pauses the realm (60 s scaled) and is retried', async (t) => {
  const fake = await startFakeQbo({faults: 'throttle=1'})
  t.after(() => fake.close())
  const sleeps: number[] = []
  let virtual = Date.now()
  const sleep = async (ms: number) => {
    sleeps.push(ms)
    virtual += ms
  }
  const {client} = await connectedClient(t, fake.url, fake.realmId, {
    sleep,
    now: () => virtual,
    maxAttempts: 2,
    timeScale: 1,
  })
  const err = await client.read('Customer', '1').catch((e: unknown) => e)
  assert.ok(err instanceof QboTransportError, String(err))
  assert.equal(err.faults[0]?.code, '3001')
  assert.equal(client.stats().throttled, 2)
  assert.ok(
    sleeps.some((ms) => ms >= 60_000),
    `paused ${sleeps.join(',')}`,
  )
})

test('a 401 (gateway envelope) triggers one refresh, then the call succeeds', async (t) => {
  const fake = await startFakeQbo({accessTtl: 3600})
  t.after(() => fake.close())
  const {client, store} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep})
  const entry = store.get(fake.realmId)
  assert.ok(entry)
  store.put({...entry, accessToken: 'revoked-or-unknown-token'})
  const info = await client.companyInfo()
  assert.equal(info.CompanyName, 'Fake Company Pty Ltd')
  assert.notEqual(store.get(fake.realmId)?.accessToken, 'revoked-or-unknown-token')
  assert.equal(fake.stats().refreshes, 1)
})

test('a Fault inside HTTP 200 becomes a typed error', async (t) => {
  const fake = await startFakeQbo()
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep})
  const err = await client.queryPage("SELECT * FROM Invoice WHERE PrivateNote = 'x'").catch((e: unknown) => e)
  assert.ok(err instanceof QboFaultError)
  assert.equal(err.faultCode, '4001')
  const err200 = await client.report('ProfitAndLoss', {start_date: 'bad'}).catch((e: unknown) => e)
  assert.ok(err200 instanceof QboFaultError)
  assert.equal(err200.status, 200)
  assert.equal(err200.faultCode, '10000')
})

test('sparse update retries on 5010 when the written fields are unchanged, and refuses when they changed', async (t) => {
  const fake = await startFakeQbo()
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep})
  const c = await client.create(
    'Customer',
    {DisplayName: 'Acme', Notes: 'a', CompanyName: 'Acme'},
    {requestId: 'r1'},
  )
  // Someone else edits another field: our SyncToken is now stale, but Notes is untouched.
  await client.update(
    'Customer',
    {Id: c.Id, SyncToken: c.SyncToken, sparse: true, CompanyName: 'Acme Ltd'},
    {requestId: 'other-1'},
  )
  const updated = await sparseUpdate(client, {
    entity: 'Customer',
    id: String(c.Id),
    syncToken: String(c.SyncToken),
    fields: {Notes: 'b'},
    readValues: {Notes: 'a'},
    requestId: 'r2',
  })
  assert.equal(updated.SyncToken, '2')
  assert.equal(updated.Notes, 'b')
  assert.equal(updated.CompanyName, 'Acme Ltd')
  // Someone else changes Notes itself: conflict, nothing written.
  await client.update(
    'Customer',
    {Id: c.Id, SyncToken: '2', sparse: true, Notes: 'theirs'},
    {requestId: 'other-2'},
  )
  const err = await sparseUpdate(client, {
    entity: 'Customer',
    id: String(c.Id),
    syncToken: '2',
    fields: {Notes: 'mine'},
    readValues: {Notes: 'b'},
    requestId: 'r3',
  }).catch((e: unknown) => e)
  assert.ok(err instanceof SyncConflictError)
  const now = await client.read('Customer', String(c.Id))
  assert.equal(now.Notes, 'theirs')
  assert.equal(now.SyncToken, '3')
})

test('batch: chunks of 30, results mapped back by bId, faults separate', async (t) => {
  const fake = await startFakeQbo()
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep})
  const items = Array.from({length: 65}, (_, i) => ({
    operation: 'create' as const,
    entity: 'Customer',
    body: {DisplayName: i === 40 ? 'C1' : `C${i}`},
  }))
  const r = await client.batch(items, {requestId: requestIdFor('batch', 'x')})
  assert.equal(r.successes.length, 64)
  assert.equal(r.faults.length, 1)
  assert.equal(r.faults[0]?.index, 40)
  assert.equal(r.faults[0]?.faults[0]?.code, '6240')
  assert.equal(r.successes.find((s) => s.index === 7)?.entity.DisplayName, 'C7')
  // A resumed run replays the same chunks (same requestids and bIds): no duplicates.
  await client.batch(items, {requestId: requestIdFor('batch', 'x')})
  assert.equal(fake.stats().entities.Customer, 64)
})

test('a page that fails fails the whole read (never a partial list)', async (t) => {
  let calls = 0
  const server = createServer((req, res) => {
    calls++
    const url = new URL(req.url ?? '/', 'http://x')
    const q = url.searchParams.get('query') ?? ''
    if (!q.includes('STARTPOSITION 1 ')) {
      res.writeHead(400, {'content-type': 'application/json'}).end(
        JSON.stringify({
          Fault: {
            Error: [{Message: 'Error processing query', Detail: 'QueryProcessingError', code: '4002'}],
            type: 'ValidationFault',
          },
        }),
      )
      return
    }
    const rows = Array.from({length: 1000}, (_, i) => ({Id: String(i + 1)}))
    res
      .writeHead(200, {'content-type': 'application/json'})
      .end(JSON.stringify({QueryResponse: {Customer: rows, startPosition: 1, maxResults: 1000}}))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  t.after(() => server.close())
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new QboClient({
    realmId: '1',
    apiBase: url,
    tokens: {accessToken: async () => 'x', afterUnauthorized: async () => 'x'},
    sleep: noSleep,
  })
  const err = await client.queryAll(select('Customer')).catch((e: unknown) => e)
  assert.ok(err instanceof QboFaultError)
  assert.equal(calls, 2)
})

test('403 is an auth error, not retried', async (t) => {
  const server = createServer((_req, res) =>
    res.writeHead(403, {'content-type': 'application/json'}).end(
      JSON.stringify({
        fault: {
          error: [
            {
              message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
              detail: 'scope',
              code: '3100',
            },
          ],
          type: 'AUTHORIZATION',
        },
      }),
    ),
  )
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  t.after(() => server.close())
  const client = new QboClient({
    realmId: '1',
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens: {accessToken: async () => 'x', afterUnauthorized: async () => 'x'},
    sleep: noSleep,
  })
  const err = await client.read('Customer', '1').catch((e: unknown) => e)
  assert.ok(err instanceof QboAuthError)
  assert.equal(err.data?.faultCode, '3100')
})

test('PrivateNote index: one date-bounded pull, then lookups by source id cost no query', async (t) => {
  const fake = await startFakeQbo()
  t.after(() => fake.close())
  const {client} = await connectedClient(t, fake.url, fake.realmId, {sleep: noSleep})
  for (let i = 0; i < 5; i++) {
    await client.create(
      'Invoice',
      {
        DocNumber: `INV-${i}`,
        TxnDate: i < 3 ? '2024-07-01' : '2023-01-01',
        PrivateNote: `imported ${privateNoteMarker('xero-csv', `inv-${i}`)}`,
      },
      {requestId: `i${i}`},
    )
  }
  const index = await buildPrivateNoteIndex(client, {
    entities: ['Invoice'],
    since: {field: 'TxnDate', value: '2024-01-01'},
    extraKeys: ['DocNumber'],
  })
  const requests = fake.stats().requests
  assert.equal(index.size, 3)
  assert.equal(index.bySource('Invoice', 'xero-csv', 'inv-1')?.row.DocNumber, 'INV-1')
  assert.equal(index.bySource('Invoice', 'xero-csv', 'inv-4'), undefined)
  assert.equal(index.byField('Invoice', 'DocNumber', 'INV-2')?.entity, 'Invoice')
  assert.equal(fake.stats().requests, requests)
})

test('queryAll reads every row once although rows before the next page vanish between requests', async (t) => {
  // 2,500 customers in Id order; once the first page has been read, ten of its rows are deleted (made
  // inactive elsewhere), so plain offset paging would start the second page ten rows too late.
  let ids = Array.from({length: 2500}, (_, i) => i + 1)
  const queries: string[] = []
  const server = createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? ''
    queries.push(q)
    const m = /STARTPOSITION (\d+) MAXRESULTS (\d+)/.exec(q)
    const start = Number(m?.[1] ?? 1)
    const max = Number(m?.[2] ?? 1000)
    const rows = ids.slice(start - 1, start - 1 + max).map((id) => ({Id: String(id)}))
    if (queries.length === 1) ids = ids.filter((id) => id > 10)
    res
      .writeHead(200, {'content-type': 'application/json'})
      .end(JSON.stringify({QueryResponse: {Customer: rows, startPosition: start, maxResults: rows.length}}))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  t.after(() => server.close())
  const client = new QboClient({
    realmId: '1',
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens: {accessToken: async () => 'x', afterUnauthorized: async () => 'x'},
    sleep: noSleep,
  })
  const rows = await client.queryAll(select('Customer'))
  const got = rows.map((r) => Number(r.Id))
  assert.equal(new Set(got).size, got.length, 'no row twice')
  assert.deepEqual(
    Array.from({length: 2490}, (_, i) => i + 11).filter((id) => !got.includes(id)),
    [],
    'no surviving row missed',
  )
  assert.ok(
    queries.every((q) => / ORDERBY Id STARTPOSITION /.test(q)),
    queries[0],
  )
})
