import {D, type Dec, dec, roundUnit} from '../../domain/money.js'
import type {Money2, ShopifyOrder, ShopifyTransaction} from '../../domain/shopify-order.js'
import type {PostingRefs} from './refs.js'

/**
 * Which currency an order's documents are in, and how to read its amounts. With multicurrency on in QBO, the
 * customer's (presentment) currency, at an ExchangeRate of home units per one foreign unit; without it, the
 * shop's currency (the only one a single-currency company can hold).
 */
export interface OrderCurrency {
  code: string
  /** The amount of a MoneyBag in that currency. */
  pick(m: Money2): Dec
  /** Home units per one unit of the document currency; undefined when it is the home currency. */
  rateFor(basis: Money2, txn?: ShopifyTransaction): Dec | undefined
  /** Why no rate can be had, when none can (the order cannot be posted). */
  problem?: string
}

export function orderCurrency(order: ShopifyOrder, refs: PostingRefs): OrderCurrency {
  if (!refs.multiCurrency) {
    return {code: order.currency, pick: (m) => dec(m.shop), rateFor: () => undefined}
  }
  const code = order.presentmentCurrency
  const pick = (m: Money2) => dec(m.presentment)
  if (code === refs.homeCurrency) return {code, pick, rateFor: () => undefined}
  if (order.currency !== refs.homeCurrency) {
    return {
      code,
      pick,
      rateFor: () => undefined,
      problem:
        `the order is in ${code}, the shop's currency is ${order.currency} and QBO's home currency is ` +
        `${refs.homeCurrency}: Shopify gives no ${code}→${refs.homeCurrency} rate`,
    }
  }
  return {code, pick, rateFor: (basis, txn) => rate(basis, txn, refs.homeCurrency)}
}

/**
 * The shop's currency is QBO's home currency here. A transaction's own settlement rate is the truest (what
 * Shopify converted at; UNCONFIRMED that it is quoted as settlement units per presentment unit); otherwise
 * the ratio of the MoneyBag's two amounts. Rounded to 7 places.
 */
function rate(basis: Money2, txn: ShopifyTransaction | undefined, home: string): Dec | undefined {
  if (txn?.settlementRate && txn.settlementCurrency === home) {
    const r = new D(txn.settlementRate)
    if (r.gt(0)) return roundUnit(r)
  }
  const p = dec(basis.presentment)
  if (p.isZero()) return undefined
  return roundUnit(dec(basis.shop).div(p))
}
