import type {InvoiceShipping} from '../../domain/shipstation.js'
import {
  type Decision,
  type DesiredShipping,
  decide,
  desiredShipping,
  type Pick as InvoicePick,
} from '../../mappers/shipstation/index.js'
import type {OrderRow} from '../../staging/shipstation.js'
import {DAY_MS, DEFAULTS, orderKey, type SyncOptions} from './deps.js'
import type {LookupOrder} from './lookup.js'

type InvoiceRow = Record<string, unknown>

/** What one open order comes to in this run. */
export type OrderPlan =
  | {
      kind: 'write'
      order: LookupOrder
      invoice: InvoiceRow
      decision: Extract<Decision, {kind: 'write'}>
      desired: DesiredShipping
    }
  | {kind: 'unchanged'; order: LookupOrder; invoice: InvoiceRow; current: InvoiceShipping}
  | {
      kind: 'conflict'
      order: LookupOrder
      invoice: InvoiceRow
      decision: Extract<Decision, {kind: 'conflict'}>
    }
  /** Nothing the sync can write: e.g. a tracking number longer than the field. Parked at once. */
  | {kind: 'invalid'; order: LookupOrder; invoice?: InvoiceRow; reason: string}
  | {kind: 'unmatched'; order: LookupOrder; reason: string; retryUntil: string}
  | {kind: 'park'; order: LookupOrder; reason: string}
  /** Every label voided and nothing ever written: nothing to do. */
  | {kind: 'done'; order: LookupOrder}

/**
 * Pure: each open order, its labels and its invoice (or why none was found) → what to do. An order
 * without an invoice is retried until `retryDays` after it was first seen, then parked with the reason.
 */
export function planOrders(
  orders: readonly LookupOrder[],
  labelsOf: (o: OrderRow) => Parameters<typeof desiredShipping>[0],
  picks: ReadonlyMap<string, InvoicePick>,
  nowMs: number,
  options: Pick<SyncOptions, 'retryDays' | 'trackingMax' | 'overwriteConflicts'>,
): OrderPlan[] {
  const retryMs = (options.retryDays ?? DEFAULTS.retryDays) * DAY_MS
  return orders.map((order): OrderPlan => {
    const desired = desiredShipping(labelsOf(order.row), options.trackingMax ?? DEFAULTS.trackingMax)
    if (desired.kind === 'clear' && order.row.written === null) return {kind: 'done', order}
    const pick = picks.get(orderKey(order.row.storeId, order.row.orderNumber))
    if (pick?.kind !== 'found') {
      const reason = pick?.reason ?? 'not looked up'
      const until = Date.parse(order.row.firstSeenAt) + retryMs
      if (nowMs >= until)
        return {
          kind: 'park',
          order,
          reason: `${reason}; retried for ${options.retryDays ?? DEFAULTS.retryDays} days`,
        }
      return {kind: 'unmatched', order, reason, retryUntil: new Date(until).toISOString()}
    }
    const invoice = pick.invoice
    const decision = decide({
      desired,
      invoice,
      written: order.row.written,
      overwrite: options.overwriteConflicts ?? false,
    })
    switch (decision.kind) {
      case 'write':
        return {kind: 'write', order, invoice, decision, desired}
      case 'unchanged':
        return {kind: 'unchanged', order, invoice, current: decision.current}
      case 'conflict':
        return {kind: 'conflict', order, invoice, decision}
      case 'invalid':
        return {kind: 'invalid', order, invoice, reason: decision.reason}
    }
  })
}
