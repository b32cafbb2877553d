import {createHmac, randomUUID} from 'node:crypto'

import type {EmuOrder, EmuShop} from './model.js'

export type WebhookTopic = 'orders/create' | 'orders/updated' | 'refunds/create'

export interface WebhookStats {
  sent: number
  failed: number
}

/**
 * What the emulated shop sends to a subscribed endpoint when an order changes (Shopify's delivery headers;
 * the body is the REST-shaped resource, cut down to the fields a receiver needs to find it). Signed with
 * the app's secret: base64 HMAC-SHA256 of the raw body. `repeat` sends each delivery twice under the same
 * webhook id, as Shopify may (its deliveries are at least once).
 */
export async function deliver(
  shop: EmuShop,
  topic: WebhookTopic,
  order: EmuOrder,
  stats: WebhookStats,
  options: {repeat?: boolean; now: () => number},
): Promise<void> {
  const hook = shop.webhook
  if (!hook) return
  const body = JSON.stringify({
    id: Number(order.id),
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: order.name,
    updated_at: order.updatedAt,
    ...(topic === 'refunds/create' ? {order_id: Number(order.id)} : {}),
  })
  const headers = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': shop.domain,
    'x-shopify-hmac-sha256': createHmac('sha256', hook.secret).update(body, 'utf8').digest('base64'),
    'x-shopify-webhook-id': randomUUID(),
    'x-shopify-event-id': randomUUID(),
    'x-shopify-triggered-at': new Date(options.now()).toISOString(),
    'x-shopify-api-version': '2026-01',
  }
  for (let i = 0; i < (options.repeat ? 2 : 1); i++) {
    try {
      const res = await fetch(hook.url, {method: 'POST', headers, body, signal: AbortSignal.timeout(5000)})
      if (res.ok) stats.sent++
      else stats.failed++
      await res.arrayBuffer()
    } catch {
      stats.failed++
    }
  }
}
