import {D, type Dec, roundAmount} from '../../domain/money.js'
import type {EmuLine, EmuOrder, EmuRefund, EmuShipping, EmuTransaction} from './model.js'

/** An amount in the customer's (presentment) and the shop's currency, as a MoneyBag carries it. */
export interface Pair {
  p: Dec
  s: Dec
}

export const ZERO: Pair = {p: new D(0), s: new D(0)}

export function plus(a: Pair, b: Pair): Pair {
  return {p: a.p.plus(b.p), s: a.s.plus(b.s)}
}
export function minus(a: Pair, b: Pair): Pair {
  return {p: a.p.minus(b.p), s: a.s.minus(b.s)}
}
export function sumPairs(items: Iterable<Pair>): Pair {
  let out = ZERO
  for (const x of items) out = plus(out, x)
  return out
}

/** A stored presentment amount with its shop-currency twin (converted once, rounded to the cent). */
export function pairOf(amount: string, rate: string): Pair {
  const p = new D(amount)
  return {p, s: roundAmount(p.times(rate))}
}

/** `part` of `whole` units of an amount given for the whole: rounded once, in each currency. */
function share(amount: Pair, part: number, whole: number): Pair {
  if (whole === 0 || part === whole) return amount
  return {p: roundAmount(amount.p.times(part).div(whole)), s: roundAmount(amount.s.times(part).div(whole))}
}

export function refundedQuantity(order: EmuOrder, lineId: string): number {
  let n = 0
  for (const r of order.refunds) for (const l of r.lines) if (l.lineItemId === lineId) n += l.quantity
  return n
}

/** Units sold once edits are applied, before any refund. */
export function soldQuantity(line: EmuLine): number {
  return line.quantity - line.removed
}

export function currentQuantity(order: EmuOrder, line: EmuLine): number {
  return soldQuantity(line) - refundedQuantity(order, line.id)
}

export function unitPrice(order: EmuOrder, line: EmuLine): Pair {
  return pairOf(line.unitPrice, order.rate)
}

/** Each discount of a line for `qty` of its units (discounts are recorded for the whole ordered quantity). */
export function lineDiscounts(order: EmuOrder, line: EmuLine, qty: number): Pair[] {
  return line.discounts.map((d) => share(pairOf(d.amount, order.rate), qty, line.quantity))
}

export function lineTax(order: EmuOrder, line: EmuLine, qty: number): Pair {
  return share(pairOf(line.tax, order.rate), qty, line.quantity)
}

/** A line's amount for `qty` units after its discounts, on the order's tax basis. */
export function lineNet(order: EmuOrder, line: EmuLine, qty: number): Pair {
  const unit = unitPrice(order, line)
  const gross = {p: unit.p.times(qty), s: unit.s.times(qty)}
  return minus(gross, sumPairs(lineDiscounts(order, line, qty)))
}

export function shippingPrice(order: EmuOrder, s: EmuShipping): Pair {
  return pairOf(s.price, order.rate)
}

export function txnAmount(t: EmuTransaction): Pair {
  return pairOf(t.amount, t.rate)
}

/** What a refund gave back in value (goods, shipping, adjustments), on the order's tax basis plus its tax. */
export function refundValue(order: EmuOrder, r: EmuRefund): Pair {
  const rate = order.rate
  let value = ZERO
  for (const l of r.lines) value = plus(value, pairOf(l.subtotal, rate))
  for (const s of r.shipping) value = plus(value, pairOf(s.subtotal, rate))
  for (const a of r.adjustments) value = minus(value, pairOf(a.amount, rate))
  return order.taxesIncluded ? value : plus(value, refundTax(order, r))
}

export function refundTax(order: EmuOrder, r: EmuRefund): Pair {
  const rate = order.rate
  let tax = ZERO
  for (const l of r.lines) tax = plus(tax, pairOf(l.tax, rate))
  for (const s of r.shipping) tax = plus(tax, pairOf(s.tax, rate))
  for (const a of r.adjustments) tax = minus(tax, pairOf(a.tax, rate))
  return tax
}

function money(order: EmuOrder, kinds: string[]): Pair {
  return sumPairs(
    order.transactions
      .filter((t) => t.status === 'SUCCESS' && kinds.includes(t.kind))
      .map((t) => txnAmount(t)),
  )
}

export interface OrderTotals {
  subtotal: Pair
  discounts: Pair
  shipping: Pair
  tax: Pair
  /** After edits, before returns. */
  total: Pair
  currentSubtotal: Pair
  currentDiscounts: Pair
  currentShipping: Pair
  currentTax: Pair
  currentTotal: Pair
  received: Pair
  refunded: Pair
  netPayment: Pair
  outstanding: Pair
  authorized: Pair
}

/**
 * Shopify's derived amounts: the total before returns is the lines after discounts plus shipping (plus
 * tax when prices exclude it); each refund takes its value off the current total; received is the
 * successful sales and captures less change given; outstanding is the current total less the net payment
 * (positive: the customer owes; negative: the merchant does).
 */
export function orderTotals(order: EmuOrder): OrderTotals {
  const live = order.shipping.filter((s) => !s.removed)
  const subtotal = sumPairs(order.lines.map((l) => lineNet(order, l, soldQuantity(l))))
  const discounts = sumPairs(order.lines.flatMap((l) => lineDiscounts(order, l, soldQuantity(l))))
  const shipping = sumPairs(live.map((s) => shippingPrice(order, s)))
  const tax = plus(
    sumPairs(order.lines.map((l) => lineTax(order, l, soldQuantity(l)))),
    sumPairs(live.map((s) => pairOf(s.tax, order.rate))),
  )
  const total = plus(plus(subtotal, shipping), order.taxesIncluded ? ZERO : tax)
  const refundValues = sumPairs(order.refunds.map((r) => refundValue(order, r)))
  const refundLines = sumPairs(
    order.refunds.flatMap((r) => r.lines.map((l) => pairOf(l.subtotal, order.rate))),
  )
  const refundShipping = sumPairs(
    order.refunds.flatMap((r) => r.shipping.map((s) => pairOf(s.subtotal, order.rate))),
  )
  const received = minus(money(order, ['SALE', 'CAPTURE']), money(order, ['CHANGE']))
  const refunded = money(order, ['REFUND'])
  const netPayment = minus(received, refunded)
  const currentTotal = minus(total, refundValues)
  return {
    subtotal,
    discounts,
    shipping,
    tax,
    total,
    currentSubtotal: minus(subtotal, refundLines),
    currentDiscounts: sumPairs(
      order.lines.flatMap((l) => lineDiscounts(order, l, currentQuantity(order, l))),
    ),
    currentShipping: minus(shipping, refundShipping),
    currentTax: minus(tax, sumPairs(order.refunds.map((r) => refundTax(order, r)))),
    currentTotal,
    received,
    refunded,
    netPayment,
    outstanding: minus(currentTotal, netPayment),
    authorized: money(order, ['AUTHORIZATION']),
  }
}

export function displayFinancialStatus(order: EmuOrder, t: OrderTotals = orderTotals(order)): string {
  if (t.refunded.p.gt(0)) return t.refunded.p.gte(t.received.p) ? 'REFUNDED' : 'PARTIALLY_REFUNDED'
  if (t.received.p.isZero()) return t.authorized.p.gt(0) ? 'AUTHORIZED' : 'PENDING'
  return t.outstanding.p.gt(0) ? 'PARTIALLY_PAID' : 'PAID'
}
