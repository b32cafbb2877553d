import {ShopifyOrder, type ShopifyRefund} from '../domain/shopify-order.js'
import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface ShopifyStore {
  shop: string
  prefix: string
  currency: string | null
  timeZone: string | null
}

export interface StagedShopifyOrder {
  order: ShopifyOrder
  contentHash: string
  postedHash: string | null
  problem: string | null
}

/** A QBO document an order owns, under a stable key ('doc', 'pay:<txn>', 'refund:<id>' …). */
export interface ShopifyPosting {
  shop: string
  orderId: string
  docKey: string
  entity: string
  qboId: string
  syncToken: string
  /** Hash of the payload (without Id and SyncToken) last written: equal means nothing to write. */
  payloadHash: string
  /** TotalAmt as last written, to notice a change someone made in QBO. */
  total: string | null
  /** What the document stands for when it matters to the balance (e.g. 'store-credit'). */
  role: string | null
  state: 'active' | 'voided'
  runId: string | null
}

const POSTING = `shop, order_id AS orderId, doc_key AS docKey, entity, qbo_id AS qboId, sync_token AS syncToken,
                 payload_hash AS payloadHash, total, role, state, run_id AS runId`

/**
 * The Shopify sync's state in the migration file: stores and their DocNumber prefixes, orders as last read,
 * the QBO documents each order owns, and the webhook deliveries already seen (docs/shopify.md).
 */
