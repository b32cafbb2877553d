import {contentHash, requestIdFor} from '../../domain/ids.js'
import {inBatches} from '../../domain/qbo-limits.js'
import type {InvoiceShipping} from '../../domain/shipstation.js'
import {
  changedMeanwhile,
  currentShipping,
  decide,
  invoiceFields,
  probeFields,
  shippingOf,
} from '../../mappers/shipstation/index.js'
import {inTransaction} from '../../staging/index.js'
import {MAX_BATCH_ITEMS} from '../../qbo/index.js'
import {sendWrites} from '../outbox/send.js'
import type {Probe, Write} from '../outbox/write.js'
import type {LandedWrite, WriterDeps} from '../outbox/writer.js'
import {JOB, orderKey, splitOrderKey, type SyncDeps} from './deps.js'
import type {OrderPlan} from './plan.js'
import type {SyncResult} from './result.js'

type WritePlan = Extract<OrderPlan, {kind: 'write'}>

/** One invoice update in hand: against which SyncToken, which fields, and their values as read. */
interface InvoiceWrite {
  plan: WritePlan
  invoiceId: string
  syncToken: string
  fields: InvoiceShipping
  read: InvoiceShipping
}

/** A stale SyncToken is re-read and retried this many times in one run before the order waits for the next. */
const ROUNDS = 3
/** Writes QBO refused this many runs running are parked with QBO's reason. */
const MAX_ATTEMPTS = 3

/**
 * The commit of a landed invoice update, inside the writer's transaction: the order is synced and its
 * invoice holds what was written (read back from the write's probe, so an answer found by a later run —
 * after a crash — is recorded the same way).
 */
export function onLanded(deps: Pick<SyncDeps, 'staging'>, realmId: string) {
  return (write: LandedWrite, landed: {id: string}): void => {
    const {storeId, orderNumber} = splitOrderKey(write.sourceId)
    const row = deps.staging.outbox.get(write.requestId)
    const probe = row?.probeJson ? (JSON.parse(row.probeJson) as Probe) : undefined
    const fields = probe?.kind === 'fields' ? shippingOf(probe.fields) : {}
    const order = deps.staging.shipstation.order(storeId, orderNumber)
    deps.staging.shipstation.updateOrder(storeId, orderNumber, {
      state: 'synced',
      realmId,
      invoiceId: landed.id,
      written: {...(order?.written ?? {}), ...fields},
      reason: null,
      attempts: 0,
    })
  }
}

function toWrite(realmId: string, w: InvoiceWrite): Write {
  const payload = {Id: w.invoiceId, SyncToken: w.syncToken, sparse: true, ...invoiceFields(w.fields)}
  const payloadHash = contentHash(payload)
  const sourceId = orderKey(w.plan.order.row.storeId, w.plan.order.row.orderNumber)
  return {
    requestId: requestIdFor(realmId, JOB, sourceId, payloadHash),
    entity: 'Invoice',
    sourceSystem: 'shipstation',
    sourceId,
    operation: 'update',
    payload,
    payloadHash,
    probe: {kind: 'fields', id: w.invoiceId, fields: probeFields(w.fields)},
  }
}

/**
 * Sends the invoice updates through the exactly-once writer, 30 to a batch. A stale SyncToken (5010) is
 * re-read: if someone changed the same fields meanwhile it is a conflict, otherwise the update goes again
 * with the new SyncToken (a new payload, so a new requestid). A deleted invoice sends the order back to
 * matching; other faults are reported and retried next run, and parked after three runs.
 */
