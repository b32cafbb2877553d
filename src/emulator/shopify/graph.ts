import {amountText} from '../../domain/money.js'
import {type EmuLine, type EmuOrder, type EmuShop, type EmuTransaction, gid} from './model.js'
import {
  type Pair,
  currentQuantity,
  displayFinancialStatus,
  lineDiscounts,
  lineTax,
  orderTotals,
  pairOf,
  sumPairs,
  txnAmount,
  unitPrice,
  ZERO,
} from './totals.js'

/**
 * Plain objects shaped like the Admin API's types, for graphql-js's default resolver: a property that is a
 * function is called with the field's arguments, which is how connections page.
 */
type Obj = Record<string, unknown>

function bag(order: Pick<EmuOrder, 'currency' | 'presentmentCurrency'>, amount: Pair): Obj {
  return {
    shopMoney: {amount: amountText(amount.s), currencyCode: order.currency},
    presentmentMoney: {amount: amountText(amount.p), currencyCode: order.presentmentCurrency},
  }
}

export interface PageArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
  reverse?: boolean | null
}

export function cursorOf(index: number): string {
  return Buffer.from(JSON.stringify({last_id: index}), 'utf8').toString('base64')
}

function indexOfCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {last_id?: unknown}
    if (typeof parsed.last_id === 'number') return parsed.last_id
  } catch {
    // fall through
  }
  throw new Error('Invalid cursor for current pagination sort.')
}

/** A Relay connection over an in-memory list (first/after, last/before, reverse). */
export function connection<T>(items: readonly T[], args: PageArgs, toNode: (x: T) => Obj): Obj {
  const ordered = args.reverse ? [...items].reverse() : [...items]
  const indexed = ordered.map((item, index) => ({item, index}))
  let window = indexed
  if (args.after) {
    const after = indexOfCursor(args.after)
    window = window.filter((x) => x.index > after)
  }
  if (args.before) {
    const before = indexOfCursor(args.before)
    window = window.filter((x) => x.index < before)
  }
  if (args.first === undefined && args.last === undefined)
    throw new Error('you must provide one of first or last')
  let page = window
  if (typeof args.first === 'number') page = page.slice(0, Math.max(0, args.first))
  if (typeof args.last === 'number') page = page.slice(Math.max(0, page.length - args.last))
  const nodes = page.map((x) => toNode(x.item))
  return {
    edges: page.map((x, i) => ({cursor: cursorOf(x.index), node: nodes[i]})),
    nodes,
    pageInfo: {
      hasNextPage: page.length > 0 && page[page.length - 1]!.index < window[window.length - 1]!.index,
      hasPreviousPage: page.length > 0 && page[0]!.index > (indexed[0]?.index ?? 0),
      startCursor: page.length ? cursorOf(page[0]!.index) : null,
      endCursor: page.length ? cursorOf(page[page.length - 1]!.index) : null,
    },
  }
}

function taxLines(order: EmuOrder, rate: string | null, title: string, amount: Pair): Obj[] {
  if (!rate) return []
  return [
    {
      title,
      rate: Number(rate),
      ratePercentage: Number(rate) * 100,
      priceSet: bag(order, amount),
    },
  ]
}

function discountApplication(d: EmuLine['discounts'][number], index: number): Obj {
  const common = {
    index,
    allocationMethod: d.level === 'order' ? 'ACROSS' : 'EACH',
    targetSelection: d.level === 'order' ? 'ALL' : 'EXPLICIT',
    targetType: 'LINE_ITEM',
  }
  return d.code
    ? {__typename: 'DiscountCodeApplication', ...common, code: d.code}
    : {__typename: 'ManualDiscountApplication', ...common, title: d.title, description: null}
}

function lineItem(order: EmuOrder, line: EmuLine): Obj {
  const unit = unitPrice(order, line)
  const discounts = lineDiscounts(order, line, line.quantity)
  const total = sumPairs(discounts)
  const current = currentQuantity(order, line)
  return {
    id: gid('LineItem', line.id),
    sku: line.sku,
    title: line.title,
    name: line.title,
    quantity: line.quantity,
    currentQuantity: current,
    refundableQuantity: current,
    taxable: line.taxable,
    isGiftCard: line.isGiftCard,
    requiresShipping: line.requiresShipping,
    originalUnitPriceSet: bag(order, unit),
    originalTotalSet: bag(order, {p: unit.p.times(line.quantity), s: unit.s.times(line.quantity)}),
    discountedUnitPriceSet: bag(order, unit),
    totalDiscountSet: bag(order, total),
    discountAllocations: line.discounts.map((d, i) => ({
      allocatedAmountSet: bag(order, discounts[i]!),
      discountApplication: discountApplication(d, i),
    })),
    taxLines: () => taxLines(order, line.taxRate, line.taxTitle, lineTax(order, line, line.quantity)),
  }
}

