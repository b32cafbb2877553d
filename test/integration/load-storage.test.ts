import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdtempSync, renameSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it, type TestContext} from 'node:test'

import {storageErrorOf} from '../../src/cli/file-errors.js'
import {StorageError} from '../../src/domain/errors.js'
import {type LoadResult, runLoad} from '../../src/load/migration.js'
import {openRealmClient} from '../../src/qbo/index.js'
import {openStaging, type Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'
import {
  assertExactlyOnce,
  hasUnfinishedLoad,
  loadWorld,
  type LoadWorld,
  startLoadChild,
} from './load-harness.js'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** One `qbo migrate load` in process; `fault` runs at each progress report and may break the storage. */
async function load(
  world: LoadWorld,
  staging: Staging,
  dbPath: string,
  fault: (done: number) => void = () => undefined,
): Promise<LoadResult> {
  const client = openRealmClient(world.env, silentLogger, {client: {timeScale: 60}})
  let done = 0
  return runLoad(
    {
      staging,
      client,
      logger: silentLogger,
      now: Date.now,
      sleep,
      onProgress: (p) => fault((done = Math.max(done, p.created))),
    },
    {resume: hasUnfinishedLoad(dbPath), batchSize: 30, dbPath},
  )
}

/** Expects the load to stop with a storage failure the user can act on, never a bug. */
async function expectStorageFailure(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => assert.fail('the load should have stopped'),
    (e: unknown) => e,
  )
  const shown = error instanceof StorageError ? error : storageErrorOf(error)
  assert.ok(shown instanceof StorageError, `not a storage error: ${String(error)}`)
  assert.match(shown.message, pattern)
  assert.match(shown.next, /--resume/)
}

/** A tmpfs of `size` the test can fill or make read-only; undefined where this machine does not allow it. */
function mountTmpfs(t: TestContext, size: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'qbo-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {stdio: 'pipe'})
  } catch (error) {
    rmSync(dir, {recursive: true, force: true})
    t.skip(
      `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); the injected-error test covers it`,
    )
    return undefined
  }
  t.after(() => {
    execFileSync('umount', ['-l', dir])
    rmSync(dir, {recursive: true, force: true})
  })
  return dir
}

describe('qbo migrate load: storage failures are the user’s to fix, and lose nothing', () => {
  it('disk full, read-only and moved mid-load (injected): each a user error; resumed, it ends as a clean load', async (t) => {
    const world = await loadWorld(tempDir(t), {timeScale: 60})
    t.after(() => world.close())
    const seed = world.emulator.stats().entities

    // Disk full: SQLite may grow the file by only a few pages more.
    let staging = openStaging(world.db)
    const pages = Number(staging.db.pragma('page_count', {simple: true}))
    staging.db.pragma(`max_page_count = ${pages + 40}`)
    await expectStorageFailure(load(world, staging, world.db), /disk .* is full/)
    staging.close()

    // Read-only: the file stops accepting writes once some records are in.
    staging = openStaging(world.db)
    await expectStorageFailure(
      load(world, staging, world.db, (done) => {
        if (done >= 60) staging.db.pragma('query_only = 1')
      }),
      /read-only/,
    )
    staging.close()

    // Moved away while in use: the load stops before writing into a file the user no longer has.
    staging = openStaging(world.db)
    const moved = join(world.dir, 'moved.db')
    await expectStorageFailure(
      load(world, staging, world.db, (done) => {
        if (done >= 60 && !hasMoved) {
          renameSync(world.db, moved)
          hasMoved = true
        }
      }),
      /moved or deleted/,
    )
    staging.close()

    // Resumed from where the file now is, the load finishes and QBO holds each record once.
    const resumedWorld = {...world, db: moved}
    staging = openStaging(moved)
    const finished = await load(resumedWorld, staging, moved)
    staging.close()
    assert.deepEqual(finished.duplicates, [])
    await assertExactlyOnce(resumedWorld, seed)
  })

  it('on a real disk that fills up, then becomes read-only (tmpfs): clear errors, then --resume finishes', async (t) => {
    const disk = mountTmpfs(t, '2600k')
    if (!disk) return
    const world = await loadWorld(tempDir(t), {timeScale: 60})
    t.after(() => world.close())
    const seed = world.emulator.stats().entities
    const onDisk = {...world, db: join(disk, 'migration.db')}
    copyFileSync(world.db, onDisk.db)

    const full = await startLoadChild(onDisk, []).done
    assert.equal(full.code, 1, full.stderr)
    assert.match(full.stderr, /The disk that holds the migration file is full/)
    assert.doesNotMatch(full.stderr, /bug/i)

    execFileSync('mount', ['-o', 'remount,size=64m', disk])
    execFileSync('mount', ['-o', 'remount,ro', disk])
    const readOnly = await startLoadChild(onDisk, ['--resume']).done
    assert.equal(readOnly.code, 1, readOnly.stderr)
    assert.match(readOnly.stderr, /read-only/)
    assert.doesNotMatch(readOnly.stderr, /bug/i)

    execFileSync('mount', ['-o', 'remount,rw', disk])
    const resumed = await startLoadChild(onDisk, ['--resume']).done
    assert.equal(resumed.code, 0, resumed.stderr)
    await assertExactlyOnce(onDisk, seed)
  })
})

let hasMoved = false
