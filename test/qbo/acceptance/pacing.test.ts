// Acceptance: at full speed against QBO's real limits (time-scaled), steady state receives no 429.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {requestIdFor} from '../../../src/domain/ids.js'
import {connectedClient} from '../helpers.js'
import {serverStats, startServer} from './server.js'

test(
  'full speed: 900 reads (2 throttle windows) and 60 batches (1.5 batch windows) without a single 429',
  {timeout: 120_000},
  async (t) => {
    // At this scale the paced rate (450 per 3 s window) is close to what one process can send, so the
    // client really runs at the limit rather than below it.
    const timeScale = 20
    const server = await startServer({timeScale, throttling: true})
    t.after(() => server.close())
    const {client} = await connectedClient(t, server.url, server.realmId, {timeScale})
    await Promise.all(Array.from({length: 900}, () => client.companyInfo()))
    await Promise.all(
      Array.from({length: 60}, (_, b) =>
        client.batch(
          Array.from({length: 3}, (_, i) => ({
            operation: 'create' as const,
            entity: 'Item',
            body: {Name: `Item ${b}-${i}`},
          })),
          {requestId: requestIdFor('pacing', String(b))},
        ),
      ),
    )
    const stats = (await serverStats(server.url)) as {throttled: number; requests: number}
    assert.equal(stats.throttled, 0, JSON.stringify(stats))
    assert.equal(stats.requests, 960)
    assert.equal(stats.throttled, 0)
    assert.equal(client.stats().throttled, 0)
  },
)
