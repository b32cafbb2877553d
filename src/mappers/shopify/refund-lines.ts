import {D, type Dec, roundAmount, roundUnit} from '../../domain/money.js'
import type {ShopifyRefund, ShopifyTransaction} from '../../domain/shopify-order.js'
import {
  type Line,
  type LineContext,
  itemOfLine,
  lineIsUntaxed,
  linesTax,
  linesTotal,
  role,
  taxCodeOf,
} from './lines.js'
import {type Channel, channelOf, type ShopifySettings} from './settings.js'

/**
 * What a refund gave back, as lines: each returned line item (its own item when restocked, so QBO puts an
 * inventory item back in stock; the adjustment item when not), shipping refunded, and order adjustments
 * (a positive adjustment keeps money with the merchant, so it comes off the refund).
 */
export function refundLines(ctx: LineContext, settings: ShopifySettings, refund: ShopifyRefund): Line[] {
  const {order, cur} = ctx
  const lines: Line[] = []
  for (const r of refund.lines) {
    const item = order.lineItems.find((l) => l.id === r.lineItemId)
    const amount = cur.pick(r.subtotal)
    const taxCode = item
      ? taxCodeOf(ctx, item.taxLines, lineIsUntaxed(order, item))
      : taxCodeOf(ctx, [], true)
    const title = item ? (item.sku ? `${item.title} (${item.sku})` : item.title) : `line item ${r.lineItemId}`
    lines.push({
      kind: 'item',
      itemId:
        r.restocked && item ? itemOfLine(ctx, item) : role(ctx, 'adjustment', settings.items.adjustment),
      amount,
      tax: cur.pick(r.tax),
      taxCode,
      description: `${title}: ${r.quantity} returned, ${r.restocked ? 'restocked' : 'not restocked'}`,
      ...(r.restocked && r.quantity > 0
        ? {qty: r.quantity, unitPrice: roundUnit(amount.div(r.quantity))}
        : {}),
    })
  }
  const shippingTaxLines = order.shippingLines.find((s) => !s.removed)?.taxLines ?? []
  for (const s of refund.shipping) {
    lines.push({
      kind: 'item',
      itemId: role(ctx, 'shipping', settings.items.shipping),
      amount: cur.pick(s.subtotal),
      tax: cur.pick(s.tax),
      taxCode: taxCodeOf(ctx, shippingTaxLines, order.taxExempt || cur.pick(s.tax).isZero()),
      description: 'Shipping refunded',
    })
  }
  const mainTaxLines =
    order.lineItems.find((l) => !lineIsUntaxed(order, l) && l.taxLines.length > 0)?.taxLines ?? []
  for (const a of refund.adjustments) {
    const tax = cur.pick(a.tax)
    lines.push({
      kind: 'item',
      itemId: role(ctx, 'adjustment', settings.items.adjustment),
      amount: cur.pick(a.amount).neg(),
      tax: tax.neg(),
      taxCode: taxCodeOf(ctx, mainTaxLines, tax.isZero()),
      description: `Refund adjustment${a.reason ? ` (${a.reason.toLowerCase().replace(/_/g, ' ')})` : ''}`,
    })
  }
  return lines
}

/** What a set of lines amounts to for a refund: the lines, plus tax when prices exclude it. */
export function valueOf(lines: readonly Line[], taxesIncluded: boolean): Dec {
  return taxesIncluded ? linesTotal(lines) : linesTotal(lines).plus(linesTax(lines))
}

/** One way the value of a refund went back: a gateway's money, a gift card, store credit, or not at all (credit). */
export interface RefundShare {
  channel: Channel | 'credit'
  gateway: string
  amount: Dec
  txn?: ShopifyTransaction
}

/** The refund's successful money transactions, grouped by gateway. */
export function refundShares(
  settings: ShopifySettings,
  ctx: LineContext,
  refund: ShopifyRefund,
): RefundShare[] {
  const byGateway = new Map<string, RefundShare>()
  for (const t of ctx.order.transactions) {
    if (!refund.transactionIds.includes(t.id) || t.kind !== 'REFUND' || t.status !== 'SUCCESS') continue
    const share = byGateway.get(t.gateway) ?? {
      channel: channelOf(settings, t.gateway),
      gateway: t.gateway,
      amount: new D(0),
      txn: t,
    }
    share.amount = share.amount.plus(ctx.cur.pick(t.amount))
    byGateway.set(t.gateway, share)
  }
  return [...byGateway.values()]
}

/**
 * The refund's lines divided between its shares in proportion, each line rounded once and the last share
 * taking what is left, so every share's lines add up exactly and all of them to the whole. A line split
 * loses its quantity (QBO checks quantity × price against the amount).
 */
export function splitLines(lines: readonly Line[], shares: readonly Dec[], whole: Dec): Line[][] {
  if (shares.length === 1) return [lines.map((l) => ({...l}))]
  const out: Line[][] = shares.map(() => [])
  for (const line of lines) {
    let leftAmount = line.amount
    let leftTax = line.tax
    shares.forEach((s, i) => {
      const last = i === shares.length - 1
      const amount = last ? leftAmount : roundAmount(line.amount.times(s).div(whole))
      const tax = last ? leftTax : roundAmount(line.tax.times(s).div(whole))
      leftAmount = leftAmount.minus(amount)
      leftTax = leftTax.minus(tax)
      const {qty: _qty, unitPrice: _unit, ...rest} = line
      if (!amount.isZero() || !tax.isZero()) out[i]!.push({...rest, amount, tax})
    })
  }
  return out
}
