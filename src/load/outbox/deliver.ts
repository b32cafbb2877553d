import {RetryableError} from '../../domain/errors.js'
import {inTransaction} from '../../staging/index.js'
import {type BatchItemOutcome, type BatchWriteItem, WriteOutcomeUnknown} from '../port.js'
import {type ProbeResult, probeWrite} from './probe.js'
import {NOT_LANDED, type Probe, type WriteOutcome} from './write.js'
import type {LandedWrite, WriterDeps} from './writer.js'

/** One item of a recorded batch: everything needed to send it again exactly as it was sent. */
export interface RecordedItem {
  requestId: string
  entity: string
  sourceSystem: string
  sourceId: string
  bid: string
  item: BatchWriteItem
  probe: Probe
  /** ISO time after which QBO can no longer be applying it; absent on rows recorded before schema 5. */
  inFlightUntil?: string | null
}

export interface RecordedBatch {
  /** The batch requestid QBO sees. */
  wireId: string
  items: RecordedItem[]
}

function landedWrite(i: RecordedItem): LandedWrite {
  return {
    requestId: i.requestId,
    entity: i.entity,
    sourceSystem: i.sourceSystem,
    sourceId: i.sourceId,
    operation: i.item.operation,
    payload: i.item.payload,
  }
}

/** How many times an unanswered batch that QBO turned out not to hold is sent again in one run. */
const MAX_ROUNDS = 3

/**
 * Sends a batch the outbox already records as sent, and commits what QBO answers. When the answer is lost,
 * nothing is sent again until the request can no longer be in flight; then each write is looked for in QBO.
 * Found writes are committed; if none landed, the same request (same requestid, bIds and bodies) goes again,
 * so QBO replays rather than applies it should our look-up have missed it; if some landed, the others get a
 * definite "not landed" and the caller sends them as new requests.
 */
export async function deliver(deps: WriterDeps, batch: RecordedBatch): Promise<Map<string, WriteOutcome>> {
  const ids = batch.items.map((i) => i.requestId)
  for (let round = 1; ; round++) {
    let answers: BatchItemOutcome[]
    try {
      answers = await deps.port.writeBatch(
        batch.wireId,
        batch.items.map((i) => i.item),
        () => deps.staging.outbox.extendInFlight(ids, new Date(deps.now() + deps.port.inFlightWindowMs)),
      )
    } catch (error) {
      if (!(error instanceof WriteOutcomeUnknown)) {
        // QBO did not apply it (refused authorization, a whole-request fault, a connection never made).
        inTransaction(deps.staging.db, () => {
          for (const id of ids) deps.staging.outbox.fail(id, `not sent: ${(error as Error).message}`)
        })
        throw error
      }
      const settled = await settleBatch(deps, batch)
      if (settled) return settled
      if (round >= MAX_ROUNDS) {
        throw new RetryableError(
          `QuickBooks Online did not answer ${batch.items.length} writes (${round} tries; none of them was applied).`,
          {
            next: 'Run `qbo migrate load --resume` later: it waits until they cannot be in progress, looks for them and never writes one twice.',
            cause: error,
          },
        )
      }
      deps.report.resent += batch.items.length
      deps.logger.info(
        `None of ${batch.items.length} unanswered writes is in QBO; sending the same request again (QBO replays it if it did apply it).`,
      )
      continue
    }
    return commitAnswers(deps, batch, answers)
  }
}

function commitAnswers(
  deps: WriterDeps,
  batch: RecordedBatch,
  answers: readonly BatchItemOutcome[],
): Map<string, WriteOutcome> {
  const byBid = new Map(answers.map((a) => [a.bId, a]))
  const outcomes = new Map<string, WriteOutcome>()
  inTransaction(deps.staging.db, () => {
    for (const i of batch.items) {
      const answer = byBid.get(i.bid)
      if (answer?.ok) {
        deps.onLanded(landedWrite(i), answer)
        deps.staging.outbox.succeed(i.requestId)
        outcomes.set(i.requestId, {ok: true, id: answer.id, syncToken: answer.syncToken, how: 'answered'})
        continue
      }
      const fault = answer
        ? answer.fault
        : {code: 'NO_RESPONSE', message: 'QBO answered the batch without a result for this item'}
      deps.staging.outbox.fail(i.requestId, `${fault.code} ${fault.message}`)
      outcomes.set(i.requestId, {ok: false, fault})
    }
  })
  return outcomes
}

/**
 * Waits until none of the batch can still be in flight, then looks each write up. Returns undefined when
 * none landed (the caller may send the same request again); otherwise commits what landed, gives the rest
 * a definite "not landed", and returns every outcome.
 */
export async function settleBatch(
  deps: WriterDeps,
  batch: RecordedBatch,
): Promise<Map<string, WriteOutcome> | undefined> {
  await waitUntilSettled(deps, batch.items)
  const probes: {i: RecordedItem; result: ProbeResult}[] = []
  for (const i of batch.items) probes.push({i, result: await probeWrite(deps.port, i.entity, i.probe)})
  if (probes.every((p) => !p.result.landed)) return undefined
  const outcomes = new Map<string, WriteOutcome>()
  inTransaction(deps.staging.db, () => {
    for (const {i, result} of probes) {
      if (result.landed) {
        deps.onLanded(landedWrite(i), result.record)
        deps.staging.outbox.succeed(
          i.requestId,
          'answer lost; found in QBO once it could no longer be in progress',
        )
        deps.report.found++
        if (result.duplicates.length > 0) {
          deps.report.duplicates.push({
            entity: i.entity,
            sourceId: i.sourceId,
            qboIds: [result.record.id, ...result.duplicates],
          })
        }
        outcomes.set(i.requestId, {ok: true, ...result.record, how: 'found'})
      } else {
        deps.staging.outbox.fail(i.requestId, NOT_LANDED.message)
        deps.report.notLanded++
        outcomes.set(i.requestId, {ok: false, fault: NOT_LANDED})
      }
    }
  })
  return outcomes
}

/** Sleeps until the latest in-flight deadline of these writes has passed, reporting progress meanwhile. */
export async function waitUntilSettled(
  deps: WriterDeps,
  items: readonly {inFlightUntil?: string | null; requestId: string}[],
): Promise<void> {
  const untilMs = Math.max(
    ...items.map((i) => {
      // Read again: the send hook moves the deadline each time the request leaves.
      const row = deps.staging.outbox.get(i.requestId)
      const at = row?.inFlightUntil ?? i.inFlightUntil
      // A row written before deadlines were recorded: wait a whole window from now, to be safe.
      return at ? Date.parse(at) : deps.now() + deps.port.inFlightWindowMs
    }),
  )
  const start = deps.now()
  if (untilMs <= start) return
  deps.logger.info(
    `${items.length} writes were sent without an answer; QBO may still apply them until ${new Date(untilMs).toISOString()}. ` +
      'Waiting until then before looking for them, so that none is written twice.',
  )
  for (let now = start; now < untilMs; now = deps.now()) {
    deps.onWait?.({writes: items.length, untilMs, nowMs: now})
    await deps.sleep(Math.min(1000, untilMs - now))
  }
  deps.report.waitedMs += deps.now() - start
}
