import {RetryableError} from '../../domain/errors.js'
import {contentHash, requestIdFor} from '../../domain/ids.js'
import {inTransaction} from '../../staging/index.js'
import type {OutboxEntry} from '../../staging/outbox.js'
import {type QboFault, WriteOutcomeUnknown} from '../port.js'
import {waitUntilSettled} from './deliver.js'
import type {LandedWrite, WriterDeps} from './writer.js'

/**
 * The single-request path of the exactly-once writer, for actions QBO cannot batch: emailing a document
 * (`POST /{entity}/{id}/send`). Same rules as a batch (docs/exactly-once.md): the intent is an outbox row
 * committed before the request leaves; the answer is committed with the job's own record; an answer that
 * never came is waited out, then the document is read and its EmailStatus and DeliveryInfo compared with
 * what they were just before the send. Found sent: committed, never sent again. Plainly not sent: the same
 * request (same requestid) goes again. Cannot tell: parked as undecided until the operator says which.
 */

/** What the document showed just before the send; the probe compares the document with it afterwards. */
export interface SentBefore {
  emailStatus: string | null
  deliveryTime: string | null
}

export interface SentProbe {
  kind: 'sent'
  id: string
  before: SentBefore
}

export interface SendAction {
  /** The action's own deterministic id (domain/ids requestIdFor): one per document per job step. */
  requestId: string
  entity: string
  sourceSystem: string
  sourceId: string
  /** The document's QBO id. */
  id: string
  sendTo?: string
  before: SentBefore
}

export type ActionOutcome =
  | {ok: true; id: string; syncToken: string; how: 'answered' | 'found' | 'confirmed'}
  | {ok: false; fault: QboFault}
  | {ok: false; undecided: string}

interface RecordedAction {
  requestId: string
  wireId: string
  entity: string
  sourceSystem: string
  sourceId: string
  id: string
  sendTo?: string
  probe: SentProbe
  inFlightUntil?: string | null
}

/** How many times a send found not to have landed is sent again in one run. */
const MAX_ROUNDS = 3

/** The requestid QBO sees: a new one only after a definite answer that the last one did not land. */
function wireIdOf(requestId: string, generation: number): string {
  return generation === 0 ? requestId : requestIdFor('action', requestId, String(generation))
}

function landedWrite(a: RecordedAction): LandedWrite {
  return {
    requestId: a.requestId,
    entity: a.entity,
    sourceSystem: a.sourceSystem,
    sourceId: a.sourceId,
    operation: 'send',
    payload: {},
  }
}

/** Emails one document exactly once. The caller settles earlier runs first (settleInDoubt). */
export async function sendAction(deps: WriterDeps, action: SendAction): Promise<ActionOutcome> {
  const row = deps.staging.outbox.get(action.requestId)
  if (row?.state === 'succeeded') return {ok: true, id: action.id, syncToken: '', how: 'answered'}
  if (row && row.state !== 'failed') {
    throw new Error(`BUG: send ${action.requestId} is still in doubt; settle it before sending again`)
  }
  const rec: RecordedAction = {
    requestId: action.requestId,
    wireId: wireIdOf(action.requestId, row?.generation ?? 0),
    entity: action.entity,
    sourceSystem: action.sourceSystem,
    sourceId: action.sourceId,
    id: action.id,
    ...(action.sendTo ? {sendTo: action.sendTo} : {}),
    probe: {kind: 'sent', id: action.id, before: action.before},
  }
  const payload = {
    action: 'send',
    entity: rec.entity,
    id: rec.id,
    sendTo: rec.sendTo ?? null,
    wireId: rec.wireId,
  }
  inTransaction(deps.staging.db, () => {
    deps.staging.outbox.recordSent(
      [
        {
          requestId: rec.requestId,
          runId: deps.runId,
          realmId: deps.port.realmId,
          job: deps.job,
          entity: rec.entity,
          sourceSystem: rec.sourceSystem,
          sourceId: rec.sourceId,
          operation: 'send',
          payloadHash: contentHash({entity: rec.entity, id: rec.id, sendTo: rec.sendTo ?? null}),
          batchId: null,
          bid: null,
          probeJson: JSON.stringify(rec.probe),
          payloadJson: JSON.stringify(payload),
        },
      ],
      new Date(deps.now() + deps.port.inFlightWindowMs),
    )
  })
  return deliverAction(deps, rec)
}

async function deliverAction(deps: WriterDeps, rec: RecordedAction, checked = false): Promise<ActionOutcome> {
  const send = deps.port.sendDocument
  if (!send) throw new Error('BUG: this QBO port cannot send documents')
  for (let round = 1; ; round++) {
    let answer
    try {
      answer = await send.call(deps.port, rec.entity, rec.id, rec.sendTo, rec.wireId, () =>
        deps.staging.outbox.extendInFlight(
          [rec.requestId],
          new Date(deps.now() + deps.port.inFlightWindowMs),
        ),
      )
    } catch (error) {
      if (!(error instanceof WriteOutcomeUnknown)) {
        // Refused before QBO could act on it (throttled throughout, not authorized, never connected).
        deps.staging.outbox.fail(rec.requestId, `not sent: ${(error as Error).message}`)
        throw error
      }
      const settled = await settleAction(deps, rec)
      if (settled) return settled
      if (round >= MAX_ROUNDS) {
        throw new RetryableError(
          `QuickBooks Online did not answer the email of ${rec.entity} ${rec.id} (${round} tries; it was not sent).`,
          {
            next: 'Run the same command with --resume later: it looks the email up first and never sends it twice.',
          },
        )
      }
      deps.report.resent++
      checked = true
      continue
    }
    if (!answer.ok) {
      deps.staging.outbox.fail(rec.requestId, `${answer.fault.code} ${answer.fault.message}`)
      return {ok: false, fault: answer.fault}
    }
    const landed = {id: rec.id, syncToken: String(answer.record.SyncToken ?? '')}
    inTransaction(deps.staging.db, () => {
      deps.onLanded(landedWrite(rec), landed)
      deps.staging.outbox.succeed(
        rec.requestId,
        checked ? 'sent again after QBO showed the earlier attempt had not been sent' : undefined,
      )
    })
    return {ok: true, ...landed, how: 'answered'}
  }
}

