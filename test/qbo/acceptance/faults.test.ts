// Acceptance: 1,000 creates through the client with faults on give exactly 1,000 entities.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {requestIdFor} from '../../../src/domain/ids.js'
import {select} from '../../../src/qbo/query.js'
import {connectedClient} from '../helpers.js'
import {serverStats, startServer} from './server.js'

async function pool<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  let next = 0
  await Promise.all(
    Array.from({length: width}, async () => {
      while (next < n) {
        const i = next++
        out[i] = await fn(i)
      }
    }),
  )
  return out
}

test(
  '1,000 creates with 5% 500s, 2% 429s, 1% resets, 1% timeouts after commit: exactly 1,000 entities',
  {timeout: 180_000},
  async (t) => {
    const timeScale = 600
    const server = await startServer({
      faults: 'http500=0.05,throttle=0.02,reset=0.01,timeout=0.01',
      seed: 42,
      timeScale,
    })
    t.after(() => server.close())
    const {client} = await connectedClient(t, server.url, server.realmId, {
      timeScale,
      timeoutMs: 400,
      maxAttempts: 12,
    })
    const seeded =
      ((await serverStats(server.url)) as {entities: Record<string, number>}).entities.Customer ?? 0
    const created = await pool(1000, 20, (i) =>
      client.create(
        'Customer',
        {DisplayName: `Fault test ${i}`},
        {requestId: requestIdFor('test', 'customer', String(i))},
      ),
    )
    assert.equal(new Set(created.map((c) => c.Id)).size, 1000)
    const stats = (await serverStats(server.url)) as {
      faultsInjected: Record<string, number>
      entities: Record<string, number>
    }
    assert.ok(
      (stats.faultsInjected.timeout ?? 0) > 0 &&
        (stats.faultsInjected.http500 ?? 0) > 0 &&
        (stats.faultsInjected.reset ?? 0) > 0,
      JSON.stringify(stats.faultsInjected),
    )
    assert.equal((stats.entities.Customer ?? 0) - seeded, 1000)
    // Read back through the API too: the count QBO would show, with no duplicate names.
    await fetch(`${server.url}/_emulator/faults`, {
      method: 'PUT',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(''),
    })
    const all = await client.queryAll(select('Customer').where('DisplayName', 'LIKE', 'Fault test %'))
    assert.equal(all.length, 1000)
    assert.equal(new Set(all.map((c) => c.DisplayName)).size, 1000)
    assert.ok(client.stats().retried > 0)
  },
)
