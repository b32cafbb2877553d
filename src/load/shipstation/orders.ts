import type {ShipmentRecord} from '../../domain/shipstation.js'
import type {Pick as InvoicePick} from '../../mappers/shipstation/index.js'
import type {OrderRow, OrderState, StoreMapping} from '../../staging/shipstation.js'
import {orderKey, splitOrderKey, type SyncDeps, type SyncOptions} from './deps.js'
import type {LookupOrder} from './lookup.js'

// Which orders a run looks at, with which labels.

/** An order's labels: as recorded, with what a dry run read on top (it records nothing). */
export function labelsWith(d: SyncDeps, overlay: ReadonlyMap<string, ShipmentRecord>) {
  return (row: OrderRow): ShipmentRecord[] => {
    const byId = new Map(
      d.staging.shipstation.orderShipments(row.storeId, row.orderNumber).map((s) => [s.shipmentId, s]),
    )
    for (const s of overlay.values()) {
      if (s.storeId !== row.storeId) continue
      if (s.orderNumber === row.orderNumber) byId.set(s.shipmentId, s)
      else byId.delete(s.shipmentId)
    }
    return [...byId.values()]
  }
}

/** Orders to look at: those waiting (pending, unmatched, conflict, failed; parked on request) and, in a dry run, those just read. */
export function openOrders(
  d: SyncDeps,
  stores: readonly StoreMapping[],
  touched: ReadonlySet<string>,
  options: SyncOptions,
  dryRun: boolean,
  nowMs: number,
): OrderRow[] {
  const states: OrderState[] = [
    'pending',
    'unmatched',
    'conflict',
    'failed',
    ...(options.retryParked ? (['parked'] as const) : []),
  ]
  const ids = stores.map((s) => s.storeId)
  const rows = d.staging.shipstation.ordersIn(ids, states)
  if (!dryRun) return rows
  const have = new Set(rows.map((r) => orderKey(r.storeId, r.orderNumber)))
  for (const key of touched) {
    if (have.has(key)) continue
    const {storeId, orderNumber} = splitOrderKey(key)
    const existing = d.staging.shipstation.order(storeId, orderNumber)
    if (existing?.state === 'parked' && !options.retryParked) continue
    rows.push(
      existing
        ? {...existing, state: 'pending'}
        : {
            storeId,
            orderNumber,
            state: 'pending',
            realmId: null,
            invoiceId: null,
            docNumber: null,
            written: null,
            reason: null,
            attempts: 0,
            firstSeenAt: new Date(nowMs).toISOString(),
            updatedAt: new Date(nowMs).toISOString(),
          },
    )
  }
  return rows
}

export function lookupOrder(
  row: OrderRow,
  stores: readonly StoreMapping[],
  labelsOf: (r: OrderRow) => ShipmentRecord[],
): LookupOrder {
  const labels = labelsOf(row).sort((a, b) => Number(a.shipmentId) - Number(b.shipmentId))
  const newest = labels[labels.length - 1]
  const dates = labels
    .map((l) => l.shipDate)
    .filter((x): x is string => !!x)
    .sort()
  return {
    row,
    mapping: stores.find((s) => s.storeId === row.storeId)!,
    keys: {
      storeId: row.storeId,
      orderNumber: row.orderNumber,
      orderKey:
        labels
          .map((l) => l.orderKey)
          .filter(Boolean)
          .pop() ?? null,
      orderId: newest?.orderId ?? null,
    },
    firstShipDate: dates[0] ?? null,
  }
}

/**
 * What the sync wrote to an invoice says nothing about another one: an order whose invoice is now a
 * different record (the first was deleted and made again, or a mapping changed) starts afresh with it.
 */
export function forgetOtherInvoices(
  orders: readonly LookupOrder[],
  picks: ReadonlyMap<string, InvoicePick>,
  realmId: string,
): void {
  for (const o of orders) {
    const pick = picks.get(orderKey(o.row.storeId, o.row.orderNumber))
    if (pick?.kind !== 'found' || !o.row.invoiceId) continue
    if (o.row.invoiceId !== String(pick.invoice.Id) || o.row.realmId !== realmId) o.row.written = null
  }
}
