import {randomUUID} from 'node:crypto'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {answerApi} from './api.js'
import type {XeroCompany} from './company.js'
import {derive} from './derive.js'
import {type AccessCheck, Identity} from './identity.js'
import {type LimitProblem, RateLimiter} from './limits.js'
import {ParamError} from './params.js'
import {QueryParseError} from './query.js'

export interface XeroEmulatorStats {
  requests: number
  apiCalls: number
  throttled: Record<LimitProblem, number>
  byPath: Record<string, number>
}

export interface XeroServerOptions {
  company: XeroCompany
  tenantId: string
  tenantName: string
  port: number
  timeScale: number
  minuteLimit: number
  dailyLimit: number
  concurrentLimit: number
  rateLimits: boolean
  /** Real milliseconds each API answer waits, so concurrent callers overlap (0: answer at once). */
  latencyMs: number
  now: () => number
}

export interface RunningXeroServer {
  url: string
  stats(): XeroEmulatorStats
  close(): Promise<void>
}

const API_PREFIX = '/api.xro/2.0/'

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {'content-type': 'application/json; charset=utf-8', ...headers})
  res.end(text)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startServer(options: XeroServerOptions): Promise<RunningXeroServer> {
  const identity = new Identity(options.now, options.timeScale)
  // The company is read-only, so what Xero derives from it (payments on invoices, balances) is indexed once.
  const derived = derive(options.company)
  const limiter = new RateLimiter(
    {
      minuteLimit: options.minuteLimit,
      dailyLimit: options.dailyLimit,
      concurrentLimit: options.concurrentLimit,
      timeScale: options.timeScale,
      enabled: options.rateLimits,
    },
    options.now,
  )
  const stats: XeroEmulatorStats = {
    requests: 0,
    apiCalls: 0,
    throttled: {minute: 0, day: 0, concurrent: 0},
    byPath: {},
  }
  const connection = {
    id: randomUUID(),
    authEventId: randomUUID(),
    tenantId: options.tenantId,
    tenantType: 'ORGANISATION',
    tenantName: options.tenantName,
    createdDateUtc: new Date(options.now()).toISOString(),
    updatedDateUtc: new Date(options.now()).toISOString(),
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    const method = req.method ?? 'GET'

    if (method === 'POST' && path === '/connect/token') {
      const form = new URLSearchParams(await readBody(req))
      const answer = identity.token(form, /^Basic\s+\S+/i.test(req.headers.authorization ?? ''))
      send(res, 'error' in answer ? 400 : 200, answer)
      return
    }
    if (method === 'POST' && path === '/connect/revocation') {
      const form = new URLSearchParams(await readBody(req))
      const refused = identity.revoke(form, /^Basic\s+\S+/i.test(req.headers.authorization ?? ''))
      send(res, refused ? 400 : 200, refused ?? {})
      return
    }
    if (method === 'GET' && path === '/identity/connect/authorize') {
      const redirect = url.searchParams.get('redirect_uri')
      if (!redirect) return send(res, 400, {error: 'invalid_request'})
      const target = new URL(redirect)
      target.searchParams.set('code', identity.issueCode(redirect, url.searchParams.get('scope') ?? ''))
      const state = url.searchParams.get('state')
      if (state !== null) target.searchParams.set('state', state)
      res.writeHead(302, {location: target.toString()})
      res.end()
      return
    }
    if (method === 'POST' && path === '/_emulator/tokens') {
      send(res, 200, {...identity.tokens('accounting.transactions.read', true), tenantId: options.tenantId})
      return
    }
    if (method === 'GET' && path === '/_emulator/stats') return send(res, 200, stats)
    if (method === 'GET' && path === '/connections') {
      const access = identity.checkAccessToken(req.headers.authorization)
      if (access.state !== 'valid') return unauthorized(res, access)
      send(res, 200, [connection])
      return
    }
    if (method !== 'GET' || !path.startsWith(API_PREFIX)) {
      send(res, 404, {Title: 'Not Found', Status: 404, Detail: `${method} ${path}`})
      return
    }

    const access = identity.checkAccessToken(req.headers.authorization)
    if (access.state !== 'valid') return unauthorized(res, access)
    const tenant = String(req.headers['xero-tenant-id'] ?? '')
    if (tenant.toLowerCase() !== options.tenantId.toLowerCase()) {
      // The body of a real 403 for a wrong xero-tenant-id (xeroizer's invalid_tenant_header.json).
      send(res, 403, {
        title: 'Forbidden',
        status: 403,
        detail: 'AuthenticationUnsuccessful',
        instance: randomUUID(),
      })
      return
    }
    const admission = limiter.admit(tenant)
    if (!admission.ok) {
      stats.throttled[admission.problem]++
      send(
        res,
        429,
        {Title: 'Too Many Requests', Status: 429, Detail: `Rate limit exceeded (${admission.problem})`},
        {'retry-after': String(admission.retryAfterSeconds), 'x-rate-limit-problem': admission.problem},
      )
      return
    }
    stats.apiCalls++
    // The slot is held until the answer has left, so calls overlap while "in flight" as they do at Xero.
    res.once('close', () => admission.release())
    const segments = path.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent)
    const key = segments[0] ?? ''
    stats.byPath[key] = (stats.byPath[key] ?? 0) + 1
    try {
      if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
      const ims = req.headers['if-modified-since']
      const answer = answerApi(options.company, derived, segments, url.searchParams, ims, options.now())
      send(res, answer.status, answer.body, {
        'x-daylimit-remaining': String(admission.dayRemaining),
        'x-minlimit-remaining': String(admission.minuteRemaining),
        'x-appminlimit-remaining': '9999',
      })
    } catch (error) {
      if (error instanceof ParamError) {
        // Xero's binder answers in plain text, not JSON (xero-node #502).
        res.writeHead(400, {'content-type': 'text/html; charset=utf-8'})
        res.end(error.message)
        return
      }
      if (!(error instanceof QueryParseError)) throw error
      send(res, 400, {
        ErrorNumber: 16,
        Type: 'QueryParseException',
        Message: error.message,
      })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, {Title: 'Internal Server Error', Detail: String(error)})
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** Xero's 401 bodies: an expired token says when it expired (xeroizer's expired_oauth2_token.json). */
function unauthorized(res: ServerResponse, access: AccessCheck): void {
  const detail =
    access.state === 'expired'
      ? `TokenExpired: token expired at ${usDateTime(access.expiredAt)}`
      : 'AuthenticationUnsuccessful'
  send(res, 401, {Type: null, Title: 'Unauthorized', Status: 401, Detail: detail, Instance: randomUUID()})
}

/** MM/DD/YYYY HH:mm:ss in UTC, as Xero writes the expiry. */
function usDateTime(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
}
