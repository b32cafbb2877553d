// Acceptance: awkward names round-trip through query; a query over 2,500 records returns all of them.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {requestIdFor} from '../../../src/domain/ids.js'
import {select} from '../../../src/qbo/query.js'
import {connectedClient} from '../helpers.js'
import {startServer} from './server.js'

const NAMES = [
  "Adam's Candy Shop",
  'O\\Brien \\ Sons',
  'Trailing backslash \\',
  "Quote \\' inside",
  'Café Zürich',
  '東京 商事 🍣',
  "D'Angelo & Co. (Pty) Ltd",
]

test('names with apostrophes, backslashes and unicode round-trip through query', async (t) => {
  const server = await startServer()
  t.after(() => server.close())
  const {client} = await connectedClient(t, server.url, server.realmId)
  for (const [i, name] of NAMES.entries())
    await client.create('Customer', {DisplayName: name}, {requestId: requestIdFor('q', String(i))})
  for (const name of NAMES) {
    const rows = await client.queryAll(select('Customer').where('DisplayName', '=', name))
    assert.deepEqual(
      rows.map((r) => r.DisplayName),
      [name],
    )
  }
})

test('a query over 2,500 records returns all of them (three pages)', {timeout: 120_000}, async (t) => {
  const server = await startServer({timeScale: 60})
  t.after(() => server.close())
  const {client} = await connectedClient(t, server.url, server.realmId, {timeScale: 60})
  const items = Array.from({length: 2500}, (_, i) => ({
    operation: 'create' as const,
    entity: 'Customer',
    body: {DisplayName: `Bulk ${i}`},
  }))
  const r = await client.batch(items, {requestId: requestIdFor('bulk')})
  assert.equal(r.faults.length, 0)
  const all = await client.queryAll(select('Customer').where('DisplayName', 'LIKE', 'Bulk %'))
  assert.equal(all.length, 2500)
  assert.equal(new Set(all.map((c) => c.Id)).size, 2500)
})
