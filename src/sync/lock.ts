import {readFileSync, rmSync, statSync, unlinkSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'

import lockfile from 'proper-lockfile'

import {UserInputError} from '../domain/errors.js'

/**
 * One run of a job at a time per migration file, across processes: a cron entry that fires while the last
 * run is still going must not write the same changes twice. The lock is a directory beside the file
 * (proper-lockfile); a holder that died leaves it stale and the next run takes it over: at once when the
 * holder was a process on this machine that no longer exists (its pid is kept beside the lock), otherwise
 * once the lock has not been refreshed for 30 s.
 */
export async function withJobLock<T>(dbPath: string, job: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = `${dbPath}.${job}.lock`
  const take = () =>
    // proper-lockfile keeps its state per locked path, so each job locks a path of its own.
    lockfile.lock(`${dbPath}.${job}`, {
      realpath: false,
      lockfilePath: lockPath,
      stale: 30_000,
      update: 10_000,
      retries: 0,
    })
  let release: () => Promise<void>
  try {
    release = await take().catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOCKED' || !holderIsGone(lockPath)) throw error
      rmSync(lockPath, {recursive: true, force: true})
      return take()
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    throw new UserInputError(`Another \`${job}\` run is still going with ${dbPath}.`, {
      next: 'Let it finish: the next scheduled run picks up where it stops. Nothing was done by this one.',
    })
  }
  writeOwner(lockPath)
  try {
    return await fn()
  } finally {
    try {
      unlinkSync(ownerPath(lockPath))
    } catch {
      // Already gone: nothing to tidy.
    }
    await release()
  }
}

interface Owner {
  pid: number
  host: string
  /** The lock directory's inode: the owner file describes this lock, not an earlier one at the same path. */
  ino: number
}

function ownerPath(lockPath: string): string {
  return `${lockPath}.owner`
}

function writeOwner(lockPath: string): void {
  try {
    const owner: Owner = {pid: process.pid, host: hostname(), ino: statSync(lockPath).ino}
    writeFileSync(ownerPath(lockPath), JSON.stringify(owner))
  } catch {
    // Without it a dead holder's lock is taken over after 30 s instead of at once.
  }
}

/** The lock's holder was a process on this machine that has ended (killed, crashed). */
function holderIsGone(lockPath: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(ownerPath(lockPath), 'utf8')) as Owner
    if (owner.host !== hostname() || owner.ino !== statSync(lockPath).ino) return false
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