function transaction(order: EmuOrder, t: EmuTransaction): Obj {
  const parent = t.parentId ? order.transactions.find((x) => x.id === t.parentId) : undefined
  return {
    id: gid('OrderTransaction', t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway: t.gateway,
    amountSet: bag(order, txnAmount(t)),
    createdAt: t.createdAt,
    processedAt: t.processedAt,
    parentTransaction: parent ? transaction(order, parent) : null,
    settlementCurrency: order.currency,
    settlementCurrencyRate: t.rate,
    test: t.test,
  }
}

function shippingLine(order: EmuOrder, s: EmuOrder['shipping'][number]): Obj {
  const price = pairOf(s.price, order.rate)
  return {
    id: gid('ShippingLine', s.id),
    title: s.title,
    code: s.title,
    isRemoved: s.removed,
    originalPriceSet: bag(order, price),
    discountedPriceSet: bag(order, price),
    currentDiscountedPriceSet: bag(order, price),
    discountAllocations: [],
    taxLines: taxLines(order, s.taxRate, s.taxTitle, pairOf(s.tax, order.rate)),
  }
}

export function refundNode(order: EmuOrder, r: EmuOrder['refunds'][number]): Obj {
  const money = sumPairs(
    order.transactions
      .filter((t) => r.transactionIds.includes(t.id) && t.status === 'SUCCESS')
      .map(txnAmount),
  )
  return {
    id: gid('Refund', r.id),
    legacyResourceId: r.id,
    createdAt: r.createdAt,
    processedAt: r.createdAt,
    updatedAt: r.createdAt,
    note: r.note,
    totalRefundedSet: bag(order, money),
    refundLineItems: (args: PageArgs) =>
      connection(r.lines, args, (l) => {
        const line = order.lines.find((x) => x.id === l.lineItemId)!
        return {
          id: gid('RefundLineItem', l.id),
          lineItem: lineItem(order, line),
          quantity: l.quantity,
          restockType: l.restockType,
          restocked: l.restockType === 'RETURN' || l.restockType === 'CANCEL',
          priceSet: bag(order, unitPrice(order, line)),
          subtotalSet: bag(order, pairOf(l.subtotal, order.rate)),
          totalTaxSet: bag(order, pairOf(l.tax, order.rate)),
        }
      }),
    refundShippingLines: (args: PageArgs) =>
      connection(r.shipping, args, (s) => ({
        id: gid('RefundShippingLine', s.id),
        shippingLine: shippingLine(
          order,
          order.shipping.find((x) => x.id === s.shippingLineId)!,
        ),
        subtotalAmountSet: bag(order, pairOf(s.subtotal, order.rate)),
        taxAmountSet: bag(order, pairOf(s.tax, order.rate)),
      })),
    orderAdjustments: (args: PageArgs) =>
      connection(r.adjustments, args, (a) => ({
        id: gid('OrderAdjustment', a.id),
        reason: a.reason,
        amountSet: bag(order, pairOf(a.amount, order.rate)),
        taxAmountSet: bag(order, pairOf(a.tax, order.rate)),
      })),
    transactions: (args: PageArgs) =>
      connection(
        order.transactions.filter((t) => r.transactionIds.includes(t.id)),
        args,
        (t) => transaction(order, t),
      ),
  }
}

/** An order as the Admin API's Order type. */
export function orderNode(order: EmuOrder): Obj {
  const t = orderTotals(order)
  const list = <T>(items: T[], first: number | null | undefined) =>
    typeof first === 'number' ? items.slice(0, first) : items
  return {
    id: gid('Order', order.id),
    legacyResourceId: order.id,
    name: order.name,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    test: order.test,
    currencyCode: order.currency,
    presentmentCurrencyCode: order.presentmentCurrency,
    taxesIncluded: order.taxesIncluded,
    taxExempt: order.taxExempt,
    edited: order.edited,
    fullyPaid: t.outstanding.p.lte(0),
    unpaid: t.received.p.isZero(),
    displayFinancialStatus: displayFinancialStatus(order, t),
    totalPriceSet: bag(order, t.total),
    subtotalPriceSet: bag(order, t.subtotal),
    totalTaxSet: bag(order, t.tax),
    totalDiscountsSet: bag(order, t.discounts),
    totalShippingPriceSet: bag(order, t.shipping),
    currentTotalPriceSet: bag(order, t.currentTotal),
    currentSubtotalPriceSet: bag(order, t.currentSubtotal),
    currentTotalTaxSet: bag(order, t.currentTax),
    currentTotalDiscountsSet: bag(order, t.currentDiscounts),
    currentShippingPriceSet: bag(order, t.currentShipping),
    currentTotalDutiesSet: null,
    currentTotalAdditionalFeesSet: null,
    totalReceivedSet: bag(order, t.received),
    totalRefundedSet: bag(order, t.refunded),
    netPaymentSet: bag(order, t.netPayment),
    totalOutstandingSet: bag(order, t.outstanding),
    totalTipReceivedSet: bag(order, ZERO),
    lineItems: (args: PageArgs) => connection(order.lines, args, (l) => lineItem(order, l)),
    shippingLines: (args: PageArgs & {includeRemovals?: boolean}) =>
      connection(
        order.shipping.filter((s) => args.includeRemovals || !s.removed),
        args,
        (s) => shippingLine(order, s),
      ),
    transactions: (args: {first?: number | null}) =>
      list(order.transactions, args.first).map((x) => transaction(order, x)),
    refunds: (args: {first?: number | null}) =>
      list(order.refunds, args.first).map((r) => refundNode(order, r)),
  }
}

export function shopNode(shop: EmuShop): Obj {
  return {
    id: gid('Shop', shop.domain),
    name: shop.name,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currency,
    ianaTimezone: shop.timezone,
  }
}
