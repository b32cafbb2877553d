import {inTransaction} from '../../staging/index.js'
import type {OutboxEntry} from '../../staging/outbox.js'
import type {BatchWriteItem} from '../port.js'
import {deliver, type RecordedBatch, type RecordedItem, settleBatch, waitUntilSettled} from './deliver.js'
import {settleRecordedAction} from './action.js'
import {NOT_LANDED, type Probe} from './write.js'
import type {WriterDeps} from './writer.js'

/**
 * Resolves every write of this job to this realm whose outcome is unknown (the process died, or lost the
 * connection, between sending and committing the answer), before anything new is sent. Nothing is looked up
 * or sent again until QBO can no longer be applying it; then a found write is committed, and a batch none of
 * whose writes is in QBO is sent again exactly as it was (same requestid, bIds and bodies). Returns how many
 * writes it resolved.
 */
export async function settleInDoubt(deps: WriterDeps): Promise<number> {
  const rows = deps.staging.outbox.inDoubt(deps.port.realmId, deps.job)
  if (rows.length === 0) return 0
  await waitUntilSettled(deps, rows)
  // Actions QBO cannot batch (an email send) were sent one request each: settled one by one (action.ts).
  for (const row of rows.filter((r) => r.operation === 'send')) await settleRecordedAction(deps, row)
  for (const group of groupByBatch(rows.filter((r) => r.operation !== 'send'))) {
    const batch = recorded(group)
    if (!batch) {
      await settleUnrecorded(deps, group)
      continue
    }
    const settled = await settleBatch(deps, batch)
    if (!settled) {
      deps.report.resent += batch.items.length
      await deliver(deps, batch)
    }
  }
  return rows.length
}

function groupByBatch(rows: readonly OutboxEntry[]): OutboxEntry[][] {
  const groups = new Map<string, OutboxEntry[]>()
  for (const r of rows) {
    const key = r.batchId ?? `single:${r.requestId}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const bidNumber = (r: OutboxEntry) => Number((r.bid ?? '').replace(/\D/g, '')) || 0
  return [...groups.values()].map((g) => g.sort((a, b) => bidNumber(a) - bidNumber(b)))
}

/** The batch as it was sent, when the outbox holds all of it (rows written since schema 5 do). */
function recorded(group: readonly OutboxEntry[]): RecordedBatch | undefined {
  const first = group[0]
  if (!first?.batchId || group.some((r) => !r.payloadJson || !r.probeJson || !r.bid)) return undefined
  const items: RecordedItem[] = group.map((r) => ({
    requestId: r.requestId,
    entity: r.entity,
    sourceSystem: r.sourceSystem,
    sourceId: r.sourceId,
    bid: r.bid!,
    item: JSON.parse(r.payloadJson!) as BatchWriteItem,
    probe: JSON.parse(r.probeJson!) as Probe,
    inFlightUntil: r.inFlightUntil,
  }))
  return {wireId: first.batchId, items}
}

/**
 * Rows recorded before the outbox kept whole requests: they are looked up where they can be; those not
 * found get a definite "not landed" and are planned and sent again as new requests.
 */
async function settleUnrecorded(deps: WriterDeps, group: readonly OutboxEntry[]): Promise<void> {
  const probed = group.filter((r) => r.probeJson)
  const batch: RecordedBatch = {
    wireId: group[0]?.batchId ?? '',
    items: probed.map((r) => ({
      requestId: r.requestId,
      entity: r.entity,
      sourceSystem: r.sourceSystem,
      sourceId: r.sourceId,
      bid: r.bid ?? '',
      item: {bId: r.bid ?? '', operation: 'create', entity: r.entity, payload: {}},
      probe: JSON.parse(r.probeJson!) as Probe,
    })),
  }
  const settled = batch.items.length > 0 ? await settleBatch(deps, batch) : undefined
  inTransaction(deps.staging.db, () => {
    for (const r of group) {
      if (settled?.has(r.requestId)) continue
      if (!r.probeJson) {
        deps.logger.warn(
          `${r.entity} ${r.sourceId}: its answer was lost and it cannot be looked up in QBO; check QBO for it before the next load.`,
        )
      }
      deps.staging.outbox.fail(r.requestId, NOT_LANDED.message)
      deps.report.notLanded++
    }
  })
}
