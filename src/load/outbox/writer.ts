import type {Staging} from '../../staging/index.js'
import type {Logger} from '../../ui/logger.js'
import type {QboWritePort} from '../port.js'

/** What a landed write is, for the job that commits it. */
export interface LandedWrite {
  requestId: string
  entity: string
  sourceSystem: string
  sourceId: string
  operation: 'create' | 'update' | 'delete' | 'send'
  /** The body sent (for a sparse update: Id, SyncToken, sparse and the fields written); {} when unknown. */
  payload: Record<string, unknown>
}

/** Findings of the exactly-once machinery during one run, for the run's report. */
export interface WriterReport {
  /** Writes whose answer was lost, found in QBO once they could no longer be in flight. */
  found: number
  /** Unanswered requests sent again unchanged (same requestid and bIds) once they could no longer be in flight. */
  resent: number
  /** Writes whose answer was lost and that were not in QBO afterwards: sent again as new requests. */
  notLanded: number
  /** Time spent waiting for requests that might still have been in flight. */
  waitedMs: number
  /** Records QBO holds more than once for one write (found while looking a write up). */
  duplicates: {entity: string; sourceId: string; qboIds: string[]}[]
}

export function emptyReport(): WriterReport {
  return {found: 0, resent: 0, notLanded: 0, waitedMs: 0, duplicates: []}
}

/** Everything the writer needs; a job (the migration, an integration) supplies its own `job` and `onLanded`. */
export interface WriterDeps {
  staging: Staging
  port: QboWritePort
  /** 'migration', or an integration's name: the outbox rows it owns, sends and settles. */
  job: string
  runId: string
  now: () => number
  sleep: (ms: number) => Promise<void>
  logger: Logger
  /** Called about once a second while waiting for writes that may still be in flight. */
  onWait?: (wait: {writes: number; untilMs: number; nowMs: number}) => void
  /** Records what a landed write means to the job (its id map …), inside the transaction that marks it succeeded. */
  onLanded: (write: LandedWrite, landed: {id: string; syncToken: string}) => void
  /**
   * A send whose outcome QBO cannot tell (action.ts): called inside the transaction that parks it, so the
   * job can mark it for the operator. It is never sent again until resolved.
   */
  onUndecided?: (write: LandedWrite, reason: string) => void
  report: WriterReport
}
