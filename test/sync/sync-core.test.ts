import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {UsageError, UserInputError} from '../../src/domain/errors.js'
import {parseEvery, runEvery} from '../../src/sync/every.js'
import {withJobLock} from '../../src/sync/lock.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

describe('sync core', () => {
  it('reads durations and refuses what is not one', () => {
    assert.equal(parseEvery('15m'), 900_000)
    assert.equal(parseEvery('1h'), 3_600_000)
    assert.equal(parseEvery('90s'), 90_000)
    assert.throws(() => parseEvery('hourly'), UsageError)
    assert.throws(() => parseEvery('0s'), UsageError)
  })

  it('runs on a fixed schedule start to start, survives a failed run, and stops when asked', async () => {
    let t = 0
    const starts: number[] = []
    const errors: unknown[] = []
    await runEvery(
      {now: () => t, sleep: async (ms) => void (t += ms), stopped: () => starts.length >= 4},
      60_000,
      async () => {
        starts.push(t)
        t += 15_000 // each run takes 15 s
        if (starts.length === 2) throw new Error('QBO was down')
      },
      {onError: (e) => errors.push(e)},
    )
    assert.deepEqual(starts, [0, 60_000, 120_000, 180_000])
    assert.equal(errors.length, 1)
  })

  it('lets one run of a job hold the migration file at a time', async (t) => {
    const db = join(tempDir(t), 'm.db')
    let second: unknown
    await withJobLock(db, 'shipstation', async () => {
      second = await withJobLock(db, 'shipstation', async () => 'ran').catch((e: unknown) => e)
      // Another job is not held up.
      assert.equal(await withJobLock(db, 'shopify', async () => 'ran'), 'ran')
    })
    assert.ok(second instanceof UserInputError, String(second))
    assert.equal(await withJobLock(db, 'shipstation', async () => 'ran again'), 'ran again')
  })

  it('keeps a watermark per job and scope', (t) => {
    const {staging} = tempStaging(t)
    staging.watermarks.set('shipstation', 'store:1', '2026-01-01T00:00:00Z')
    staging.watermarks.set('shipstation', 'store:1', '2026-01-02T00:00:00Z')
    staging.watermarks.set('shopify', 'a.myshopify.com', 'x')
    assert.equal(staging.watermarks.get('shipstation', 'store:1'), '2026-01-02T00:00:00Z')
    assert.deepEqual(
      staging.watermarks.list('shipstation').map((w) => [w.scope, w.value]),
      [['store:1', '2026-01-02T00:00:00Z']],
    )
  })
})
