// Acceptance: 1,000 creates through the client with faults on give exactly 1,000 entities. A write whose
// answer is lost is never retried blindly by the client (it may still be in flight at QBO): the exactly-once
// writer (src/load/outbox) waits it out, looks it up, and only then sends it again, so the test writes
// through it, 20 at a time.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {contentHash, requestIdFor} from '../../../src/domain/ids.js'
import {sendWrites} from '../../../src/load/outbox/send.js'
import {emptyReport, type WriterDeps} from '../../../src/load/outbox/writer.js'
import {clientWritePort} from '../../../src/load/qbo-port.js'
import {silentLogger} from '../../../src/ui/logger.js'
import {tempStaging} from '../../helpers/temp.js'
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
    const {staging} = tempStaging(t)
    const port = clientWritePort(client)
    const run = staging.runs.start({kind: 'load', realmId: port.realmId})
    const writer: WriterDeps = {
      staging,
      port,
      job: 'test',
      runId: run.id,
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      logger: silentLogger,
      report: emptyReport(),
      onLanded: () => undefined,
    }
    const created = await pool(1000, 20, async (i) => {
      const name = `Fault test ${i}`
      const payload = {DisplayName: name}
      const requestId = requestIdFor('test', 'customer', String(i))
      const outcomes = await sendWrites(writer, [
        {
          requestId,
          entity: 'Customer',
          sourceSystem: 'test',
          sourceId: String(i),
          operation: 'create',
          payload,
          payloadHash: contentHash(payload),
          probe: {kind: 'identity', identity: {kind: 'name', field: 'DisplayName', value: name}},
        },
      ])
      const outcome = outcomes.get(requestId)
      assert.ok(outcome?.ok, `create ${i}: ${JSON.stringify(outcome)}`)
      return {Id: outcome.id}
    })
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
    assert.ok(writer.report.found > 0, 'some answers were lost and the writes found afterwards')
  },
)
