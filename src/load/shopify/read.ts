import {contentHash} from '../../domain/ids.js'
import type {ShopifyGraphql} from '../../sources/shopify/graphql.js'
import {type ShopInfo, type UnreadOrder, readChangedOrders, readShop} from '../../sources/shopify/reader.js'
import {inTransaction, type Staging} from '../../staging/index.js'
import {JOB} from './writes.js'

/** Orders changed within this much before the watermark are read again: Shopify's index may lag a little. */
export const OVERLAP_MS = 2 * 60_000
/** Without a watermark or a --since, a store is read from this far back (Shopify's default reach: 60 days). */
export const DEFAULT_REACH_MS = 60 * 86_400_000

export interface ReadResult {
  shop: ShopInfo
  since: string
  read: number
  unread: UnreadOrder[]
}

/**
 * Reads a store's orders changed since its watermark (less a small overlap), or since `since` when given,
 * and stages each page with the watermark in one transaction: a run stopped part way starts again from the
 * last page it kept, and an order read twice is staged once (same content, same hash).
 */
export async function readStore(
  staging: Staging,
  gql: ShopifyGraphql,
  shop: string,
  options: {since?: string; defaultSince?: string; now: number},
): Promise<ReadResult> {
  const info = await readShop(gql)
  const domain = shop
  const mark = staging.watermarks.get(JOB, domain)
  const since =
    options.since ??
    (mark
      ? new Date(Date.parse(mark) - OVERLAP_MS).toISOString()
      : (options.defaultSince ?? new Date(options.now - DEFAULT_REACH_MS).toISOString()))
  const result: ReadResult = {shop: {...info, domain}, since, read: 0, unread: []}
  const pages = readChangedOrders(gql, {
    shop: {...info, domain},
    since,
    knownRefund: (orderId, refundId) => staging.shopify.knownRefund(domain, orderId, refundId),
  })
  // An order that could not be read whole holds the watermark back, so every run reads (and reports) it again.
  let held = false
  for await (const page of pages) {
    held ||= page.unread.length > 0
    inTransaction(staging.db, () => {
      for (const order of page.orders) staging.shopify.stage(order, contentHash(order))
      if (!held && page.lastUpdatedAt && page.lastUpdatedAt > (staging.watermarks.get(JOB, domain) ?? ''))
        staging.watermarks.set(JOB, domain, page.lastUpdatedAt)
    })
    result.read += page.orders.length
    result.unread.push(...page.unread)
  }
  return result
}
