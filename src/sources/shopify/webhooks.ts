import {createHmac, timingSafeEqual} from 'node:crypto'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {normalizeDomain} from './config.js'

/** The topics the sync listens to; anything else is acknowledged and ignored. */
export const TOPICS = ['orders/create', 'orders/updated', 'refunds/create'] as const

export interface Delivery {
  webhookId: string
  shop: string
  topic: string
  /** The order the delivery is about, when the body says. */
  orderId: string | null
}

export interface ReceiverOptions {
  port: number
  /** The app's secret for a shop (it signs the deliveries); undefined refuses the shop's deliveries. */
  secretFor: (shop: string) => string | undefined
  /** Records a delivery; false when its webhook id was seen before (Shopify delivers at least once). */
  record: (d: Delivery) => boolean
  /** A new, genuine delivery about an order: the caller runs the sync for that shop soon. */
  onChange: (d: Delivery) => void
}

/**
 * `X-Shopify-Hmac-Sha256` is base64(HMAC-SHA256(raw body, app secret)); compared in constant time, on the
 * raw bytes as received (re-serialised JSON would not match).
 */
export function verifyHmac(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false
  const expected = createHmac('sha256', secret).update(raw).digest()
  const given = Buffer.from(header, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * A small local endpoint for Shopify's order webhooks (127.0.0.1 only; put a tunnel or reverse proxy in front
 * for Shopify to reach it). It answers at once — Shopify waits 5 s at most — and leaves the work to the sync,
 * which runs for the shop soon after; the periodic poll runs anyway, since webhooks are not guaranteed.
 */
export async function startWebhookReceiver(options: ReceiverOptions): Promise<{
  url: string
  close: () => Promise<void>
  stats: () => {accepted: number; duplicates: number; refused: number}
}> {
  const stats = {accepted: 0, duplicates: 0, refused: 0}
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405).end()
      return
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const header = (name: string) => {
      const v = req.headers[name]
      return Array.isArray(v) ? v[0] : v
    }
    const shopHeader = header('x-shopify-shop-domain')
    const shop = shopHeader ? normalizeDomain(shopHeader) : ''
    const secret = shop ? options.secretFor(shop) : undefined
    if (!secret || !verifyHmac(raw, header('x-shopify-hmac-sha256'), secret)) {
      stats.refused++
      res.writeHead(401).end()
      return
    }
    const webhookId = header('x-shopify-webhook-id') ?? ''
    const topic = header('x-shopify-topic') ?? ''
    let orderId: string | null = null
    try {
      const body = JSON.parse(raw.toString('utf8')) as {id?: unknown; order_id?: unknown}
      const id = topic === 'refunds/create' ? body.order_id : body.id
      if (typeof id === 'number' || typeof id === 'string') orderId = String(id)
    } catch {
      // A body that is not JSON still tells which shop changed.
    }
    res.writeHead(200).end()
    const delivery = {webhookId, shop, topic, orderId}
    if (!webhookId || !options.record(delivery)) {
      stats.duplicates++
      return
    }
    stats.accepted++
    if ((TOPICS as readonly string[]).includes(topic)) options.onChange(delivery)
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({...stats}),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A shop's webhook secret: SHOPIFY_WEBHOOK_SECRETS ("shop=secret,…"), else SHOPIFY_WEBHOOK_SECRET for every shop. */
export function webhookSecretFor(shop: string, env: Record<string, string | undefined>): string | undefined {
  for (const pair of (env.SHOPIFY_WEBHOOK_SECRETS ?? '').split(',')) {
    const at = pair.lastIndexOf('=')
    if (at > 0 && normalizeDomain(pair.slice(0, at)) === shop) return pair.slice(at + 1).trim()
  }
  return env.SHOPIFY_WEBHOOK_SECRET?.trim() || undefined
}
