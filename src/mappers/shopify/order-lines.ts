import {D, type Dec, sum} from '../../domain/money.js'
import type {ShopifyOrder} from '../../domain/shopify-order.js'
import {
  type Line,
  type LineContext,
  itemOfLine,
  lineIsUntaxed,
  linesTax,
  linesTotal,
  role,
  share,
  taxCodeOf,
} from './lines.js'
import type {ShopifySettings} from './settings.js'

/** Units of a line item refunded so far. */
export function refundedQuantity(order: ShopifyOrder, lineItemId: string): number {
  let n = 0
  for (const r of order.refunds) for (const l of r.lines) if (l.lineItemId === lineItemId) n += l.quantity
  return n
}

/**
 * Units the order's document bills: what is current plus what was refunded. Refunds are posted as their own
 * documents (refund receipts, credit memos), so the order's document keeps what was sold once edits are
 * applied; edits that take units off reduce currentQuantity without a refund.
 */
export function billedQuantity(order: ShopifyOrder, lineItemId: string): number {
  const line = order.lineItems.find((l) => l.id === lineItemId)
  return line ? line.currentQuantity + refundedQuantity(order, lineItemId) : 0
}

export interface OrderLines {
  lines: Line[]
  /** What the lines add up to on the order's tax basis, and the tax in them (or on top of them). */
  net: Dec
  tax: Dec
  /** The document's total: lines, plus tax when prices exclude it. */
  total: Dec
}

/**
 * The order document's lines: each line item (its item, quantity billed, unit price), discounts as discount
 * lines per tax code and kind (line, order) so the tax on them is right, shipping, duties and fees. Amounts
 * follow the order's basis: tax-inclusive when Shopify's taxesIncluded is true.
 */
export function orderLines(ctx: LineContext, settings: ShopifySettings): OrderLines {
  const {order, cur} = ctx
  const lines: Line[] = []
  const discounts = new Map<
    string,
    {amount: Dec; tax: Dec; code: string; titles: Set<string>; level: string}
  >()
  for (const item of order.lineItems) {
    const qty = billedQuantity(order, item.id)
    if (qty <= 0) continue
    const untaxed = lineIsUntaxed(order, item)
    const taxCode = taxCodeOf(ctx, item.taxLines, untaxed)
    const unit = cur.pick(item.unitPrice)
    const lineTax = untaxed
      ? new D(0)
      : share(sum(item.taxLines.map((t) => cur.pick(t.amount))), qty, item.quantity)
    lines.push({
      kind: 'item',
      itemId: itemOfLine(ctx, item),
      amount: unit.times(qty),
      tax: lineTax,
      taxCode,
      description: item.sku ? `${item.title} (${item.sku})` : item.title,
      qty,
      unitPrice: unit,
    })
    for (const d of item.discounts) {
      const amount = share(cur.pick(d.amount), qty, item.quantity)
      if (amount.isZero()) continue
      const key = `${taxCode}|${d.level}`
      const entry = discounts.get(key) ?? {
        amount: new D(0),
        tax: new D(0),
        code: taxCode,
        titles: new Set(),
        level: d.level,
      }
      entry.amount = entry.amount.plus(amount)
      entry.titles.add(d.title)
      discounts.set(key, entry)
    }
  }
  for (const d of discounts.values()) {
    lines.push({
      kind: 'discount',
      amount: d.amount,
      tax: new D(0),
      taxCode: d.code,
      description: `${d.level === 'order' ? 'Order discount' : 'Line discounts'}: ${[...d.titles].join(', ')}`,
    })
  }
  for (const s of order.shippingLines) {
    if (s.removed) continue
    const amount = cur.pick(s.price)
    if (amount.isZero() && s.taxLines.length === 0) continue
    lines.push({
      kind: 'item',
      itemId: role(ctx, 'shipping', settings.items.shipping),
      amount,
      tax: order.taxExempt ? new D(0) : sum(s.taxLines.map((t) => cur.pick(t.amount))),
      taxCode: taxCodeOf(ctx, s.taxLines, order.taxExempt),
      description: `Shipping: ${s.title}`,
    })
  }
  for (const [label, m] of [
    ['Duties', order.totals.duties],
    ['Additional fees', order.totals.additionalFees],
    ['Tip', order.totals.tips],
  ] as const) {
    const amount = cur.pick(m)
    if (amount.isZero()) continue
    lines.push({
      kind: 'item',
      itemId: role(ctx, 'other', settings.items.other),
      amount,
      tax: new D(0),
      taxCode: taxCodeOf(ctx, [], true),
      description: label,
    })
  }
  const net = linesTotal(lines)
  // Shopify's line tax is on the line after all its discounts: the discount lines carry none of their own.
  const tax = linesTax(lines)
  return {lines, net, tax, total: order.taxesIncluded ? net : net.plus(tax)}
}
