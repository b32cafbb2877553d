import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface ParkedRecord {
  runId: string
  entity: string
  sourceSystem: string
  sourceId: string
  faultCode: string
  message: string
  element: string | null
  suggestedFix: string | null
}

const COLUMNS = `run_id AS runId, entity, source_system AS sourceSystem, source_id AS sourceId, fault_code AS faultCode,
                 message, element, suggested_fix AS suggestedFix`

/** Records a load could not write, with QBO's reason and what to change. */
export class ParkedRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  park(record: ParkedRecord): void {
    this.db
      .prepare(
        `INSERT INTO parked_records (run_id, entity, source_system, source_id, fault_code, message, element, suggested_fix, parked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, entity, source_system, source_id) DO UPDATE SET fault_code = excluded.fault_code,
           message = excluded.message, element = excluded.element, suggested_fix = excluded.suggested_fix,
           parked_at = excluded.parked_at`,
      )
      .run(
        record.runId,
        record.entity,
        record.sourceSystem,
        record.sourceId,
        record.faultCode,
        record.message,
        record.element,
        record.suggestedFix,
        isoNow(this.clock),
      )
  }

  /** A parked record that later loads is no longer parked. */
  unpark(runId: string, entity: string, sourceSystem: string, sourceId: string): void {
    this.db
      .prepare(
        `DELETE FROM parked_records WHERE run_id = ? AND entity = ? AND source_system = ? AND source_id = ?`,
      )
      .run(runId, entity, sourceSystem, sourceId)
  }

  list(runId: string): ParkedRecord[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM parked_records WHERE run_id = ? ORDER BY entity, source_system, source_id`,
      )
      .all(runId) as ParkedRecord[]
  }

  countsByEntity(runId: string): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT entity, COUNT(*) AS n FROM parked_records WHERE run_id = ? GROUP BY entity`)
      .all(runId) as {entity: string; n: number}[]
    return Object.fromEntries(rows.map((r) => [r.entity, r.n]))
  }
}
