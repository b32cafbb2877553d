import {D, type Dec, amountText} from '../../domain/money.js'
import type {Money2, ShopifyOrder} from '../../domain/shopify-order.js'
import {KEYS, isStoreCreditKey} from '../../mappers/shopify/identity.js'
import type {ShopifyPosting, StagedShopifyOrder} from '../../staging/shopify.js'

type Row = Record<string, unknown>

/** One order, Shopify's figures beside what QBO holds for it, in the currency its documents are in. */
export interface OrderComparison {
  order: string
  orderId: string
  date: string
  currency: string
  status: 'agrees' | 'differs' | 'not posted' | 'skipped'
  shopify: {currentTotal: string; received: string; refunded: string; outstanding: string}
  qbo: {currentTotal: string; received: string; refunded: string; balance: string}
  /** What differs, one sentence each (empty when it agrees). */
  differences: string[]
  documents: {key: string; entity: string; id: string; docNumber: string; total: string; balance: string}[]
}

const amount = (v: unknown) => new D(Number(v ?? 0))

/**
 * Compares an order with the QBO documents the sync wrote for it (`docs`: each posting's record as QBO holds it
 * now). QBO's side:
 * - current total: the order's document less everything refunded off it (refund receipts, credit memos);
 * - received: the payments for its sales and captures (or the sales receipt);
 * - refunded: refund receipts and store-credit memos;
 * - balance: the invoice's open balance, less credit not yet applied and payments not applied — which must
 *   equal Shopify's totalOutstanding (positive: the customer owes; negative: the merchant does).
 */
export function compareOrder(
  staged: StagedShopifyOrder,
  postings: readonly ShopifyPosting[],
  docs: ReadonlyMap<string, Row>,
  pick: (m: Money2) => Dec,
  currency: string,
): OrderComparison {
  const {order} = staged
  const shopify = {
    currentTotal: pick(order.totals.currentTotal),
    received: pick(order.totals.received),
    refunded: pick(order.totals.refunded),
    outstanding: pick(order.totals.outstanding),
  }
  const live = postings.filter((p) => p.state === 'active')
  const documents = live.map((p) => {
    const r = docs.get(`${p.entity}:${p.qboId}`)
    return {
      key: p.docKey,
      entity: p.entity,
      id: p.qboId,
      docNumber: String(r?.DocNumber ?? r?.PaymentRefNum ?? ''),
      total: amountText(amount(r?.TotalAmt)),
      balance: amountText(amount(r?.Balance ?? r?.UnappliedAmt)),
      record: r,
    }
  })
  let docTotal = new D(0)
  let refundedOff = new D(0)
  let received = new D(0)
  let refunded = new D(0)
  let balance = new D(0)
  const missing: string[] = []
  for (const d of documents) {
    if (!d.record) {
      missing.push(`${d.entity} ${d.id} (${d.key}) is not in QBO`)
      continue
    }
    const total = amount(d.record.TotalAmt)
    if (d.key === KEYS.doc) {
      docTotal = total
      if (d.entity === 'SalesReceipt') received = received.plus(total)
      else balance = balance.plus(amount(d.record.Balance))
    } else if (d.entity === 'Payment') {
      received = received.plus(total)
      balance = balance.minus(amount(d.record.UnappliedAmt))
    } else if (d.entity === 'RefundReceipt') {
      refundedOff = refundedOff.plus(total)
      refunded = refunded.plus(total)
    } else if (d.entity === 'CreditMemo') {
      refundedOff = refundedOff.plus(total)
      if (isStoreCreditKey(d.key)) refunded = refunded.plus(total)
      else balance = balance.minus(amount(d.record.RemainingCredit ?? d.record.Balance))
    }
  }
  const qbo = {currentTotal: docTotal.minus(refundedOff), received, refunded, balance}
  const differences: string[] = [...missing]
  const skipped = order.test && live.length === 0
  if (!skipped && live.length === 0)
    differences.push(`not posted${staged.problem ? `: ${staged.problem}` : ' yet'}`)
  else if (!skipped) {
    for (const [label, s, q] of [
      ['current total', shopify.currentTotal, qbo.currentTotal],
      ['received', shopify.received, qbo.received],
      ['refunded', shopify.refunded, qbo.refunded],
      ['outstanding', shopify.outstanding, qbo.balance],
    ] as const)
      if (!s.eq(q)) differences.push(`${label}: Shopify ${amountText(s)}, QBO ${amountText(q)}`)
    if (staged.postedHash !== staged.contentHash)
      differences.push(
        `Shopify changed since the last sync${staged.problem ? ` (held: ${staged.problem})` : ''}`,
      )
  }
  return {
    order: order.name,
    orderId: order.id,
    date: order.date,
    currency,
    status: skipped
      ? 'skipped'
      : live.length === 0
        ? 'not posted'
        : differences.length
          ? 'differs'
          : 'agrees',
    shopify: text(shopify),
    qbo: text(qbo),
    differences,
    documents: documents.map(({record: _r, ...d}) => d),
  }
}

function text<T extends Record<string, Dec>>(values: T): {[K in keyof T]: string} {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, amountText(v)])) as {
    [K in keyof T]: string
  }
}

/** The currency an order's documents are in: the customer's when QBO has multicurrency, else the shop's. */
export function documentCurrency(
  order: ShopifyOrder,
  multiCurrency: boolean,
): {code: string; pick: (m: Money2) => Dec} {
  return multiCurrency
    ? {code: order.presentmentCurrency, pick: (m) => new D(m.presentment)}
    : {code: order.currency, pick: (m) => new D(m.shop)}
}
