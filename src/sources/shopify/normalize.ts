import {amountText, dec} from '../../domain/money.js'
import {
  type Money2,
  RESTOCK_TYPES,
  type ShopifyLineItem,
  ShopifyOrder,
  type ShopifyRefund,
  type ShopifyTransaction,
  TRANSACTION_KINDS,
  TRANSACTION_STATUSES,
  ZERO2,
} from '../../domain/shopify-order.js'
import type {Bag, LineNode, OrderNode, RefundNode, TxnNode} from './shapes.js'

/** The numeric id at the end of a GID ("gid://shopify/Order/123" → "123"). */
export function idOf(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1)
}

function money(bag: Bag | null | undefined): Money2 {
  if (!bag) return ZERO2
  return {
    shop: amountText(dec(bag.shopMoney.amount)),
    presentment: amountText(dec(bag.presentmentMoney.amount)),
  }
}

/** The day an instant falls on in the shop's time zone (what the merchant sees as the order's date). */
export function civilDateIn(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(instant))
    .reduce<Record<string, string>>((acc, p) => ({...acc, [p.type]: p.value}), {})
  return `${parts.year}-${parts.month}-${parts.day}`
}

function rateText(rate: number | null): string {
  return rate === null ? '' : dec(rate).toString()
}

function line(node: LineNode): ShopifyLineItem {
  return {
    id: idOf(node.id),
    sku: node.sku && node.sku.trim() !== '' ? node.sku.trim() : null,
    title: node.title,
    quantity: node.quantity,
    currentQuantity: node.currentQuantity,
    unitPrice: money(node.originalUnitPriceSet),
    discounts: node.discountAllocations.map((d) => ({
      level: d.discountApplication.allocationMethod === 'EACH' ? 'line' : 'order',
      title: d.discountApplication.code ?? d.discountApplication.title ?? 'Discount',
      amount: money(d.allocatedAmountSet),
    })),
    taxLines: node.taxLines.map((t) => ({title: t.title, rate: rateText(t.rate), amount: money(t.priceSet)})),
    taxable: node.taxable,
    isGiftCard: node.isGiftCard,
  }
}

function transaction(node: TxnNode, timeZone: string): ShopifyTransaction {
  const kind = (TRANSACTION_KINDS as readonly string[]).includes(node.kind) ? node.kind : 'SUGGESTED_REFUND'
  const status = (TRANSACTION_STATUSES as readonly string[]).includes(node.status) ? node.status : 'UNKNOWN'
  const at = node.processedAt ?? node.createdAt
  return {
    id: idOf(node.id),
    kind: kind as ShopifyTransaction['kind'],
    status: status as ShopifyTransaction['status'],
    gateway: node.gateway ?? '',
    amount: money(node.amountSet),
    processedAt: at,
    date: civilDateIn(at, timeZone),
    parentId: node.parentTransaction ? idOf(node.parentTransaction.id) : null,
    settlementCurrency: node.settlementCurrency,
    settlementRate: node.settlementCurrencyRate,
    test: node.test,
  }
}

function refund(node: RefundNode, timeZone: string): ShopifyRefund {
  const at = node.createdAt ?? node.processedAt
  return {
    id: node.legacyResourceId,
    createdAt: at,
    date: civilDateIn(node.processedAt, timeZone),
    note: node.note,
    totalRefunded: money(node.totalRefundedSet),
    lines: node.refundLineItems.nodes.map((l) => ({
      lineItemId: idOf(l.lineItem.id),
      quantity: l.quantity,
      restockType: ((RESTOCK_TYPES as readonly string[]).includes(l.restockType)
        ? l.restockType
        : 'NO_RESTOCK') as ShopifyRefund['lines'][number]['restockType'],
      restocked: l.restocked,
      subtotal: money(l.subtotalSet),
      tax: money(l.totalTaxSet),
    })),
    shipping: node.refundShippingLines.nodes.map((s) => ({
      subtotal: money(s.subtotalAmountSet),
      tax: money(s.taxAmountSet),
    })),
    adjustments: node.orderAdjustments.nodes.map((a) => ({
      reason: a.reason,
      amount: money(a.amountSet),
      tax: money(a.taxAmountSet),
    })),
    transactionIds: node.transactions.nodes.map((t) => idOf(t.id)),
  }
}

/** A Shopify order (its detail, every line item, every refund) as the sync stages it. */
export function normalizeOrder(input: {
  shop: string
  timeZone: string
  node: OrderNode
  lines: LineNode[]
  refunds: readonly (RefundNode | ShopifyRefund)[]
}): ShopifyOrder {
  const {node, timeZone} = input
  const refunds = input.refunds.map((r) => ('refundLineItems' in r ? refund(r, timeZone) : r))
  return ShopifyOrder.parse({
    shop: input.shop,
    id: node.legacyResourceId,
    name: node.name,
    createdAt: node.createdAt,
    processedAt: node.processedAt,
    updatedAt: node.updatedAt,
    date: civilDateIn(node.processedAt, timeZone),
    cancelledAt: node.cancelledAt,
    test: node.test,
    currency: node.currencyCode,
    presentmentCurrency: node.presentmentCurrencyCode,
    taxesIncluded: node.taxesIncluded,
    taxExempt: node.taxExempt,
    edited: node.edited,
    totals: {
      total: money(node.totalPriceSet),
      currentTotal: money(node.currentTotalPriceSet),
      currentTax: money(node.currentTotalTaxSet),
      received: money(node.totalReceivedSet),
      refunded: money(node.totalRefundedSet),
      outstanding: money(node.totalOutstandingSet),
      tips: money(node.totalTipReceivedSet),
      duties: money(node.currentTotalDutiesSet),
      additionalFees: money(node.currentTotalAdditionalFeesSet),
    },
    lineItems: input.lines.map(line),
    shippingLines: node.shippingLines.nodes.map((s, i) => ({
      id: s.id ? idOf(s.id) : String(i + 1),
      title: s.title,
      removed: s.isRemoved,
      price: money(s.discountedPriceSet),
      taxLines: s.taxLines.map((t) => ({title: t.title, rate: rateText(t.rate), amount: money(t.priceSet)})),
    })),
    transactions: node.transactions.map((t) => transaction(t, timeZone)),
    refunds,
  } satisfies ShopifyOrder)
}
