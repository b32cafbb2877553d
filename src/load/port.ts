import type {QboEntity} from '../domain/entities.js'
import type {SourceSystem} from '../domain/ids.js'

/** A fault QBO returned for one item (or one request), as QBO words it. */
export interface QboFault {
  code: string
  message: string
  detail?: string
  element?: string
}

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

/**
 * The loader's view of QBO: the QBO client implements it (src/qbo/), tests may pass a fake. Kept this small
 * on purpose: batched creates and look-ups are all an exactly-once load needs.
 */
export interface QboWritePort {
  readonly realmId: string
  /**
   * Sends one batch of creates of one entity. `requestId` and the bIds make a resend replay QBO's first answer.
   * Throws when the outcome is unknown (the client's own retries ran out, the connection dropped after send).
   */
  createBatch(
    entity: QboEntity,
    requestId: string,
    items: readonly {bId: string; payload: Record<string, unknown>}[],
  ): Promise<BatchItemOutcome[]>
  /** Records of `entity` already in QBO with this identity (exact name, or carrying this PrivateNote marker). */
  findExisting(entity: QboEntity, identity: Identity): Promise<ExistingRecord[]>
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
