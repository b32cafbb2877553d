import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, statSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {withJobLock} from '../../src/sync/lock.js'
import {tempDir} from '../helpers/temp.js'

/** A lock left by a holder with this pid, as proper-lockfile and withJobLock leave it. */
function leftLock(db: string, job: string, pid: number): void {
  const lock = `${db}.${job}.lock`
  mkdirSync(lock)
  writeFileSync(`${lock}.owner`, JSON.stringify({pid, host: hostname(), ino: statSync(lock).ino}))
}

describe('withJobLock after a holder died', () => {
  it('takes over at once a lock whose holder on this machine has ended (a kill -9), not 30 s later', async (t) => {
    const db = join(tempDir(t), 'migration.db')
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    leftLock(db, 'po', dead)
    assert.equal(await withJobLock(db, 'po', async () => 'ran'), 'ran')
  })

  it('still refuses while the holder is alive', async (t) => {
    const db = join(tempDir(t), 'migration.db')
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    t.after(() => child.kill('SIGKILL'))
    leftLock(db, 'po', child.pid!)
    await assert.rejects(
      withJobLock(db, 'po', async () => 'ran'),
      /Another `po` run is still going/,
    )
  })
})
