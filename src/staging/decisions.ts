import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface Decision {
  entity: string
  sourceSystem: string
  sourceId: string
  /** A stable code, e.g. CONTACT_RENAMED, DOCNUMBER_SHORTENED, TAX_INCLUSIVE_INFERRED. */
  code: string
  message: string
  detail?: Record<string, unknown>
}

/** The register of every workaround the tool applied to a record, for the accountant to review. */
export class DecisionsRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  record(decision: Decision): void {
    this.db
      .prepare(
        `INSERT INTO decisions (entity, source_system, source_id, code, message, detail_json, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, source_system, source_id, code) DO UPDATE SET message = excluded.message,
           detail_json = excluded.detail_json, decided_at = excluded.decided_at`,
      )
      .run(
        decision.entity,
        decision.sourceSystem,
        decision.sourceId,
        decision.code,
        decision.message,
        decision.detail === undefined ? null : JSON.stringify(decision.detail),
        isoNow(this.clock),
      )
  }

  list(): Decision[] {
    const rows = this.db
      .prepare(
        `SELECT entity, source_system AS sourceSystem, source_id AS sourceId, code, message, detail_json AS detailJson
         FROM decisions ORDER BY entity, source_system, source_id, code`,
      )
      .all() as (Omit<Decision, 'detail'> & {detailJson: string | null})[]
    return rows.map(({detailJson, ...rest}) =>
      detailJson === null ? rest : {...rest, detail: JSON.parse(detailJson) as Record<string, unknown>},
    )
  }
}
