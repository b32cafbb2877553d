import lockfile from 'proper-lockfile'

import {UserInputError} from '../domain/errors.js'

/**
 * One run of a job at a time per migration file, across processes: a cron entry that fires while the last
 * run is still going must not write the same changes twice. The lock is a directory beside the file
 * (proper-lockfile); a holder that died leaves it stale and the next run takes it over.
 */
export async function withJobLock<T>(dbPath: string, job: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>
  try {
    // proper-lockfile keeps its state per locked path, so each job locks a path of its own.
    release = await lockfile.lock(`${dbPath}.${job}`, {
      realpath: false,
      lockfilePath: `${dbPath}.${job}.lock`,
      stale: 30_000,
      update: 10_000,
      retries: 0,
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    throw new UserInputError(`Another \`${job}\` run is still going with ${dbPath}.`, {
      next: 'Let it finish: the next scheduled run picks up where it stops. Nothing was done by this one.',
    })
  }
  try {
    return await fn()
  } finally {
    await release()
  }
}
