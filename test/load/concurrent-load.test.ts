import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {UserInputError} from '../../src/domain/errors.js'
import {runLoad} from '../../src/load/migration.js'
import type {QboClient} from '../../src/qbo/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempStaging} from '../helpers/temp.js'

describe('one load at a time per migration file', () => {
  it('refuses to start while another live process is loading with the same file', async (t) => {
    const {staging, path} = tempStaging(t)
    // process.ppid is alive for the whole test: it stands for the other `qbo migrate load`.
    staging.runs.start({kind: 'load', realmId: 'R1', options: {pid: process.ppid}})
    const client = {realmId: 'R1'} as unknown as QboClient
    await assert.rejects(
      runLoad(
        {
          staging,
          client,
          logger: silentLogger,
          now: Date.now,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        },
        {resume: false, batchSize: 30, dbPath: path},
      ),
      (e: unknown) => e instanceof UserInputError && new RegExp(`process ${process.ppid}`).test(e.message),
    )
    assert.equal(staging.runs.list().length, 1, 'no second run was started')
  })

  it('does not mind a run whose process died (a crash leaves it "running")', async (t) => {
    const {staging, path} = tempStaging(t)
    staging.runs.start({kind: 'load', realmId: 'R1', options: {pid: 2 ** 22 + 12345}})
    const client = {realmId: 'R1'} as unknown as QboClient
    // It gets past the guard and fails later, on the empty staging file.
    await assert.rejects(
      runLoad(
        {
          staging,
          client,
          logger: silentLogger,
          now: Date.now,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        },
        {resume: true, batchSize: 30, dbPath: path},
      ),
      (e: unknown) => !(e instanceof UserInputError && /is writing with this migration file/.test(e.message)),
    )
  })

  it('--resume with nothing to resume runs a fresh load and says that it is the same thing', async (t) => {
    const {staging, path} = tempStaging(t)
    const client = {realmId: 'R1'} as unknown as QboClient
    const said: string[] = []
    const logger = {...silentLogger, info: (m: string) => void said.push(m)}
    // It starts a run and fails later, on the fake client: what matters is that it started.
    await runLoad(
      {staging, client, logger, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms))},
      {resume: true, batchSize: 30, dbPath: path},
    ).catch(() => undefined)
    assert.equal(staging.runs.list().length, 1, 'a load run was started')
    assert.ok(
      said.some((m) => /no unfinished load to resume.*same thing/.test(m)),
      said.join('\n'),
    )
  })
})
