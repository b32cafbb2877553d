import {randomUUID} from 'node:crypto'

import {UserInputError} from '../domain/errors.js'
import {inTransaction, type Staging} from '../staging/index.js'
import {runIsLive} from '../staging/runs.js'

/** The undo's runs in the migration file (a load refuses to start beside one, as beside another load). */
export const UNDO_RUN_KIND = 'migrate:undo'

/** Which load runs an undo takes out, and how it is recorded as a run of its own. */
export interface UndoSelection {
  runId?: string
  all?: boolean
  force?: boolean
  batchSize: number
}

/** The load runs to undo: the one named, every load (--all), or the latest that created records still mapped. */
export function selectRuns(staging: Staging, realmId: string, options: UndoSelection): string[] {
  const loads = staging.runs.list().filter((r) => r.kind === 'load' && (!r.realmId || r.realmId === realmId))
  if (options.runId) {
    const run = staging.runs.get(options.runId)
    if (!run || run.kind !== 'load') {
      throw new UserInputError(`No load run ${options.runId} in this file.`, {
        next: 'Run `qbo migrate status` to see the runs, or `qbo migrate undo --all` to undo every load.',
      })
    }
    return [run.id]
  }
  if (options.all) return loads.map((r) => r.id)
  const mapped = new Set(
    staging.idMap
      .list(realmId)
      .filter((e) => e.how === 'created')
      .map((e) => e.runId),
  )
  const latest = [...loads].reverse().find((r) => mapped.has(r.id))
  return latest ? [latest.id] : []
}

/** One writer per migration file: an undo beside a load (or another undo) would race it. */
export function startUndoRun(staging: Staging, realmId: string, options: UndoSelection, nowMs: number) {
  return inTransaction(staging.db, () => {
    for (const r of staging.runs.list()) {
      if (r.kind !== 'load' && r.kind !== UNDO_RUN_KIND) continue
      if (runIsLive(r) && r.options.pid !== process.pid) {
        throw new UserInputError(
          `Another \`qbo migrate ${r.kind === 'load' ? 'load' : 'undo'}\` (process ${String(r.options.pid)}) is writing with this migration file.`,
          {next: 'Wait for it to finish (or stop it), then run `qbo migrate undo` again.'},
        )
      }
      if (r.kind === UNDO_RUN_KIND && r.status === 'running')
        staging.runs.finish(r.id, 'interrupted', r.summary ?? {})
    }
    const stamp = new Date(nowMs).toISOString().replace(/[-:.]/g, '').slice(0, 15)
    return staging.runs.start({
      // Named like a load's run ('undo-…'), so its result files read 'undo-…-undone.csv'.
      id: `undo-${stamp}-${randomUUID().slice(0, 8)}`,
      kind: UNDO_RUN_KIND,
      realmId,
      options: {
        pid: process.pid,
        batchSize: options.batchSize,
        ...(options.runId ? {run: options.runId} : {}),
        ...(options.all ? {all: true} : {}),
        ...(options.force ? {force: true} : {}),
      },
    })
  })
}
