import type {Staging} from './index.js'
import {effectiveStatus} from './runs.js'

export interface MigrationStatus {
  db: string
  schemaVersion: number
  staged: Record<string, number>
  sourceFiles: number
  runs: {id: string; kind: string; status: string; startedAt: string; finishedAt: string | null}[]
  loaded: Record<string, {created: number; adopted: number}>
  parked: Record<string, number>
  decisions: number
  /** The latest reconciliation: its state and, when it finished, the match rate, tolerance and workbook. */
  reconciled: {
    runId: string
    status: string
    finishedAt: string | null
    matchRate?: number
    withinTolerance?: boolean
    out?: string
  } | null
}

/** Per stage and entity: what is staged, loaded (created or adopted) and parked. Reads only. */
export function migrationStatus(staging: Staging, dbPath: string): MigrationStatus {
  const runs = staging.runs.list()
  const lastLoad = staging.runs.latest('load')
  return {
    db: dbPath,
    schemaVersion: staging.db.pragma('user_version', {simple: true}) as number,
    staged: staging.staged.countsByKind(),
    sourceFiles: staging.sourceFiles.list().length,
    runs: runs.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: effectiveStatus(r),
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    })),
    loaded: staging.idMap.countsByEntity(lastLoad?.realmId ?? undefined),
    parked: lastLoad ? staging.parked.countsByEntity(lastLoad.id) : {},
    decisions: staging.decisions.list().length,
    reconciled: latestReconciliation(staging),
  }
}

function latestReconciliation(staging: Staging): MigrationStatus['reconciled'] {
  const run = staging.runs.latest('reconcile')
  if (!run) return null
  const s = run.summary ?? {}
  return {
    runId: run.id,
    status: effectiveStatus(run),
    finishedAt: run.finishedAt,
    ...(typeof s.matchRate === 'number' ? {matchRate: s.matchRate} : {}),
    ...(typeof s.withinTolerance === 'boolean' ? {withinTolerance: s.withinTolerance} : {}),
    ...(typeof s.out === 'string' ? {out: s.out} : {}),
  }
}
