import type {QboFault} from '../../domain/qbo-fault.js'
import {requestIdFor} from '../../domain/ids.js'
import type {Identity} from '../port.js'

/**
 * How to tell, once a write can no longer be in flight, whether it landed in QBO:
 * - identity: a create landed if a record with its name or PrivateNote marker exists;
 * - fields: an update landed if the record holds the values it wrote;
 * - gone: a delete landed if the record is gone.
 */
export type Probe =
  | {kind: 'identity'; identity: Identity}
  | {kind: 'fields'; id: string; fields: Record<string, unknown>}
  | {kind: 'gone'; id: string}

/** One logical write, as the writer records it before sending. */
export interface Write {
  /** The write's own id: the same write always gets the same id (domain/ids requestIdFor). */
  requestId: string
  entity: string
  sourceSystem: string
  sourceId: string
  operation: 'create' | 'update' | 'delete'
  /** The body QBO receives, with every reference resolved. */
  payload: Record<string, unknown>
  payloadHash: string
  optionsData?: string
  probe: Probe
}

/** What became of a write: it landed (answered, or found in QBO afterwards), or definitely did not. */
export type WriteOutcome =
  {ok: true; id: string; syncToken: string; how: 'answered' | 'found'} | {ok: false; fault: QboFault}

/**
 * The batch requestid QBO sees (≤36 characters). It is derived from the members' ids and generations only,
 * so the same writes sent again, unanswered, carry the same requestid (and, in the same order, the same
 * bIds) and QBO replays instead of applying twice; after a definite answer a member's generation moves on,
 * and a resend is then a new request rather than a replay of that answer.
 */
export function batchRequestId(
  realmId: string,
  members: readonly {requestId: string; generation: number}[],
): string {
  return requestIdFor('batch', realmId, ...members.map((m) => `${m.requestId}#${m.generation}`))
}

/** bIds by position: the same batch always numbers its items the same way. */
export function bidAt(index: number): string {
  return `b${index + 1}`
}

/** A fault that is not QBO's: the write was not in QBO once it could no longer be in flight. */
export const NOT_LANDED = {
  code: 'NOT_LANDED',
  message: 'QBO did not apply this write (not found once it could no longer be in progress); sent again',
}
