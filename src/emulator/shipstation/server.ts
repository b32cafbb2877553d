import {type IncomingMessage, type ServerResponse, createServer, type Server} from 'node:http'

import {z} from 'zod'

import {readBody, sendJson} from './http.js'
import type {RateLimit} from './rate-limit.js'
import {BadRequest, type ShipStationState} from './state.js'

export interface ServerContext {
  state: ShipStationState
  limit: RateLimit
  apiKey: string
  apiSecret: string
  /** Back to the seeded account (control endpoint). */
  reset(): void
  stats(): object
}

const labelBody = z.object({
  storeId: z.coerce.number().int(),
  orderNumber: z.string().min(1),
  orderKey: z.string().optional(),
  customerName: z.string().optional(),
  carrierCode: z.string().optional(),
  serviceCode: z.string().optional(),
  shipDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  trackingNumber: z.string().optional(),
  isReturnLabel: z.boolean().optional(),
})
const voidBody = z.object({shipmentId: z.coerce.number().int()})
const orderLabelBody = z
  .object({
    orderId: z.coerce.number().int(),
    carrierCode: z.string(),
    serviceCode: z.string(),
    shipDate: z.string().optional(),
  })
  .passthrough()

/** V1's endpoints the sync reads (and the two label calls a script may use), plus /_emulator/ controls. */
export function createShipStationServer(ctx: ServerContext): Server {
  return createServer((req, res) => {
    handle(ctx, req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy()
      if (e instanceof BadRequest || e instanceof z.ZodError || e instanceof SyntaxError)
        return sendJson(res, 400, {
          Message: 'The request is invalid.',
          ExceptionMessage: (e as Error).message,
        })
      sendJson(res, 500, {Message: 'An error has occurred.'})
    })
  })
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname.replace(/\/+$/, '').toLowerCase()
  const method = req.method ?? 'GET'
  const body = await readBody(req)
  const json = () => (body.trim() ? (JSON.parse(body) as unknown) : {})
  if (path.startsWith('/_emulator/')) return control(ctx, method, path, json, res)

  const key = basicKey(req.headers.authorization, ctx)
  if (!key) {
    res.writeHead(401, {'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="ShipStation"'})
    return void res.end('401 Unauthorized')
  }
  const verdict = ctx.limit.take(key)
  for (const [h, v] of Object.entries(verdict.headers)) res.setHeader(h, v)
  if (!verdict.ok) return sendJson(res, 429, {message: 'Too Many Requests'})

  if (method === 'GET' && path === '/stores') {
    const all = url.searchParams.get('showInactive') === 'true'
    return sendJson(res, 200, ctx.state.stores.filter((s) => all || s.active).map(storeJson))
  }
  if (method === 'GET' && path === '/shipments')
    return sendJson(res, 200, ctx.state.listShipments(url.searchParams))
  if (method === 'POST' && path === '/shipments/voidlabel') {
    const {shipmentId} = voidBody.parse(json())
    const approved = ctx.state.voidLabel(shipmentId)
    return sendJson(res, 200, {
      approved,
      message: approved ? 'Label voided successfully' : 'Label not voided',
    })
  }
  if (method === 'POST' && path === '/orders/createlabelfororder') {
    const b = orderLabelBody.parse(json())
    const label = ctx.state.createLabel({
      orderId: b.orderId,
      carrierCode: b.carrierCode,
      serviceCode: b.serviceCode,
      ...(b.shipDate ? {shipDate: b.shipDate.slice(0, 10)} : {}),
    })
    return sendJson(res, 200, ctx.state.json(label))
  }
  return sendJson(res, 404, {Message: `No HTTP resource was found that matches ${method} ${url.pathname}`})
}

function control(
  ctx: ServerContext,
  method: string,
  path: string,
  json: () => unknown,
  res: ServerResponse,
): void {
  if (method === 'GET' && path === '/_emulator/stats') return sendJson(res, 200, ctx.stats())
  if (method === 'POST' && path === '/_emulator/reset') {
    ctx.reset()
    return sendJson(res, 200, {reset: true})
  }
  if (method === 'POST' && path === '/_emulator/quota') {
    const {used} = z.object({used: z.number().int().min(0)}).parse(json())
    ctx.limit.consume(ctx.apiKey, used)
    return sendJson(res, 200, {used})
  }
  if (method === 'POST' && path === '/_emulator/labels') {
    const b = labelBody.parse(json())
    const order =
      ctx.state.findOrder(b.storeId, b.orderNumber) ??
      ctx.state.addOrder({
        storeId: b.storeId,
        orderNumber: b.orderNumber,
        ...(b.orderKey ? {orderKey: b.orderKey} : {}),
        ...(b.customerName ? {customerName: b.customerName} : {}),
      })
    const label = ctx.state.createLabel({
      orderId: order.orderId,
      ...(b.carrierCode ? {carrierCode: b.carrierCode} : {}),
      ...(b.serviceCode ? {serviceCode: b.serviceCode} : {}),
      ...(b.shipDate ? {shipDate: b.shipDate} : {}),
      ...(b.trackingNumber ? {trackingNumber: b.trackingNumber} : {}),
      ...(b.isReturnLabel ? {isReturnLabel: true} : {}),
    })
    return sendJson(res, 200, ctx.state.json(label))
  }
  if (method === 'POST' && path === '/_emulator/labels/void') {
    const {shipmentId} = voidBody.parse(json())
    return sendJson(res, 200, {voided: ctx.state.voidLabel(shipmentId)})
  }
  return sendJson(res, 404, {error: `No emulator endpoint ${method} ${path}`})
}

/** The API key of a request with the account's key and secret, or undefined. */
function basicKey(header: string | undefined, ctx: ServerContext): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!m) return undefined
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const [key, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)]
  return colon > 0 && key === ctx.apiKey && secret === ctx.apiSecret ? key : undefined
}

function storeJson(s: ShipStationState['stores'][number]): Record<string, unknown> {
  return {
    storeId: s.storeId,
    storeName: s.storeName,
    marketplaceId: 13,
    marketplaceName: s.marketplaceName,
    accountName: null,
    email: null,
    integrationUrl: null,
    active: s.active,
    companyName: '',
    phone: '',
    publicEmail: '',
    website: '',
    refreshDate: null,
    lastRefreshAttempt: null,
    createDate: '2024-01-01T00:00:00.0000000',
    modifyDate: '2024-01-01T00:00:00.0000000',
    autoRefresh: true,
  }
}
