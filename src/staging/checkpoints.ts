import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

/** Where a run got to, per scope (an entity, a collection page, a file): resumes start from here. */
export class CheckpointsRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  set(runId: string, scope: string, position: string): void {
    this.db
      .prepare(
        `INSERT INTO checkpoints (run_id, scope, position, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (run_id, scope) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      )
      .run(runId, scope, position, isoNow(this.clock))
  }

  get(runId: string, scope: string): string | undefined {
    const row = this.db
      .prepare(`SELECT position FROM checkpoints WHERE run_id = ? AND scope = ?`)
      .get(runId, scope) as {position: string} | undefined
    return row?.position
  }

  all(runId: string): Record<string, string> {
    const rows = this.db
      .prepare(`SELECT scope, position FROM checkpoints WHERE run_id = ? ORDER BY scope`)
      .all(runId) as {
      scope: string
      position: string
    }[]
    return Object.fromEntries(rows.map((r) => [r.scope, r.position]))
  }
}
