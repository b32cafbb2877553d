import {
  docNumbersFor,
  markerLine,
  type OrderKeys,
  type Pick,
  pickByDocNumber,
  pickOne,
} from '../../mappers/shipstation/index.js'
import {buildPrivateNoteIndex, type PrivateNoteIndex, select} from '../../qbo/index.js'
import type {OrderRow, StoreMapping} from '../../staging/shipstation.js'
import {DAY_MS, DEFAULTS, orderKey, type SyncDeps} from './deps.js'

/** Values in one `IN (...)` list: short enough for a query URL, few enough queries under QBO's limits. */
const IN_LIST = 40

export interface LookupOrder {
  row: OrderRow
  mapping: StoreMapping
  keys: OrderKeys
  /** The oldest ship date among its labels: bounds the PrivateNote pull for marker matching. */
  firstShipDate: string | null
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Finds each order's invoice, in batches: orders matched before by `Id IN (...)`; the others by their
 * store's rule: `DocNumber IN (...)` (prefix; customer adds `AND CustomerRef = '…'`), or a PrivateNote
 * line through one date-bounded pull into the PrivateNote index (QBO cannot filter PrivateNote). An
 * invoice already written by another order, or found for two orders, is ambiguous: never written.
 */
export async function findInvoices(
  deps: SyncDeps,
  orders: readonly LookupOrder[],
  realmId: string,
  markerLookbackDays: number = DEFAULTS.markerLookbackDays,
): Promise<Map<string, Pick>> {
  const picks = new Map<string, Pick>()
  const known = orders.filter((o) => o.row.invoiceId && o.row.realmId === realmId)
  const byId = new Map<string, Record<string, unknown>>()
  for (const part of chunks([...new Set(known.map((o) => o.row.invoiceId!))], IN_LIST)) {
    for (const r of await deps.qbo.queryAll(select('Invoice').where('Id', 'IN', part)))
      byId.set(String(r.Id), r)
  }
  const rest: LookupOrder[] = []
  for (const o of orders) {
    const hit = o.row.invoiceId && o.row.realmId === realmId ? byId.get(o.row.invoiceId) : undefined
    if (hit) picks.set(orderKey(o.row.storeId, o.row.orderNumber), {kind: 'found', invoice: hit})
    else rest.push(o)
  }
  await byDocNumber(
    deps,
    rest.filter((o) => o.mapping.matchBy !== 'marker'),
    picks,
  )
  await byMarker(
    deps,
    rest.filter((o) => o.mapping.matchBy === 'marker'),
    picks,
    markerLookbackDays,
  )
  claimOnce(deps, orders, picks, realmId)
  return picks
}

async function byDocNumber(
  deps: SyncDeps,
  orders: readonly LookupOrder[],
  picks: Map<string, Pick>,
): Promise<void> {
  const groups = new Map<string, LookupOrder[]>()
  for (const o of orders) {
    const key = `${o.mapping.storeId}`
    groups.set(key, [...(groups.get(key) ?? []), o])
  }
  for (const group of groups.values()) {
    const mapping = group[0]!.mapping
    const rows: Record<string, unknown>[] = []
    const docs = [...new Set(group.flatMap((o) => docNumbersFor(mapping, o.row.orderNumber)))]
    for (const part of chunks(docs, IN_LIST)) {
      const q = select('Invoice').where('DocNumber', 'IN', part)
      if (mapping.matchBy === 'customer') q.where('CustomerRef', '=', mapping.matchValue)
      rows.push(...(await deps.qbo.queryAll(q)))
    }
    for (const o of group)
      picks.set(orderKey(o.row.storeId, o.row.orderNumber), pickByDocNumber(mapping, o.row.orderNumber, rows))
  }
}

async function byMarker(
  deps: SyncDeps,
  orders: readonly LookupOrder[],
  picks: Map<string, Pick>,
  lookbackDays: number,
): Promise<void> {
  if (orders.length === 0) return
  const dates = orders
    .map((o) => o.firstShipDate)
    .filter((d): d is string => !!d)
    .sort()
  const oldest = dates[0] ? Date.parse(`${dates[0]}T00:00:00Z`) : deps.now()
  const since = new Date(oldest - lookbackDays * DAY_MS).toISOString().slice(0, 10)
  deps.onProgress?.(`Reading QBO invoices dated from ${since} for their PrivateNote markers`)
  const index: PrivateNoteIndex = await buildPrivateNoteIndex(deps.qbo, {
    entities: ['Invoice'],
    since: {field: 'TxnDate', value: since},
    noteLines: true,
  })
  for (const o of orders) {
    const key = orderKey(o.row.storeId, o.row.orderNumber)
    const line = markerLine(o.mapping.matchValue, o.keys)
    if (line === undefined) {
      picks.set(key, {
        kind: 'none',
        reason: `the marker ${o.mapping.matchValue} names a value ShipStation did not give for this order`,
      })
      continue
    }
    picks.set(
      key,
      pickOne(
        index.byNoteLine('Invoice', line).map((h) => h.row),
        `with the PrivateNote line "${line}" dated from ${since}`,
      ),
    )
  }
}

/** One invoice belongs to one order: a second claimant, in this run or recorded before, is ambiguous. */
function claimOnce(
  deps: SyncDeps,
  orders: readonly LookupOrder[],
  picks: Map<string, Pick>,
  realmId: string,
): void {
  const claims = new Map<string, string[]>()
  for (const o of orders) {
    const key = orderKey(o.row.storeId, o.row.orderNumber)
    const p = picks.get(key)
    if (p?.kind !== 'found') continue
    const id = String(p.invoice.Id)
    claims.set(id, [...(claims.get(id) ?? []), key])
  }
  for (const [id, keys] of claims) {
    const owner = deps.staging.shipstation.orderOfInvoice(realmId, id)
    const ownerKey = owner ? orderKey(owner.storeId, owner.orderNumber) : undefined
    const others = [...new Set([...(ownerKey ? [ownerKey] : []), ...keys])]
    if (others.length <= 1) continue
    for (const key of keys) {
      picks.set(key, {
        kind: 'ambiguous',
        ids: [id],
        reason: `invoice ${id} is matched by orders ${others.join(', ')} (store:order); check the store mappings (prefix or customer per store)`,
      })
    }
  }
}
