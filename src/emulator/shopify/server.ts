import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {amountText} from '../../domain/money.js'
import {answerGraphql} from './api.js'
import type {EmuOrder} from './model.js'
import {EmulatorInputError} from './orders.js'
import {SUPPORTED_VERSIONS} from './schema.js'
import type {Shops} from './shops.js'
import {orderTotals} from './totals.js'

export interface ShopifyEmulatorStats {
  requests: number
  graphql: number
  throttled: number
  failed: number
  webhooks: {sent: number; failed: number}
}

const GRAPHQL = /^\/store\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {'content-type': 'application/json; charset=utf-8', ...headers})
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as unknown) : {}
}

/** What the control endpoints answer about an order: enough for a script or test to act on it. */
export function orderSummary(order: EmuOrder): Record<string, unknown> {
  const t = orderTotals(order)
  return {
    id: order.id,
    name: order.name,
    updatedAt: order.updatedAt,
    presentmentCurrency: order.presentmentCurrency,
    lines: order.lines.map((l) => ({id: l.id, sku: l.sku, title: l.title, quantity: l.quantity})),
    transactions: order.transactions.map((x) => ({
      id: x.id,
      kind: x.kind,
      gateway: x.gateway,
      amount: x.amount,
    })),
    refunds: order.refunds.map((r) => r.id),
    currentTotal: amountText(t.currentTotal.p),
    outstanding: amountText(t.outstanding.p),
  }
}

export interface ServerOptions {
  port: number
  latencyMs: number
}

/**
 * The HTTP face of the emulator: `POST /store/{shop}/admin/api/{version}/graphql.json` with the shop's
 * `X-Shopify-Access-Token` (a real shop answers on its own host; SHOPIFY_BASE_URL points the sync here), and
 * control endpoints under `/_emulator/` for scripts and tests.
 */
export async function startShopifyServer(
  shops: Shops,
  options: ServerOptions,
): Promise<{
  url: string
  stats: () => ShopifyEmulatorStats
  failNext: (count: number, status: number) => void
  close: () => Promise<void>
}> {
  const stats: ShopifyEmulatorStats = {
    requests: 0,
    graphql: 0,
    throttled: 0,
    failed: 0,
    webhooks: shops.webhookStats,
  }
  const faults = {count: 0, status: 503}

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const graphql = GRAPHQL.exec(url.pathname)
    if (graphql && method === 'POST') {
      const shop = shops.byDomain.get(decodeURIComponent(graphql[1]!))
      if (!shop) return send(res, 404, {errors: 'Not Found'})
      if (req.headers['x-shopify-access-token'] !== shop.token)
        return send(res, 401, {
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        })
      if (faults.count > 0) {
        faults.count--
        stats.failed++
        return send(res, faults.status, {errors: 'Service Unavailable'})
      }
      // An unknown version is served by the oldest supported one, and the answer says which (as Shopify does).
      const version = (SUPPORTED_VERSIONS as readonly string[]).includes(graphql[2]!)
        ? graphql[2]!
        : SUPPORTED_VERSIONS[0]
      let body: unknown
      try {
        body = await readJson(req)
      } catch {
        return send(res, 400, {errors: 'Bad Request: the body is not JSON'})
      }
      if (options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs))
      stats.graphql++
      const answer = answerGraphql(shop, shops.bucket(shop.domain), body)
      const errors = (answer.body.errors as {extensions?: {code?: string}}[] | undefined) ?? []
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) stats.throttled++
      return send(res, answer.status, answer.body, {'x-shopify-api-version': version})
    }
    if (url.pathname.startsWith('/_emulator/')) return control(shops, method, url, req, res, stats, faults)
    send(res, 404, {errors: 'Not Found'})
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof EmulatorInputError ? 422 : 500
      if (!res.headersSent) send(res, status, {errors: String((error as Error).message ?? error)})
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    failNext: (count, status) => Object.assign(faults, {count, status}),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

async function control(
  shops: Shops,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  stats: ShopifyEmulatorStats,
  faults: {count: number; status: number},
): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent)
  if (method === 'GET' && parts[0] === 'stats') return send(res, 200, stats)
  if (method === 'PUT' && parts[0] === 'faults') {
    const body = (await readJson(req)) as {count?: number; status?: number}
    Object.assign(faults, {count: body.count ?? 1, status: body.status ?? 503})
    return send(res, 200, faults)
  }
  if (parts[0] !== 'shops') return send(res, 404, {errors: 'Not Found'})
  if (parts.length === 1 && method === 'GET') {
    return send(
      res,
      200,
      [...shops.byDomain.values()].map((s) => ({
        domain: s.domain,
        name: s.name,
        currency: s.currency,
        timezone: s.timezone,
        token: s.token,
        orders: s.orders.size,
      })),
    )
  }
  const domain = parts[1]
  if (!domain) return send(res, 404, {errors: 'Not Found'})
  if (parts.length === 3 && parts[2] === 'webhook' && method === 'PUT') {
    const body = (await readJson(req)) as {url?: string; secret?: string}
    if (!body.url || !body.secret) throw new EmulatorInputError('give url and secret')
    shops.shop(domain).webhook = {url: body.url, secret: body.secret}
    return send(res, 200, {ok: true})
  }
  if (parts[2] !== 'orders') return send(res, 404, {errors: 'Not Found'})
  if (parts.length === 3 && method === 'GET')
    return send(res, 200, [...shops.shop(domain).orders.values()].map(orderSummary))
  if (parts.length === 3 && method === 'POST')
    return send(res, 201, orderSummary(shops.createOrder(domain, await readJson(req))))
  const id = parts[3]!
  const body = method === 'POST' ? await readJson(req) : undefined
  switch (`${method} ${parts[4] ?? ''}`) {
    case 'GET ':
      return send(res, 200, orderSummary(shops.order(domain, id)))
    case 'POST transactions':
      return send(res, 201, orderSummary(shops.addTransaction(domain, id, body)))
    case 'POST refunds':
      return send(res, 201, orderSummary(shops.refund(domain, id, body)))
    case 'POST edit':
      return send(res, 200, orderSummary(shops.edit(domain, id, body)))
    default:
      return send(res, 404, {errors: 'Not Found'})
  }
}
