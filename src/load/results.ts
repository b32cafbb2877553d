import {writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {stringify} from 'csv-stringify/sync'

import type {Staging} from '../staging/index.js'

export interface ResultFiles {
  written: string
  parked: string
  /** Records QBO holds more than once; written only when there are any. */
  duplicates?: string
}

/**
 * The per-run result files beside the database: what was written (source id → QBO id) and what was parked
 * (with QBO's reason and the fix), for the accountant and for scripts. Rewritten whole at the end of each run.
 */
export function writeResultFiles(
  staging: Staging,
  dbPath: string,
  runId: string,
  realmId: string,
  duplicates: readonly {entity: string; sourceId: string; qboIds: string[]}[] = [],
): ResultFiles {
  const dir = dirname(resolve(dbPath))
  const files = {written: join(dir, `${runId}-written.csv`), parked: join(dir, `${runId}-parked.csv`)}
  const written = staging.idMap
    .list(realmId)
    .filter((e) => e.runId === runId)
    .map((e) => [e.sourceSystem, e.sourceId, e.entity, e.qboId, e.how])
  writeFileSync(
    files.written,
    stringify([['source_system', 'source_id', 'entity', 'qbo_id', 'how'], ...written]),
  )
  const parked = staging.parked
    .list(runId)
    .map((p) => [
      p.sourceSystem,
      p.sourceId,
      p.entity,
      p.faultCode,
      p.message,
      p.element ?? '',
      p.suggestedFix ?? '',
    ])
  writeFileSync(
    files.parked,
    stringify([
      ['source_system', 'source_id', 'entity', 'fault_code', 'message', 'element', 'suggested_fix'],
      ...parked,
    ]),
  )
  if (duplicates.length === 0) return files
  const duplicatesFile = join(dir, `${runId}-duplicates.csv`)
  writeFileSync(
    duplicatesFile,
    stringify([
      ['entity', 'source_id', 'qbo_ids', 'keep'],
      ...duplicates.map((d) => [d.entity, d.sourceId, d.qboIds.join(' '), d.qboIds[0] ?? '']),
    ]),
  )
  return {...files, duplicates: duplicatesFile}
}
