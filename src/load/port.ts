import type {QboEntity} from '../domain/entities.js'
import type {SourceSystem} from '../domain/ids.js'
import type {QboFault} from '../domain/qbo-fault.js'

export type {QboFault}

export type BatchItemOutcome =
  {bId: string; ok: true; id: string; syncToken: string} | {bId: string; ok: false; fault: QboFault}

/** What identifies a record in QBO when its id is unknown: its name (lists) or its PrivateNote marker. */
export type Identity =
  | {kind: 'name'; field: 'DisplayName' | 'Name'; value: string}
  | {kind: 'marker'; marker: string; docNumber?: string; txnDate?: string}

export interface ExistingRecord {
  id: string
  syncToken: string
}

/** One item of a batch request: a create, a (sparse) update or a delete of one entity. */
export interface BatchWriteItem {
  bId: string
  operation: 'create' | 'update' | 'delete'
  entity: string
  payload: Record<string, unknown>
  /** e.g. 'void' or 'allowduplicatedocnum' (qbo-api.md §5). */
  optionsData?: string
}

/**
 * The request may have reached QBO but its answer never came: QBO may still apply it until `inFlightUntil`
 * (ms since the epoch). Thrown by a port; load/outbox settles it (wait, look, then send the same request again).
 */
export class WriteOutcomeUnknown extends Error {
  constructor(
    message: string,
    readonly inFlightUntil: number,
    options?: {cause?: unknown},
  ) {
    super(message, options)
    this.name = 'WriteOutcomeUnknown'
  }
}

/**
 * The writer's view of QBO: the QBO client implements it (src/qbo/), tests may pass a fake. Kept this small
 * on purpose: batched writes, and the reads that tell whether a write whose answer was lost landed.
 */
export interface QboWritePort {
  readonly realmId: string
  /** How long after a request starts QBO may still apply it (its request timeout plus a margin). */
  readonly inFlightWindowMs: number
  /**
   * Sends one batch request. The same `requestId` with the same bIds makes QBO replay its first answer.
   * `onSend` runs just before each attempt leaves. Throws WriteOutcomeUnknown when the request may have
   * reached QBO without an answer; any other throw means QBO did not apply it.
   */
  writeBatch(
    requestId: string,
    items: readonly BatchWriteItem[],
    onSend: () => void,
  ): Promise<BatchItemOutcome[]>
  /** Records of `entity` already in QBO with this identity (exact name, or carrying this PrivateNote marker). */
  findExisting(entity: string, identity: Identity): Promise<ExistingRecord[]>
  /** The record as QBO holds it now, or undefined when QBO has no record with that id. */
  readRecord(entity: string, id: string): Promise<Record<string, unknown> | undefined>
  /** Every record of `entity` whose PrivateNote carries one of our markers, with that marker's source id. */
  markedRecords(entity: string): Promise<{id: string; system: string; sourceId: string}[]>
  /**
   * Emails a document from QBO (`/send`, which QBO cannot batch). A definite fault comes back as a value;
   * throws WriteOutcomeUnknown when the request may have reached QBO without an answer, and anything else
   * when QBO certainly did not apply it. Optional: only jobs that send documents need it.
   */
  sendDocument?(
    entity: string,
    id: string,
    sendTo: string | undefined,
    requestId: string,
    onSend: () => void,
  ): Promise<{ok: true; record: Record<string, unknown>} | {ok: false; fault: QboFault}>
  /** Request counters for the run's summary. */
  stats?(): {sent: number; retried: number; throttled: number}
}

/** One record the plan decided to create, with its payload (references may still be symbolic). */
export interface LoadItem {
  entity: QboEntity
  sourceSystem: SourceSystem
  sourceId: string
  payload: Record<string, unknown>
}

/** Replaces symbolic references in a payload with QBO ids from the id map (mappers' resolveRefs). */
export type RefResolver = (
  payload: Record<string, unknown>,
  lookup: (entity: QboEntity, sourceSystem: SourceSystem, sourceId: string) => string | undefined,
) => {payload: Record<string, unknown>; unresolved: {entity: QboEntity; sourceId: string}[]}
