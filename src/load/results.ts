import {writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {stringify} from 'csv-stringify/sync'

import type {Staging} from '../staging/index.js'
import {type RecordLabel, recordLabel} from './record-label.js'

export interface ResultFiles {
  written: string
  parked: string
  /** Records QBO holds more than once; written only when there are any. */
  duplicates?: string
}

/** Each row first says which record it is, as the source shows it; the source key comes last, for scripts. */
const LABEL = ['type', 'number', 'date', 'contact', 'amount']
const SOURCE = ['source_system', 'source_id']

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
  const label = (system: string, entity: string, sourceId: string): string[] => {
    const l: RecordLabel = recordLabel(staging, system, entity, sourceId)
    return [l.type, l.number, l.date, l.contact, l.amount]
  }
  const written = staging.idMap
    .list(realmId)
    .filter((e) => e.runId === runId)
    .map((e) => [
      ...label(e.sourceSystem, e.entity, e.sourceId),
      e.entity,
      e.how,
      e.qboId,
      e.sourceSystem,
      e.sourceId,
    ])
  writeFileSync(files.written, stringify([[...LABEL, 'entity', 'outcome', 'qbo_id', ...SOURCE], ...written]))
  const parked = staging.parked
    .list(runId)
    .map((p) => [
      ...label(p.sourceSystem, p.entity, p.sourceId),
      p.entity,
      'parked',
      p.faultCode,
      p.message,
      p.element ?? '',
      p.suggestedFix ?? '',
      p.sourceSystem,
      p.sourceId,
    ])
  writeFileSync(
    files.parked,
    stringify([
      [...LABEL, 'entity', 'outcome', 'fault_code', 'message', 'element', 'suggested_fix', ...SOURCE],
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
