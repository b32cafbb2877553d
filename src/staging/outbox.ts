import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export type OutboxState = 'pending' | 'sent' | 'succeeded' | 'failed' | 'unknown'
export type Operation = 'create' | 'update' | 'delete' | 'void'

export interface OutboxEntry {
  requestId: string
  runId: string
  realmId: string
  entity: string
  sourceSystem: string
  sourceId: string
  operation: Operation
  payloadHash: string
  state: OutboxState
  attempts: number
  lastError: string | null
  /** The batch requestid this item was last sent in, and its bId there (a replay needs both unchanged). */
  batchId: string | null
  bid: string | null
  /** How to find the record in QBO without its id (JSON written by the loader). */
  identityJson: string | null
}

const COLUMNS = `request_id AS requestId, run_id AS runId, realm_id AS realmId, entity, source_system AS sourceSystem,
                 source_id AS sourceId, operation, payload_hash AS payloadHash, state, attempts, last_error AS lastError,
                 batch_id AS batchId, bid, identity_json AS identityJson`

/**
 * One row per write attempt, written BEFORE the request is sent. A row left 'sent' after a crash is a write
 * whose outcome is unknown: the loader resolves it (resend with the same requestid, or look it up) first.
 */
export class OutboxRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Records a write about to be sent. The same write (same requestid) sent again in a new batch moves to that
   * batch; its attempt count carries on.
   */
  record(
    entry: Omit<OutboxEntry, 'state' | 'attempts' | 'lastError' | 'batchId' | 'bid' | 'identityJson'> & {
      batchId?: string
      bid?: string
      identityJson?: string
    },
  ): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(
        `INSERT INTO outbox (request_id, run_id, realm_id, entity, source_system, source_id, operation, payload_hash,
                             state, attempts, created_at, updated_at, batch_id, bid, identity_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id) DO UPDATE SET run_id = excluded.run_id, state = 'pending', batch_id = excluded.batch_id,
           bid = excluded.bid, identity_json = excluded.identity_json, updated_at = excluded.updated_at`,
      )
      .run(
        entry.requestId,
        entry.runId,
        entry.realmId,
        entry.entity,
        entry.sourceSystem,
        entry.sourceId,
        entry.operation,
        entry.payloadHash,
        now,
        now,
        entry.batchId ?? null,
        entry.bid ?? null,
        entry.identityJson ?? null,
      )
  }

  mark(requestId: string, state: OutboxState, lastError?: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = ?, last_error = ?, updated_at = ?,
           attempts = attempts + CASE WHEN ? = 'sent' THEN 1 ELSE 0 END
         WHERE request_id = ?`,
      )
      .run(state, lastError ?? null, isoNow(this.clock), state, requestId)
  }

  get(requestId: string): OutboxEntry | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE request_id = ?`).get(requestId) as
      OutboxEntry | undefined
  }

  /** Writes that may or may not have reached QBO. */
  unresolved(runId: string): OutboxEntry[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE run_id = ? AND state IN ('pending', 'sent', 'unknown') ORDER BY created_at, request_id`,
      )
      .all(runId) as OutboxEntry[]
  }

  /** Every write to a realm whose outcome is unknown, whatever run sent it: resolved before anything new is sent. */
  unresolvedForRealm(realmId: string): OutboxEntry[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE realm_id = ? AND state IN ('pending', 'sent', 'unknown')
         ORDER BY batch_id, bid, request_id`,
      )
      .all(realmId) as OutboxEntry[]
  }
}
