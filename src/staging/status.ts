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
  }
}
