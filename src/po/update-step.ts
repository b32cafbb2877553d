import {contentHash, requestIdFor} from '../domain/ids.js'
import {sendWrites} from '../load/outbox/send.js'
import type {Write, WriteOutcome} from '../load/outbox/write.js'
import type {WriterDeps} from '../load/outbox/writer.js'
import {planPoChange, type Po, type PoStorage, type PoWant, shipDateConflict} from '../mappers/po/fields.js'
import type {PoBatchItem} from '../staging/po-batches.js'
import {readPurchaseOrders} from './selection.js'
import type {PoDeps} from './types.js'

const BATCH = 30
const MAX_ROUNDS = 4

/** The outbox's source id of a batch item: one per purchase order per batch. */
export function itemSourceId(batchId: string, poId: string): string {
  return `${batchId}/${poId}`
}

export function parseItemSourceId(sourceId: string): {batchId: string; poId: string} {
  const at = sourceId.lastIndexOf('/')
  return {batchId: sourceId.slice(0, at), poId: sourceId.slice(at + 1)}
}

interface Pending {
  item: PoBatchItem
  /** The record as the batch read it first (the basis of the conflict check). */
  read: Po
  current: Po
  full: boolean
}

/**
 * Sets the tag and ship date of every purchase order still to update, 30 to a batch request, through the
 * exactly-once writer. Sparse updates with the SyncToken just read; a stale-object answer (5010) re-reads and
 * writes again unless someone else changed the ship date meanwhile (a conflict, reported, not overwritten);
 * any other refusal of a sparse update is tried once as a full update from a fresh read that keeps every
 * other field, and once that works every later purchase order is updated that way (integrations.md §3.2).
 */
export async function runUpdates(
  deps: PoDeps,
  writer: WriterDeps,
  batchId: string,
  want: PoWant,
  storage: PoStorage,
  options: {fullUpdate: boolean},
): Promise<void> {
  const {staging, client, logger} = deps
  const todo = staging.poBatches
    .items(batchId)
    .filter((i) => i.updateState === 'todo' || i.updateState === 'failed')
  if (todo.length === 0) return
  const records = await readPurchaseOrders(
    client,
    todo.map((i) => i.poId),
  )
  let useFull = options.fullUpdate
  let pending: Pending[] = []
  for (const item of todo) {
    const po = records.get(item.poId)
    if (!po) {
      staging.poBatches.setUpdate(batchId, item.poId, 'failed', 'the purchase order is no longer in QBO')
      continue
    }
    pending.push({item, read: po, current: po, full: useFull})
  }
  let done = 0
  for (let round = 1; pending.length > 0 && round <= MAX_ROUNDS; round++) {
    const retry: Pending[] = []
    const writes: {p: Pending; write: Write}[] = []
    for (const p of pending) {
      const change = planPoChange(p.current, want, storage)
      if (change.kind === 'unchanged') {
        staging.poBatches.setUpdate(batchId, p.item.poId, 'unchanged')
        continue
      }
      if (change.kind === 'refused') {
        staging.poBatches.setUpdate(batchId, p.item.poId, 'failed', change.reason)
        continue
      }
      writes.push({p, write: updateWrite(client.realmId, batchId, p, change.fields, p.full || useFull)})
    }
    for (let i = 0; i < writes.length; i += BATCH) {
      const chunk = writes.slice(i, i + BATCH)
      const outcomes = await sendWrites(
        writer,
        chunk.map((c) => c.write),
      )
      for (const {p, write} of chunk) {
        const outcome = outcomes.get(write.requestId)
        const next = await afterOutcome(deps, batchId, p, write, outcome, want, storage)
        if (next === 'full-worked') useFull = true
        if (typeof next === 'object') retry.push(next)
      }
      done += chunk.length
      deps.onProgress?.({step: 'update', done, total: writes.length})
    }
    pending = retry
  }
  for (const p of pending)
    staging.poBatches.setUpdate(batchId, p.item.poId, 'failed', 'still refused after several tries')
  if (useFull && !options.fullUpdate)
    logger.warn(
      'QBO refused sparse updates of purchase orders; they were updated in full from a fresh read instead.',
    )
}

function updateWrite(
  realmId: string,
  batchId: string,
  p: Pending,
  fields: Record<string, unknown>,
  full: boolean,
): Write {
  const payload: Record<string, unknown> = full
    ? {...p.current, ...fields, sparse: false}
    : {Id: p.item.poId, SyncToken: String(p.current.SyncToken ?? ''), sparse: true, ...fields}
  delete payload.MetaData
  const payloadHash = contentHash(payload)
  return {
    requestId: requestIdFor(realmId, 'po', itemSourceId(batchId, p.item.poId), 'update', payloadHash),
    entity: 'PurchaseOrder',
    sourceSystem: 'po',
    sourceId: itemSourceId(batchId, p.item.poId),
    operation: 'update',
    payload,
    payloadHash,
    probe: {kind: 'fields', id: p.item.poId, fields},
  }
}

/** What to do after one update's outcome: done (recorded by onLanded), retry with a fresh record, or give up. */
async function afterOutcome(
  deps: PoDeps,
  batchId: string,
  p: Pending,
  write: Write,
  outcome: WriteOutcome | undefined,
  want: PoWant,
  storage: PoStorage,
): Promise<'done' | 'full-worked' | 'failed' | Pending> {
  const {staging, client} = deps
  if (outcome?.ok) return p.full ? 'full-worked' : 'done'
  const fault = outcome && !outcome.ok ? outcome.fault : {code: 'NO_ANSWER', message: 'no outcome'}
  if (fault.code === 'NOT_LANDED') return p
  const fresh = await client.read('PurchaseOrder', p.item.poId)
  if (fault.code === '5010') {
    if (shipDateConflict(p.read, fresh, want, storage)) {
      staging.poBatches.setUpdate(
        batchId,
        p.item.poId,
        'conflict',
        `someone changed the ship date in QBO since the batch read it (now ${String(fresh.DueDate ?? '')}); not overwritten`,
      )
      return 'failed'
    }
    return {...p, current: fresh}
  }
  if (!p.full && write.payload.sparse === true) {
    deps.logger.debug(
      `Sparse update of PurchaseOrder ${p.item.poId} refused (${fault.code}); trying a full update.`,
    )
    return {...p, current: fresh, full: true}
  }
  staging.poBatches.setUpdate(batchId, p.item.poId, 'failed', `QBO fault ${fault.code}: ${fault.message}`)
  return 'failed'
}
