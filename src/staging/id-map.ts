import {deflateRawSync, inflateRawSync} from 'node:zlib'

import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface IdMapEntry {
  realmId: string
  entity: string
  sourceSystem: string
  sourceId: string
  qboId: string
  syncToken: string
  how: 'created' | 'adopted'
  runId: string | null
  /** What the load wrote (created records only): stored deflated, read with `payload()`. */
  payload?: Record<string, unknown>
}

const COLUMNS = `realm_id AS realmId, entity, source_system AS sourceSystem, source_id AS sourceId, qbo_id AS qboId,
                 sync_token AS syncToken, how, run_id AS runId`

/** Source record -> QBO record (with its latest SyncToken), per realm. The proof that a record was written. */
export class IdMapRepo {
  // Prepared once: a load or reconcile calls put/get once per record (100,000s of times).
  private readonly putStmt
  private readonly getStmt
  private readonly payloadStmt

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {
    this.putStmt = db.prepare(
      `INSERT INTO id_map (realm_id, entity, source_system, source_id, qbo_id, sync_token, how, run_id, updated_at, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (realm_id, entity, source_system, source_id) DO UPDATE SET qbo_id = excluded.qbo_id,
         sync_token = excluded.sync_token, updated_at = excluded.updated_at,
         payload = COALESCE(excluded.payload, payload)`,
    )
    this.payloadStmt = db.prepare(
      `SELECT payload FROM id_map WHERE realm_id = ? AND entity = ? AND source_system = ? AND source_id = ?`,
    )
    this.getStmt = db.prepare(
      `SELECT ${COLUMNS} FROM id_map WHERE realm_id = ? AND entity = ? AND source_system = ? AND source_id = ?`,
    )
  }

  put(entry: IdMapEntry): void {
    this.putStmt.run(
      entry.realmId,
      entry.entity,
      entry.sourceSystem,
      entry.sourceId,
      entry.qboId,
      entry.syncToken,
      entry.how,
      entry.runId,
      isoNow(this.clock),
      entry.payload ? deflateRawSync(JSON.stringify(entry.payload)) : null,
    )
  }

  /** What the load wrote for this record, or undefined (adopted, or loaded before schema 7). */
  payload(
    realmId: string,
    entity: string,
    sourceSystem: string,
    sourceId: string,
  ): Record<string, unknown> | undefined {
    const row = this.payloadStmt.get(realmId, entity, sourceSystem, sourceId) as
      {payload: Buffer | null} | undefined
    return row?.payload
      ? (JSON.parse(inflateRawSync(row.payload).toString('utf8')) as Record<string, unknown>)
      : undefined
  }

  /** The record is no longer in QBO (undone): it leaves the map. */
  remove(realmId: string, entity: string, sourceSystem: string, sourceId: string): void {
    this.db
      .prepare(`DELETE FROM id_map WHERE realm_id = ? AND entity = ? AND source_system = ? AND source_id = ?`)
      .run(realmId, entity, sourceSystem, sourceId)
  }

  get(realmId: string, entity: string, sourceSystem: string, sourceId: string): IdMapEntry | undefined {
    return this.getStmt.get(realmId, entity, sourceSystem, sourceId) as IdMapEntry | undefined
  }

  list(realmId: string, entity?: string): IdMapEntry[] {
    const sql = `SELECT ${COLUMNS} FROM id_map WHERE realm_id = ? ${entity ? 'AND entity = ?' : ''}
                 ORDER BY entity, source_system, source_id`
    return (
      entity ? this.db.prepare(sql).all(realmId, entity) : this.db.prepare(sql).all(realmId)
    ) as IdMapEntry[]
  }

  countsByEntity(realmId?: string): Record<string, {created: number; adopted: number}> {
    const rows = this.db
      .prepare(
        `SELECT entity, how, COUNT(*) AS n FROM id_map ${realmId ? 'WHERE realm_id = ?' : ''} GROUP BY entity, how`,
      )
      .all(...(realmId ? [realmId] : [])) as {entity: string; how: 'created' | 'adopted'; n: number}[]
    const out: Record<string, {created: number; adopted: number}> = {}
    for (const r of rows) {
      const e = (out[r.entity] ??= {created: 0, adopted: 0})
      e[r.how] = r.n
    }
    return out
  }
}
