import {join} from 'node:path'

import {D, amountText} from '../../domain/money.js'
import {type QboClient, select} from '../../qbo/index.js'
import type {Staging} from '../../staging/index.js'
import {type OrderComparison, compareOrder, documentCurrency} from './compare.js'
import {writeShopifyWorkbook} from './workbook.js'

type Row = Record<string, unknown>

/** A QBO document that carries one of the store's markers but is not one the sync keeps: a duplicate or a stray. */
export interface ExtraDocument {
  entity: string
  id: string
  docNumber: string
  total: string
  marker: string
}

export interface CurrencyTotals {
  currency: string
  orders: number
  shopify: {currentTotal: string; received: string; refunded: string; outstanding: string}
  qbo: {currentTotal: string; received: string; refunded: string; balance: string}
}

export interface StoreReconciliation {
  shop: string
  prefix: string
  asOf: string
  orders: number
  agree: number
  differ: number
  notPosted: number
  extra: ExtraDocument[]
  totals: CurrencyTotals[]
  rows: OrderComparison[]
  file?: string
}

export interface ShopifyReconcileResult {
  agrees: boolean
  stores: Omit<StoreReconciliation, 'rows'>[]
}

const DOC_ENTITIES = ['Invoice', 'SalesReceipt', 'RefundReceipt', 'CreditMemo']

/**
 * Per store: every staged order (as of the last read) against the QBO documents the sync keeps for it, to the
 * cent, and a search of QBO for documents with the store's prefix and marker the sync does not know of.
 * Writes one workbook per store when `outDir` is given.
 */
export async function reconcileShopify(deps: {
  staging: Staging
  qbo: QboClient
  now: () => number
  stores?: string[]
  outDir?: string
}): Promise<ShopifyReconcileResult> {
  const [prefs] = await deps.qbo.queryAll(select('Preferences'))
  const multiCurrency = (prefs?.CurrencyPrefs as Row | undefined)?.MultiCurrencyEnabled === true
  const asOf = new Date(deps.now()).toISOString()
  const stores = deps.staging.shopify
    .stores()
    .filter((s) => !deps.stores?.length || deps.stores.includes(s.shop))
  const out: ShopifyReconcileResult = {agrees: true, stores: []}
  for (const store of stores) {
    const postings = deps.staging.shopify.postings(store.shop)
    const docs = await readDocuments(
      deps.qbo,
      postings.filter((p) => p.state === 'active'),
    )
    const rows = deps.staging.shopify.orders(store.shop).map((staged) => {
      const cur = documentCurrency(staged.order, multiCurrency)
      return compareOrder(
        staged,
        postings.filter((p) => p.orderId === staged.order.id),
        docs,
        cur.pick,
        cur.code,
      )
    })
    const known = new Set(postings.map((p) => `${p.entity}:${p.qboId}`))
    const extra = await strays(deps.qbo, store.prefix, store.shop, known)
    const result: StoreReconciliation = {
      shop: store.shop,
      prefix: store.prefix,
      asOf,
      orders: rows.length,
      agree: rows.filter((r) => r.status === 'agrees' || r.status === 'skipped').length,
      differ: rows.filter((r) => r.status === 'differs').length,
      notPosted: rows.filter((r) => r.status === 'not posted').length,
      extra,
      totals: totalsByCurrency(rows),
      rows,
    }
    if (deps.outDir) {
      result.file = join(deps.outDir, `shopify-${store.prefix}-reconciliation.xlsx`)
      await writeShopifyWorkbook(
        result.file,
        result,
        deps.staging.decisions.list().filter((d) => d.sourceId.startsWith(`${store.shop}/`)),
      )
    }
    if (result.differ + result.notPosted + extra.length > 0) out.agrees = false
    const {rows: _rows, ...summary} = result
    out.stores.push(summary)
  }
  return out
}

async function readDocuments(
  qbo: QboClient,
  postings: readonly {entity: string; qboId: string}[],
): Promise<Map<string, Row>> {
  const byEntity = new Map<string, string[]>()
  for (const p of postings) byEntity.set(p.entity, [...(byEntity.get(p.entity) ?? []), p.qboId])
  const out = new Map<string, Row>()
  for (const [entity, ids] of byEntity) {
    for (let i = 0; i < ids.length; i += 100) {
      const rows = await qbo.queryAll(select(entity).where('Id', 'IN', ids.slice(i, i + 100)))
      for (const r of rows) out.set(`${entity}:${String(r.Id)}`, r)
    }
  }
  return out
}

/** Documents numbered with the store's prefix that carry its marker but that the sync does not keep. */
async function strays(
  qbo: QboClient,
  prefix: string,
  shop: string,
  known: ReadonlySet<string>,
): Promise<ExtraDocument[]> {
  const mark = `qbo-toolkit:shopify:${shop}/`
  const out: ExtraDocument[] = []
  const look = async (entity: string, field: string) => {
    for (const r of await qbo.queryAll(select(entity).where(field, 'LIKE', `${prefix}-%`))) {
      const note = typeof r.PrivateNote === 'string' ? r.PrivateNote : ''
      const line = note.split(/\r?\n/).find((l) => l.startsWith(mark))
      if (!line || known.has(`${entity}:${String(r.Id)}`)) continue
      out.push({
        entity,
        id: String(r.Id),
        docNumber: String(r[field] ?? ''),
        total: amountText(new D(Number(r.TotalAmt ?? 0))),
        marker: line,
      })
    }
  }
  for (const entity of DOC_ENTITIES) await look(entity, 'DocNumber')
  await look('Payment', 'PaymentRefNum')
  return out
}

function totalsByCurrency(rows: readonly OrderComparison[]): CurrencyTotals[] {
  const by = new Map<string, OrderComparison[]>()
  for (const r of rows.filter((x) => x.status !== 'skipped'))
    by.set(r.currency, [...(by.get(r.currency) ?? []), r])
  const sumOf = (list: OrderComparison[], f: (r: OrderComparison) => string) =>
    amountText(list.reduce((a, r) => a.plus(new D(f(r))), new D(0)))
  return [...by].map(([currency, list]) => ({
    currency,
    orders: list.length,
    shopify: {
      currentTotal: sumOf(list, (r) => r.shopify.currentTotal),
      received: sumOf(list, (r) => r.shopify.received),
      refunded: sumOf(list, (r) => r.shopify.refunded),
      outstanding: sumOf(list, (r) => r.shopify.outstanding),
    },
    qbo: {
      currentTotal: sumOf(list, (r) => r.qbo.currentTotal),
      received: sumOf(list, (r) => r.qbo.received),
      refunded: sumOf(list, (r) => r.qbo.refunded),
      balance: sumOf(list, (r) => r.qbo.balance),
    },
  }))
}
