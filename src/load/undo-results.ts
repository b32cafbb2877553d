import {writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {stringify} from 'csv-stringify/sync'

import type {Staging} from '../staging/index.js'

/** One record an undo took out of QBO (or found already gone), for the result file. */
export interface UndoneRecord {
  entity: string
  sourceSystem: string
  sourceId: string
  qboId: string
  loadRun: string | null
  action: 'deleted' | 'deactivated' | 'already gone'
}

export interface UndoFiles {
  undone: string
  refused: string
}

/**
 * The undo's result files beside the database, as a load's: what was undone (source id → QBO id and how),
 * and what was left in QBO with the reason and the fix (refused or failed, also in the parked list).
 */
export function writeUndoFiles(
  staging: Staging,
  dbPath: string,
  runId: string,
  undone: readonly UndoneRecord[],
): UndoFiles {
  const dir = dirname(resolve(dbPath))
  // The run id holds its kind ('migrate:undo-…'); a colon has no place in a file name on Windows or macOS.
  const stem = runId.replace(/[^A-Za-z0-9._-]/g, '-')
  const files = {undone: join(dir, `${stem}-undone.csv`), refused: join(dir, `${stem}-refused.csv`)}
  writeFileSync(
    files.undone,
    stringify([
      ['source_system', 'source_id', 'entity', 'qbo_id', 'action', 'loaded_by_run'],
      ...undone.map((u) => [u.sourceSystem, u.sourceId, u.entity, u.qboId, u.action, u.loadRun ?? '']),
    ]),
  )
  writeFileSync(
    files.refused,
    stringify([
      ['source_system', 'source_id', 'entity', 'fault_code', 'message', 'suggested_fix'],
      ...staging.parked
        .list(runId)
        .map((p) => [p.sourceSystem, p.sourceId, p.entity, p.faultCode, p.message, p.suggestedFix ?? '']),
    ]),
  )
  return files
}
