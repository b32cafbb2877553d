import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export type OutboxState = 'pending' | 'sent' | 'succeeded' | 'failed' | 'unknown'
export type Operation = 'create' | 'update' | 'delete' | 'void' | 'send'

export interface OutboxEntry {
  requestId: string
  runId: string
  realmId: string
  /** Who wrote it and commits its result: 'migration', or an integration's name. */
  job: string
  entity: string
  sourceSystem: string
  sourceId: string
  operation: Operation
  payloadHash: string
  state: OutboxState
  /** How many times it was sent. */
  attempts: number
  /** Bumped by each definite answer that ends an attempt (a fault, or "not in QBO"): part of the wire id. */
  generation: number
  lastError: string | null
  /** The batch requestid this item was last sent in, and its bId there (a replay needs both unchanged). */
  batchId: string | null
  bid: string | null
  /** How to tell whether it landed once it can no longer be in flight (JSON written by load/outbox). */
  probeJson: string | null
  /** The exact body sent, kept until the outcome is known so an unanswered request can be sent again as is. */
  payloadJson: string | null
  /** ISO time after which QBO can no longer be applying it (its last send plus QBO's request timeout). */
  inFlightUntil: string | null
}

export interface SentWrite {
  requestId: string
  runId: string
  realmId: string
  job: string
  entity: string
  sourceSystem: string
  sourceId: string
  operation: Operation
  payloadHash: string
  batchId: string | null
  bid: string | null
  probeJson: string | null
  payloadJson: string
}

const COLUMNS = `request_id AS requestId, run_id AS runId, realm_id AS realmId, job, entity,
                 source_system AS sourceSystem, source_id AS sourceId, operation, payload_hash AS payloadHash,
                 state, attempts, generation, last_error AS lastError, batch_id AS batchId, bid,
                 probe_json AS probeJson, payload_json AS payloadJson, in_flight_until AS inFlightUntil`

/**
 * One row per logical write, written BEFORE its request is sent and moved to 'succeeded' or 'failed' in the
 * same transaction that records the answer. A row left 'sent' is a write whose outcome is unknown: nothing
 * may send it again before `inFlightUntil`, and then only after looking for it (load/outbox/settle.ts).
 */
export class OutboxRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Records writes as sent (call inside the transaction that precedes the request). A write sent again keeps
   * its generation and counts one more attempt; run, batch, bId, probe and payload are those of this send.
   */
  recordSent(writes: readonly SentWrite[], inFlightUntil: Date): void {
    const now = isoNow(this.clock)
    const until = inFlightUntil.toISOString()
    const stmt = this.db.prepare(
      `INSERT INTO outbox (request_id, run_id, realm_id, job, entity, source_system, source_id, operation, payload_hash,
                           state, attempts, generation, batch_id, bid, probe_json, payload_json, in_flight_until,
                           created_at, updated_at)
       VALUES (@requestId, @runId, @realmId, @job, @entity, @sourceSystem, @sourceId, @operation, @payloadHash,
               'sent', 1, 0, @batchId, @bid, @probeJson, @payloadJson, @until, @now, @now)
       ON CONFLICT (request_id) DO UPDATE SET run_id = excluded.run_id, state = 'sent', attempts = attempts + 1,
         batch_id = excluded.batch_id, bid = excluded.bid, probe_json = excluded.probe_json,
         payload_json = excluded.payload_json, in_flight_until = excluded.in_flight_until,
         last_error = NULL, updated_at = excluded.updated_at`,
    )
    for (const w of writes) stmt.run({...w, until, now})
  }

  /** The request is (re)starting now: QBO may apply it until `until`. */
  extendInFlight(requestIds: readonly string[], until: Date): void {
    const stmt = this.db.prepare(
      `UPDATE outbox SET in_flight_until = MAX(COALESCE(in_flight_until, ''), ?), updated_at = ? WHERE request_id = ?`,
    )
    const now = isoNow(this.clock)
    for (const id of requestIds) stmt.run(until.toISOString(), now, id)
  }

  /** The write landed (answered, or found in QBO); its request is no longer needed. */
  succeed(requestId: string, note?: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'succeeded', last_error = ?, payload_json = NULL, updated_at = ? WHERE request_id = ?`,
      )
      .run(note ?? null, isoNow(this.clock), requestId)
  }

  /**
   * A definite answer that the write did not land (a fault, or not found after its in-flight window). The
   * generation moves on, so sending it again is a new request to QBO rather than a replay of this answer.
   */
  fail(requestId: string, reason: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'failed', last_error = ?, generation = generation + 1, payload_json = NULL,
           updated_at = ? WHERE request_id = ?`,
      )
      .run(reason, isoNow(this.clock), requestId)
  }

  /**
   * The outcome could not be told from QBO (an email send whose document looks the same either way): the
   * row stays in doubt, request kept, until the operator says (load/outbox/action.ts resolveUndecided).
   */
  markUnknown(requestId: string, reason: string): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'unknown', last_error = ?, updated_at = ? WHERE request_id = ?`)
      .run(reason, isoNow(this.clock), requestId)
  }

  get(requestId: string): OutboxEntry | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE request_id = ?`).get(requestId) as
      OutboxEntry | undefined
  }

  /** Every write of one job to a realm whose outcome is unknown, whatever run sent it, batch by batch. */
  inDoubt(realmId: string, job: string): OutboxEntry[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE realm_id = ? AND job = ? AND state IN ('pending', 'sent', 'unknown')
         ORDER BY batch_id, bid, request_id`,
      )
      .all(realmId, job) as OutboxEntry[]
  }

  /** The writes of one run still without a known outcome. */
  unresolved(runId: string): OutboxEntry[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE run_id = ? AND state IN ('pending', 'sent', 'unknown') ORDER BY created_at, request_id`,
      )
      .all(runId) as OutboxEntry[]
  }
}
