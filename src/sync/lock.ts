import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'

import lockfile from 'proper-lockfile'

import {UserInputError} from '../domain/errors.js'

/**
 * One run of a job at a time per migration file, across processes: a cron entry that fires while the last
 * run is still going must not write the same changes twice. The lock is a directory beside the file
 * (proper-lockfile); a holder that died leaves it stale and the next run takes it over: at once when the
 * holder's process id (recorded in the lock) is gone on this machine, else after 30 s without its heartbeat.
 */
export async function withJobLock<T>(dbPath: string, job: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = `${dbPath}.${job}.lock`
  let release: () => Promise<void>
  try {
    release = await acquire(dbPath, job, lockPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    // A holder killed outright (kill -9, a crash) cannot release; waiting out the heartbeat would refuse the
    // user's very next run with "still going". Checked twice so that a lock another new run has just taken
    // (and not yet signed) is not removed. (Two runs starting in the same instant after a crash could still
    // both see the dead holder; the writer's outbox keeps even that from writing anything twice.)
    if (!holderIsGone(lockPath) || !holderIsGone(lockPath)) throw busy(job, dbPath)
    rmSync(lockPath, {recursive: true, force: true})
    try {
      release = await acquire(dbPath, job, lockPath)
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw busy(job, dbPath)
      throw again
    }
  }
  // Who holds it, inside the lock directory: a new lock starts empty, so it can never name an old holder.
  const holderFile = join(lockPath, 'holder.json')
  try {
    writeFileSync(holderFile, JSON.stringify({pid: process.pid, host: hostname()}))
    return await fn()
  } finally {
    rmSync(holderFile, {force: true})
    await release()
  }
}

function acquire(dbPath: string, job: string, lockPath: string): Promise<() => Promise<void>> {
  // proper-lockfile keeps its state per locked path, so each job locks a path of its own.
  return lockfile.lock(`${dbPath}.${job}`, {
    realpath: false,
    lockfilePath: lockPath,
    stale: 30_000,
    update: 10_000,
    retries: 0,
  })
}

/** True only when the lock names its holder and that process no longer runs on this machine. */
function holderIsGone(lockPath: string): boolean {
  try {
    const holder = JSON.parse(readFileSync(join(lockPath, 'holder.json'), 'utf8')) as {
      pid?: unknown
      host?: unknown
    }
    if (holder.host !== hostname() || typeof holder.pid !== 'number' || holder.pid === process.pid)
      return false
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

function busy(job: string, dbPath: string): UserInputError {
  return new UserInputError(`Another \`${job}\` run is still going with ${dbPath}.`, {
    next: 'Let it finish: the next scheduled run picks up where it stops. Nothing was done by this one.',
  })
}
