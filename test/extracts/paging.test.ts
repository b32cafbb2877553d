import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {startQboEmulator, type QboEmulator} from '../../src/emulator/qbo/index.js'
import {readChanges} from '../../src/extracts/index.js'
import {runQuery} from '../../src/extracts/query/run-query.js'
import {QboClient, type QboEntity} from '../../src/qbo/index.js'
import {silentLogger} from '../../src/ui/logger.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- QBO JSON of any shape, asserted field by field
type Json = any

/**
 * "5,000 invoices queried across pages: none missing, none twice", while someone deletes and creates
 * invoices between the pages; and change data capture past its 1000-object answers. One emulator for the
 * file; its clock moves 50 ms per reading so that LastUpdatedTime (whole seconds) spreads over the writes.
 */
const INVOICES = 5000
const CUSTOMERS = 50

let emulator: QboEmulator
let client: QboClient
let token: string
let clock = Date.parse('2026-03-02T00:00:00Z')
const now = () => (clock += 50)

async function api(path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${emulator.url}/v3/company/${emulator.realmId}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : {body: JSON.stringify(body)}),
  })
  const json = (await res.json()) as Json
  assert.equal(res.status, 200, JSON.stringify(json).slice(0, 300))
  return json
}

let gst: string
const invoice = (customer: string) => ({
  CustomerRef: {value: customer},
  Line: [{Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {TaxCodeRef: {value: gst}}}],
})

async function createInvoices(customers: string[], count: number): Promise<string[]> {
  const ids: string[] = []
  for (let start = 0; start < count; start += 30) {
    const items = Array.from({length: Math.min(30, count - start)}, (_, i) => ({
      bId: String(i),
      operation: 'create',
      Invoice: invoice(customers[(start + i) % customers.length]!),
    }))
    const res = await api('/batch', {BatchItemRequest: items})
    for (const r of res.BatchItemResponse as {Invoice?: {Id: string}; Fault?: unknown}[]) {
      assert.ok(r.Invoice, JSON.stringify(r.Fault))
      ids.push(r.Invoice.Id)
    }
  }
  return ids
}

async function deleteInvoice(id: string): Promise<void> {
  const {Invoice} = await api(`/invoice/${id}`)
  await api('/invoice?operation=delete', {Id: id, SyncToken: Invoice.SyncToken})
}

let customers: string[]
let created: string[]

before(async () => {
  emulator = await startQboEmulator({throttling: false, now})
  token = (
    (await (await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json()) as {
      access_token: string
    }
  ).access_token
  client = new QboClient({
    realmId: emulator.realmId,
    apiBase: emulator.url,
    tokens: {accessToken: async () => token, afterUnauthorized: async () => token},
  })
  gst = (await api(`/query?query=${encodeURIComponent("SELECT * FROM TaxCode WHERE Name = 'GST'")}`))
    .QueryResponse.TaxCode[0].Id
  customers = []
  for (let i = 0; i < CUSTOMERS; i++)
    customers.push((await api('/customer', {DisplayName: `Paging customer ${i}`})).Customer.Id)
  created = await createInvoices(customers, INVOICES)
})
after(() => emulator?.close())

/**
 * A page reader that changes the company between pages, as another user would: after the second page it
 * deletes invoices already read (every later row moves back) and creates new ones; after the third it
 * deletes some not read yet.
 */
function busyReader(changes: {deleted: string[]; added: string[]}) {
  let pages = 0
  return async (statement: string) => {
    const page = await client.queryPage(statement)
    pages += 1
    if (pages === 2) {
      for (const id of page.rows.slice(0, 25).map((r) => String(r.Id))) {
        await deleteInvoice(id)
        changes.deleted.push(id)
      }
      changes.added.push(...(await createInvoices(customers, 7)))
    }
    if (pages === 3) {
      const later = String(page.rows.at(-1)!.Id)
      const ahead = created
        .filter((id) => Number(id) > Number(later) && !changes.deleted.includes(id))
        .slice(0, 3)
      for (const id of ahead) {
        await deleteInvoice(id)
        changes.deleted.push(id)
      }
    }
    return page
  }
}

describe('a query across pages while the company changes', () => {
  it('returns every invoice that existed throughout, each once', {timeout: 120_000}, async () => {
    const before = (await client.queryAll('SELECT * FROM Invoice')).map((r) => String(r.Id))
    assert.ok(before.length >= INVOICES)
    const changes = {deleted: [] as string[], added: [] as string[]}
    const result = await runQuery({queryPage: busyReader(changes)}, 'SELECT * FROM Invoice')
    const ids = result.rows.map((r: QboEntity) => String(r.Id))
    assert.equal(new Set(ids).size, ids.length, 'none twice')
    const survivors = before.filter((id) => !changes.deleted.includes(id))
    const got = new Set(ids)
    assert.deepEqual(
      survivors.filter((id) => !got.has(id)),
      [],
      'none missing',
    )
    for (const id of changes.added)
      assert.ok(got.has(id), `invoice ${id} created while reading (a higher Id) is read too`)
    assert.ok(changes.deleted.length >= 25)
  })

  it(
    'is a real hazard: plain offset paging under the same changes loses invoices',
    {timeout: 120_000},
    async () => {
      const before = (await client.queryAll('SELECT * FROM Invoice')).map((r) => String(r.Id))
      const changes = {deleted: [] as string[], added: [] as string[]}
      const read = busyReader(changes)
      const rows: QboEntity[] = []
      for (let start = 1; ; start += 1000) {
        const page = await read(`SELECT * FROM Invoice ORDERBY Id STARTPOSITION ${start} MAXRESULTS 1000`)
        rows.push(...page.rows)
        if (page.rows.length < 1000) break
      }
      const got = new Set(rows.map((r) => String(r.Id)))
      const lost = before.filter((id) => !changes.deleted.includes(id) && !got.has(id))
      assert.ok(lost.length > 0, 'offset paging skips the rows that moved back a page')
    },
  )
})

describe('change data capture past 1000 objects per answer', () => {
  it(
    'reads every created invoice and every deletion once, over several requests',
    {timeout: 120_000},
    async () => {
      const since = new Date(Date.parse('2026-03-01T23:00:00Z'))
      const result = await readChanges(
        client,
        {entities: ['Invoice'], since, now: new Date(clock)},
        silentLogger,
      )
      const live = (await client.queryAll('SELECT * FROM Invoice')).map((r) => String(r.Id))
      assert.ok(result.requests > live.length / 1000, `${result.requests} requests`)
      const changed = result.records.filter((r) => r.status === 'Changed').map((r) => r.id)
      const deleted = result.records.filter((r) => r.status === 'Deleted').map((r) => r.id)
      assert.equal(new Set(changed).size, changed.length)
      assert.deepEqual([...changed].sort(), [...live].sort())
      assert.ok(deleted.length >= 50, `${deleted.length} deletions reported`)
      assert.deepEqual(
        deleted.filter((id) => live.includes(id)),
        [],
      )
    },
  )

  it('refuses a look-back over 30 days with the query to run instead', async () => {
    await assert.rejects(
      readChanges(
        client,
        {entities: ['Invoice'], since: new Date(clock - 31 * 86_400_000), now: new Date(clock)},
        silentLogger,
      ),
      (e: Error & {next?: string}) => /30 days/.test(e.message) && /qbo query/.test(e.next ?? ''),
    )
  })
})