export class ShopifyRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  store(shop: string): ShopifyStore | undefined {
    return this.db
      .prepare(`SELECT shop, prefix, currency, time_zone AS timeZone FROM shopify_stores WHERE shop = ?`)
      .get(shop) as ShopifyStore | undefined
  }

  stores(): ShopifyStore[] {
    return this.db
      .prepare(`SELECT shop, prefix, currency, time_zone AS timeZone FROM shopify_stores ORDER BY shop`)
      .all() as ShopifyStore[]
  }

  putStore(store: ShopifyStore): void {
    this.db
      .prepare(
        `INSERT INTO shopify_stores (shop, prefix, currency, time_zone, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (shop) DO UPDATE SET prefix = excluded.prefix, currency = excluded.currency,
           time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
      )
      .run(store.shop, store.prefix, store.currency, store.timeZone, isoNow(this.clock))
  }

  /** Stages an order as read; an unchanged order (same hash) keeps its state. */
  stage(order: ShopifyOrder, contentHash: string): void {
    this.db
      .prepare(
        `INSERT INTO shopify_orders (shop, order_id, name, updated_at, order_json, content_hash, staged_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (shop, order_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at,
           order_json = excluded.order_json, content_hash = excluded.content_hash, staged_at = excluded.staged_at
         WHERE shopify_orders.content_hash <> excluded.content_hash`,
      )
      .run(
        order.shop,
        order.id,
        order.name,
        order.updatedAt,
        JSON.stringify(order),
        contentHash,
        isoNow(this.clock),
      )
  }

  order(shop: string, orderId: string): StagedShopifyOrder | undefined {
    const row = this.db
      .prepare(
        `SELECT order_json AS json, content_hash AS contentHash, posted_hash AS postedHash, problem
         FROM shopify_orders WHERE shop = ? AND order_id = ?`,
      )
      .get(shop, orderId) as
      {json: string; contentHash: string; postedHash: string | null; problem: string | null} | undefined
    return row && {order: ShopifyOrder.parse(JSON.parse(row.json)), ...withoutJson(row)}
  }

  /** Orders of a store (every one, or only those whose documents are not all in QBO yet), oldest first. */
  orders(shop: string, filter: {pendingOnly?: boolean} = {}): StagedShopifyOrder[] {
    const rows = this.db
      .prepare(
        `SELECT order_json AS json, content_hash AS contentHash, posted_hash AS postedHash, problem
         FROM shopify_orders WHERE shop = ?
         ${filter.pendingOnly ? 'AND (posted_hash IS NULL OR posted_hash <> content_hash)' : ''}
         ORDER BY updated_at, order_id`,
      )
      .all(shop) as {json: string; contentHash: string; postedHash: string | null; problem: string | null}[]
    return rows.map((r) => ({order: ShopifyOrder.parse(JSON.parse(r.json)), ...withoutJson(r)}))
  }

  countPending(shop: string): number {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM shopify_orders WHERE shop = ? AND (posted_hash IS NULL OR posted_hash <> content_hash)`,
      )
      .get(shop) as {n: number}
    return row.n
  }

  /** Every document of this order is in QBO as the staged version asks: nothing to do until it changes. */
  markPosted(shop: string, orderId: string, contentHash: string): void {
    this.db
      .prepare(`UPDATE shopify_orders SET posted_hash = ?, problem = NULL WHERE shop = ? AND order_id = ?`)
      .run(contentHash, shop, orderId)
  }

  /** Why an order's documents could not all be written (null clears it); the order stays pending. */
  setProblem(shop: string, orderId: string, problem: string | null): void {
    this.db
      .prepare(`UPDATE shopify_orders SET problem = ? WHERE shop = ? AND order_id = ?`)
      .run(problem, shop, orderId)
  }

  /** Every order of a store plans again at the next run (settings changed). */
  replanAll(shop?: string): void {
    if (shop) this.db.prepare(`UPDATE shopify_orders SET posted_hash = NULL WHERE shop = ?`).run(shop)
    else this.db.prepare(`UPDATE shopify_orders SET posted_hash = NULL`).run()
  }

  /** A refund staged with an order earlier (refunds do not change once made). */
  knownRefund(shop: string, orderId: string, refundId: string): ShopifyRefund | undefined {
    return this.order(shop, orderId)?.order.refunds.find((r) => r.id === refundId)
  }

  postings(shop: string, orderId?: string): ShopifyPosting[] {
    return (
      orderId === undefined
        ? this.db
            .prepare(`SELECT ${POSTING} FROM shopify_postings WHERE shop = ? ORDER BY order_id, doc_key`)
            .all(shop)
        : this.db
            .prepare(
              `SELECT ${POSTING} FROM shopify_postings WHERE shop = ? AND order_id = ? ORDER BY doc_key`,
            )
            .all(shop, orderId)
    ) as ShopifyPosting[]
  }

  posting(shop: string, orderId: string, docKey: string): ShopifyPosting | undefined {
    return this.db
      .prepare(`SELECT ${POSTING} FROM shopify_postings WHERE shop = ? AND order_id = ? AND doc_key = ?`)
      .get(shop, orderId, docKey) as ShopifyPosting | undefined
  }

  /** Call inside the transaction that records the write's outcome (the writer's onLanded). */
  putPosting(p: ShopifyPosting): void {
    this.db
      .prepare(
        `INSERT INTO shopify_postings (shop, order_id, doc_key, entity, qbo_id, sync_token, payload_hash, total, role,
                                       state, run_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (shop, order_id, doc_key) DO UPDATE SET entity = excluded.entity, qbo_id = excluded.qbo_id,
           sync_token = excluded.sync_token, payload_hash = excluded.payload_hash, total = excluded.total,
           role = excluded.role, state = excluded.state, run_id = excluded.run_id, updated_at = excluded.updated_at`,
      )
      .run(
        p.shop,
        p.orderId,
        p.docKey,
        p.entity,
        p.qboId,
        p.syncToken,
        p.payloadHash,
        p.total,
        p.role,
        p.state,
        p.runId,
        isoNow(this.clock),
      )
  }

  /** Records a webhook delivery; false when this id was seen before (Shopify delivers at least once). */
  recordWebhook(webhookId: string, shop: string, topic: string, orderId: string | null): boolean {
    const r = this.db
      .prepare(
        `INSERT INTO shopify_webhooks (webhook_id, shop, topic, order_id, received_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (webhook_id) DO NOTHING`,
      )
      .run(webhookId, shop, topic, orderId, isoNow(this.clock))
    return r.changes === 1
  }
}

function withoutJson<T extends {json: string}>(row: T): Omit<T, 'json'> {
  const {json: _json, ...rest} = row
  return rest
}
