import type {z} from 'zod'

import type {ShopifyOrder, ShopifyRefund} from '../../domain/shopify-order.js'
import type {ShopifyGraphql} from './graphql.js'
import {idOf, normalizeOrder} from './normalize.js'
import {
  CHANGED_ORDERS,
  LINE_ITEMS,
  ORDER,
  ORDER_PAGE,
  REFUND,
  REFUNDS_MAX,
  SHOP,
  TRANSACTIONS_MAX,
} from './queries.js'
import {
  ChangedOrdersAnswer,
  type LineNode,
  LinesAnswer,
  OrderAnswer,
  RefundAnswer,
  type RefundNode,
  ShopAnswer,
} from './shapes.js'

export interface ShopInfo {
  domain: string
  name: string
  currency: string
  timeZone: string
}

export async function readShop(gql: ShopifyGraphql): Promise<ShopInfo> {
  const {shop} = await gql.query('Shop', SHOP, {}, ShopAnswer)
  return {
    domain: shop.myshopifyDomain,
    name: shop.name,
    currency: shop.currencyCode,
    timeZone: shop.ianaTimezone,
  }
}

/** An order the read could not take whole: it is reported, never staged half-read. */
export interface UnreadOrder {
  id: string
  name: string
  reason: string
}

export interface OrdersPage {
  orders: ShopifyOrder[]
  unread: UnreadOrder[]
  /** The latest `updatedAt` of the page (the watermark once the page is staged). */
  lastUpdatedAt: string | undefined
}

export interface ReadOptions {
  shop: ShopInfo
  /** ISO instant: orders updated at or after it. */
  since: string
  /** A refund already staged (refunds do not change once made): not read again. */
  knownRefund?: (orderId: string, refundId: string) => ShopifyRefund | undefined
  pageSize?: number
}

/**
 * Orders updated since a time, a page at a time, oldest change first (sortKey UPDATED_AT with an
 * `updated_at:>=` filter, as Shopify advises), each read whole: its detail, every page of line items, and
 * every refund. The caller stages a page and moves the watermark in one transaction, so a run stopped at
 * any point starts again from the last page it kept.
 */
export async function* readChangedOrders(
  gql: ShopifyGraphql,
  options: ReadOptions,
): AsyncGenerator<OrdersPage> {
  let after: string | null = null
  const query = `updated_at:>='${options.since}'`
  for (;;) {
    const page: z.infer<typeof ChangedOrdersAnswer> = await gql.query(
      'ChangedOrders',
      CHANGED_ORDERS,
      {first: options.pageSize ?? ORDER_PAGE, after, query},
      ChangedOrdersAnswer,
    )
    const out: OrdersPage = {orders: [], unread: [], lastUpdatedAt: undefined}
    for (const n of page.orders.nodes) {
      const read = await readOrder(gql, n.id, options)
      if ('reason' in read) out.unread.push(read)
      else out.orders.push(read)
      if (!out.lastUpdatedAt || n.updatedAt > out.lastUpdatedAt) out.lastUpdatedAt = n.updatedAt
    }
    yield out
    if (!page.orders.pageInfo.hasNextPage || !page.orders.pageInfo.endCursor) return
    after = page.orders.pageInfo.endCursor
  }
}

/** One order read whole, or why it cannot be. */
export async function readOrder(
  gql: ShopifyGraphql,
  gid: string,
  options: Pick<ReadOptions, 'shop' | 'knownRefund'>,
): Promise<ShopifyOrder | UnreadOrder> {
  const {order: node} = await gql.query('Order', ORDER, {id: gid}, OrderAnswer)
  if (!node) return {id: idOf(gid), name: '', reason: 'Shopify no longer has this order (deleted?)'}
  const unread = (reason: string): UnreadOrder => ({id: node.legacyResourceId, name: node.name, reason})
  if (node.shippingLines.pageInfo.hasNextPage)
    return unread('it has more shipping lines than the sync reads (3)')
  if (node.transactions.length >= TRANSACTIONS_MAX)
    return unread(`it has ${TRANSACTIONS_MAX} or more transactions, more than the sync reads in one order`)
  if (node.refunds.length >= REFUNDS_MAX)
    return unread(`it has ${REFUNDS_MAX} or more refunds, more than the sync reads`)
  const lines: LineNode[] = [...node.lineItems.nodes]
  let page = node.lineItems.pageInfo
  while (page.hasNextPage) {
    const more = await gql.query('OrderLines', LINE_ITEMS, {id: gid, after: page.endCursor}, LinesAnswer)
    if (!more.order) return unread('it disappeared while its line items were read')
    lines.push(...more.order.lineItems.nodes)
    page = more.order.lineItems.pageInfo
  }
  const refunds: (RefundNode | ShopifyRefund)[] = []
  for (const r of node.refunds) {
    const known = options.knownRefund?.(node.legacyResourceId, r.legacyResourceId)
    if (known) {
      refunds.push(known)
      continue
    }
    const {refund} = await gql.query('Refund', REFUND, {id: r.id}, RefundAnswer)
    if (!refund) return unread(`its refund ${r.legacyResourceId} could not be read`)
    if (refund.refundLineItems.pageInfo.hasNextPage || refund.transactions.pageInfo.hasNextPage)
      return unread(`its refund ${r.legacyResourceId} has more lines or transactions than the sync reads`)
    refunds.push(refund)
  }
  return normalizeOrder({
    shop: options.shop.domain,
    timeZone: options.shop.timeZone,
    node,
    lines,
    refunds,
  })
}
