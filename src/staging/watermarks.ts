import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

/** Per job (e.g. 'shipstation') and scope (a store, an entity): where the next read starts. */
export class WatermarksRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  get(job: string, scope: string): string | undefined {
    const row = this.db
      .prepare(`SELECT value FROM sync_watermarks WHERE job = ? AND scope = ?`)
      .get(job, scope) as {value: string} | undefined
    return row?.value
  }

  /** Call in the transaction that records what was read up to `value`, so the two never disagree. */
  set(job: string, scope: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_watermarks (job, scope, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (job, scope) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(job, scope, value, isoNow(this.clock))
  }

  list(job: string): {scope: string; value: string; updatedAt: string}[] {
    return this.db
      .prepare(
        `SELECT scope, value, updated_at AS updatedAt FROM sync_watermarks WHERE job = ? ORDER BY scope`,
      )
      .all(job) as {scope: string; value: string; updatedAt: string}[]
  }
}