export async function applyWrites(
  deps: SyncDeps,
  writer: WriterDeps,
  plans: readonly WritePlan[],
  result: SyncResult,
): Promise<void> {
  const realmId = writer.port.realmId
  const shipstation = deps.staging.shipstation
  let pending: InvoiceWrite[] = plans.map((plan) => ({
    plan,
    invoiceId: String(plan.invoice.Id),
    syncToken: String(plan.invoice.SyncToken ?? '0'),
    fields: plan.decision.fields,
    read: plan.decision.read,
  }))
  // The match and the values found already right are recorded before sending: the write's own result is
  // committed by the writer with its answer (onLanded).
  inTransaction(deps.staging.db, () => {
    for (const w of pending) {
      const row = w.plan.order.row
      const desired = w.plan.desired.kind === 'too-long' ? {} : w.plan.desired.fields
      const agreed = Object.fromEntries(Object.entries(desired).filter(([k]) => !(k in w.fields)))
      shipstation.updateOrder(row.storeId, row.orderNumber, {
        realmId,
        invoiceId: w.invoiceId,
        docNumber: typeof w.plan.invoice.DocNumber === 'string' ? w.plan.invoice.DocNumber : null,
        written: {...(row.written ?? {}), ...agreed},
      })
    }
  })
  for (let round = 1; pending.length > 0; round++) {
    const again: InvoiceWrite[] = []
    for (const batch of inBatches(pending, MAX_BATCH_ITEMS)) {
      const writes = batch.map((w) => toWrite(realmId, w))
      deps.onProgress?.(`Writing tracking to ${writes.length} QBO invoices`)
      const outcomes = await sendWrites(writer, writes)
      for (const [j, w] of batch.entries()) {
        const outcome = outcomes.get(writes[j]!.requestId)
        const ref = {store: w.plan.order.row.storeId, order: w.plan.order.row.orderNumber}
        if (outcome?.ok) {
          result.counts.updated++
          result.updated.push({
            ...ref,
            invoiceId: w.invoiceId,
            docNumber: typeof w.plan.invoice.DocNumber === 'string' ? w.plan.invoice.DocNumber : null,
            fields: w.fields,
            ...(w.plan.desired.kind === 'set' && w.plan.desired.omitted.length > 0
              ? {omitted: w.plan.desired.omitted}
              : {}),
          })
          continue
        }
        const fault = outcome
          ? outcome.fault
          : {code: 'NO_OUTCOME', message: 'the writer returned no outcome'}
        if (fault.code === '5010' && round < ROUNDS) {
          const next = await afterStale(deps, w, result)
          if (next) again.push(next)
          continue
        }
        if (fault.code === '610') {
          shipstation.updateOrder(ref.store, ref.order, {
            state: 'pending',
            invoiceId: null,
            docNumber: null,
            written: null,
            reason: `invoice ${w.invoiceId} is gone from QBO`,
          })
          result.errors.push({
            ...ref,
            invoiceId: w.invoiceId,
            code: fault.code,
            message: `invoice ${w.invoiceId} is gone from QBO; matched again next run`,
          })
          result.counts.errors++
          continue
        }
        failed(deps, w, fault, result)
      }
    }
    pending = again
  }
}

/** After a 5010: re-read, then a conflict, nothing to do, or the same update against the new SyncToken. */
async function afterStale(
  deps: SyncDeps,
  w: InvoiceWrite,
  result: SyncResult,
): Promise<InvoiceWrite | undefined> {
  const row = w.plan.order.row
  const ref = {store: row.storeId, order: row.orderNumber}
  const fresh = await deps.port.readRecord('Invoice', w.invoiceId)
  if (!fresh) {
    deps.staging.shipstation.updateOrder(row.storeId, row.orderNumber, {
      state: 'pending',
      invoiceId: null,
      written: null,
      reason: 'invoice deleted',
    })
    result.errors.push({
      ...ref,
      invoiceId: w.invoiceId,
      code: '610',
      message: `invoice ${w.invoiceId} was deleted while the sync wrote it`,
    })
    result.counts.errors++
    return undefined
  }
  const changed = changedMeanwhile(w.read, w.fields, fresh)
  const now = currentShipping(fresh)
  const current = deps.staging.shipstation.order(row.storeId, row.orderNumber)
  const decision =
    changed.length > 0
      ? undefined
      : decide({desired: w.plan.desired, invoice: fresh, written: current?.written ?? null})
  if (!decision || decision.kind === 'conflict') {
    const reason = decision?.reason ?? `${changed.join(', ')} changed in QBO while the sync was writing`
    deps.staging.shipstation.updateOrder(row.storeId, row.orderNumber, {state: 'conflict', reason})
    result.conflicts.push({
      ...ref,
      invoiceId: w.invoiceId,
      fields: decision?.fields ?? changed,
      ours: w.fields,
      theirs: Object.fromEntries(
        Object.keys(w.fields).map((k) => [k, now[k as keyof InvoiceShipping] ?? '']),
      ),
      reason,
    })
    result.counts.conflicts++
    return undefined
  }
  if (decision.kind === 'unchanged') {
    deps.staging.shipstation.updateOrder(row.storeId, row.orderNumber, {
      state: 'synced',
      written: {...(current?.written ?? {}), ...decision.current},
      reason: null,
    })
    result.counts.unchanged++
    return undefined
  }
  if (decision.kind === 'invalid') return undefined
  return {...w, syncToken: String(fresh.SyncToken ?? ''), fields: decision.fields, read: decision.read}
}

function failed(
  deps: SyncDeps,
  w: InvoiceWrite,
  fault: {code: string; message: string},
  result: SyncResult,
): void {
  const row = w.plan.order.row
  const ref = {store: row.storeId, order: row.orderNumber}
  const attempts = (deps.staging.shipstation.order(row.storeId, row.orderNumber)?.attempts ?? 0) + 1
  const reason = `QBO refused the update of invoice ${w.invoiceId}: ${fault.code} ${fault.message}`
  const park = attempts >= MAX_ATTEMPTS
  deps.staging.shipstation.updateOrder(row.storeId, row.orderNumber, {
    state: park ? 'parked' : 'failed',
    attempts,
    reason,
  })
  result.errors.push({...ref, invoiceId: w.invoiceId, code: fault.code, message: fault.message})
  result.counts.errors++
  if (park) {
    result.parked.push({...ref, reason: `${reason} (${attempts} runs)`})
    result.counts.parked++
  }
}