/**
 * Once the send can no longer be in flight, reads the document: sent → committed as sent; undecided →
 * parked; plainly not sent → undefined (the caller sends the same request again).
 */
async function settleAction(deps: WriterDeps, rec: RecordedAction): Promise<ActionOutcome | undefined> {
  await waitUntilSettled(deps, [rec])
  const record = await deps.port.readRecord(rec.entity, rec.id)
  const verdict = judgeSent(record, rec.probe)
  if (verdict.kind === 'not-sent') return undefined
  if (verdict.kind === 'undecided') {
    inTransaction(deps.staging.db, () => {
      deps.staging.outbox.markUnknown(rec.requestId, verdict.reason)
      deps.onUndecided?.(landedWrite(rec), verdict.reason)
    })
    return {ok: false, undecided: verdict.reason}
  }
  const landed = {id: rec.id, syncToken: String(record?.SyncToken ?? '')}
  inTransaction(deps.staging.db, () => {
    deps.onLanded(landedWrite(rec), landed)
    deps.staging.outbox.succeed(
      rec.requestId,
      'answer lost; found sent in QBO once it could no longer be in progress',
    )
  })
  deps.report.found++
  return {ok: true, ...landed, how: 'found'}
}

export type SentVerdict = {kind: 'sent'} | {kind: 'not-sent'} | {kind: 'undecided'; reason: string}

/**
 * Whether a send landed, from the document as QBO holds it now and as it was just before the send. A
 * DeliveryInfo time other than the one seen before, or EmailStatus turned EmailSent, is a send. EmailStatus
 * not EmailSent is no send. EmailSent both before and after with no new DeliveryInfo (QBO may not return
 * DeliveryInfo on every document, UNCONFIRMED for PurchaseOrder) cannot be told apart: undecided.
 */
export function judgeSent(record: Record<string, unknown> | undefined, probe: SentProbe): SentVerdict {
  if (!record) return {kind: 'not-sent'}
  const status = typeof record.EmailStatus === 'string' ? record.EmailStatus : null
  const info = record.DeliveryInfo as {DeliveryTime?: unknown} | undefined
  const time = typeof info?.DeliveryTime === 'string' ? info.DeliveryTime : null
  if (time && time !== probe.before.deliveryTime) return {kind: 'sent'}
  if (status === 'EmailSent' && probe.before.emailStatus !== 'EmailSent') return {kind: 'sent'}
  if (status !== 'EmailSent') return {kind: 'not-sent'}
  return {
    kind: 'undecided',
    reason:
      'QBO shows the document as emailed both before and after the send, without a newer DeliveryInfo: ' +
      'whether this send went cannot be told from QBO',
  }
}

/** The recorded send of an outbox row, as it was sent (for settling it in a later run). */
function recordedAction(row: OutboxEntry): RecordedAction | undefined {
  if (!row.payloadJson || !row.probeJson) return undefined
  const p = JSON.parse(row.payloadJson) as {entity: string; id: string; sendTo: string | null; wireId: string}
  return {
    requestId: row.requestId,
    wireId: p.wireId,
    entity: p.entity,
    sourceSystem: row.sourceSystem,
    sourceId: row.sourceId,
    id: p.id,
    ...(p.sendTo ? {sendTo: p.sendTo} : {}),
    probe: JSON.parse(row.probeJson) as SentProbe,
    inFlightUntil: row.inFlightUntil,
  }
}

/**
 * Settles a send an earlier run left without an answer (or left undecided): looked up once it cannot be in
 * flight; found → committed; plainly not sent → the same request again; still undecided → stays parked.
 */
export async function settleRecordedAction(deps: WriterDeps, row: OutboxEntry): Promise<ActionOutcome> {
  const rec = recordedAction(row)
  if (!rec) {
    deps.staging.outbox.markUnknown(row.requestId, 'the recorded send is incomplete; check QBO by hand')
    return {ok: false, undecided: 'the recorded send is incomplete; check QBO by hand'}
  }
  const settled = await settleAction(deps, rec)
  if (settled) return settled
  deps.report.resent++
  return deliverAction(deps, rec, true)
}

/**
 * The operator's word on an undecided send: 'sent' commits it as sent; 'not-sent' gives it a definite
 * "not landed", so the job sends it again as a new request. Only an undecided send can be resolved.
 */
export function resolveUndecided(deps: WriterDeps, requestId: string, verdict: 'sent' | 'not-sent'): boolean {
  const row = deps.staging.outbox.get(requestId)
  if (!row || row.state !== 'unknown' || row.operation !== 'send') return false
  const rec = recordedAction(row)
  inTransaction(deps.staging.db, () => {
    if (verdict === 'sent') {
      if (rec) deps.onLanded(landedWrite(rec), {id: rec.id, syncToken: ''})
      deps.staging.outbox.succeed(requestId, 'confirmed sent by the operator')
    } else {
      deps.staging.outbox.fail(requestId, 'confirmed not sent by the operator')
    }
  })
  return true
}
