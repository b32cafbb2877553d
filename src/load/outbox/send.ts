import {inTransaction} from '../../staging/index.js'
import {deliver, type RecordedItem} from './deliver.js'
import {batchRequestId, bidAt, type Write, type WriteOutcome} from './write.js'
import type {WriterDeps} from './writer.js'

/**
 * Writes up to 30 records in one batch request, exactly once: each write is recorded in the outbox (with the
 * exact request, how to look it up, and until when QBO may apply it) before the request leaves, and its
 * result is committed with the job's own records in one transaction when the answer arrives (deliver.ts).
 */
export async function sendWrites(
  deps: WriterDeps,
  writes: readonly Write[],
): Promise<Map<string, WriteOutcome>> {
  const {staging, port} = deps
  const members = writes.map((w) => ({
    requestId: w.requestId,
    generation: staging.outbox.get(w.requestId)?.generation ?? 0,
  }))
  const wireId = batchRequestId(port.realmId, members)
  const items: RecordedItem[] = writes.map((w, i) => ({
    requestId: w.requestId,
    entity: w.entity,
    sourceSystem: w.sourceSystem,
    sourceId: w.sourceId,
    bid: bidAt(i),
    item: {
      bId: bidAt(i),
      operation: w.operation,
      entity: w.entity,
      payload: w.payload,
      ...(w.optionsData ? {optionsData: w.optionsData} : {}),
    },
    probe: w.probe,
  }))
  inTransaction(staging.db, () => {
    staging.outbox.recordSent(
      writes.map((w, i) => ({
        requestId: w.requestId,
        runId: deps.runId,
        realmId: port.realmId,
        job: deps.job,
        entity: w.entity,
        sourceSystem: w.sourceSystem,
        sourceId: w.sourceId,
        operation: w.operation,
        payloadHash: w.payloadHash,
        batchId: wireId,
        bid: items[i]!.bid,
        probeJson: JSON.stringify(w.probe),
        payloadJson: JSON.stringify(items[i]!.item),
      })),
      new Date(deps.now() + port.inFlightWindowMs),
    )
  })
  return deliver(deps, {wireId, items})
}
