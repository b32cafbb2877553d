// A fake QBO + Intuit OAuth server for the client's tests, reproducing the documented behaviours the
// client must survive (qbo-api.md; the emulator contract in the helper brief): QBO-style and strict
// refresh-token rotation, 429 with QBO's XML body, JSON and lower-case gateway faults, requestid replay,
// "timeout" faults that commit and never answer, paging, batch. It is a test double, not the emulator.
import {randomBytes} from 'node:crypto'
import {type IncomingMessage, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

import {createBooks} from './fake-books.js'
import {DAY_MS, THROTTLE_XML, entityName, fault, gateway401, parseFaultSpec, rng} from './fake-shapes.js'

export interface FakeQboOptions {
  port?: number
  timeScale?: number
  faults?: string
  strictRotation?: boolean
  seed?: number
  realmId?: string
  throttling?: boolean
  clientId?: string
  clientSecret?: string
  /** Access-token lifetime in seconds (before time scaling). */
  accessTtl?: number
  limits?: {perMinute?: number; concurrent?: number; batchPerMinute?: number}
}

export interface FakeStats {
  requests: number
  throttled: number
  faultsInjected: Record<string, number>
  invalidGrant: number
  refreshes: number
  entities: Record<string, number>
}

export interface FakeQbo {
  url: string
  realmId: string
  stats(): FakeStats
  close(): Promise<void>
}

export async function startFakeQbo(o: FakeQboOptions = {}): Promise<FakeQbo> {
  const scale = o.timeScale ?? 1
  const realmId = o.realmId ?? '9130000000000001'
  const clientId = o.clientId ?? 'qbo-emulator-client'
  const clientSecret = o.clientSecret ?? 'qbo-emulator-secret'
  const limits = {perMinute: 500, concurrent: 10, batchPerMinute: 40, ...o.limits}
  const windowMs = 60_000 / scale
  const random = rng(o.seed ?? 1)
  let faultRates = parseFaultSpec(o.faults)
  const stats: FakeStats = {
    requests: 0,
    throttled: 0,
    faultsInjected: {},
    invalidGrant: 0,
    refreshes: 0,
    entities: {},
  }
  const tok = () => randomBytes(18).toString('base64url')

  const codes = new Map<string, {realmId: string}>()
  const access = new Map<string, {realmId: string; expires: number}>()
  const refresh = new Map<string, {realmId: string; issued: number; supersededAt?: number}>()
  const current = new Map<string, string>()
  const replay = new Map<string, {status: number; body: unknown}>()
  const starts: number[] = []
  const batchStarts: number[] = []
  let inFlight = 0
  const held = new Set<Socket>()

  function issue(realm: string, rotate: boolean) {
    const now = Date.now()
    let rt = current.get(realm)
    if (!rt || rotate) {
      if (rt) refresh.set(rt, {...(refresh.get(rt) as {realmId: string; issued: number}), supersededAt: now})
      rt = tok()
      refresh.set(rt, {realmId: realm, issued: now})
      current.set(realm, rt)
    }
    const at = tok()
    const ttl = (o.accessTtl ?? 3600) / scale
    access.set(at, {realmId: realm, expires: now + ttl * 1000})
    return {
      token_type: 'bearer',
      access_token: at,
      refresh_token: rt,
      expires_in: Math.round(ttl),
      x_refresh_token_expires_in: Math.round((100 * 86_400) / scale),
      x_refresh_token_hard_expires_in: Math.round((5 * 365 * 86_400) / scale),
      realmId: realm,
    }
  }

  const {write, runQuery, batch, table} = createBooks(stats)

  function roll(): string | undefined {
    for (const [name, p] of Object.entries(faultRates)) {
      if (random() < p) {
        stats.faultsInjected[name] = (stats.faultsInjected[name] ?? 0) + 1
        return name
      }
    }
    return undefined
  }

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    const type = typeof body === 'string' && body.startsWith('<') ? 'application/xml' : 'application/json'
    res
      .writeHead(status, {
        'content-type': type,
        intuit_tid: `tid-${randomBytes(4).toString('hex')}`,
        ...headers,
      })
      .end(text)
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const m = /^\/v3\/company\/([^/]+)\/(.+)$/.exec(url.pathname)
    const realm = m?.[1] ?? ''
    const rest = m?.[2] ?? ''
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const at = auth ? access.get(auth) : undefined
    if (!at || at.expires < Date.now() || at.realmId !== realm) return send(res, 401, gateway401())
    const now = Date.now()
    const isBatch = rest === 'batch'
    if (o.throttling !== false) {
      while (starts.length && (starts[0] as number) <= now - windowMs) starts.shift()
      while (batchStarts.length && (batchStarts[0] as number) <= now - windowMs) batchStarts.shift()
      if (
        starts.length >= limits.perMinute ||
        inFlight >= limits.concurrent ||
        (isBatch && batchStarts.length >= limits.batchPerMinute)
      ) {
        stats.throttled++
        return send(res, 429, THROTTLE_XML)
      }
      starts.push(now)
      if (isBatch) batchStarts.push(now)
    }
    const injected = roll()
    if (injected === 'throttle') {
      stats.throttled++
      return send(res, 429, THROTTLE_XML)
    }
    if (injected === 'http500')
      return send(
        res,
        500,
        fault(
          '10000',
          'An application error has occurred while processing your request',
          'System Failure Error',
          'SystemFault',
        ),
      )
    if (injected === 'reset') {
      req.socket.destroy()
      return
    }
    inFlight++
    try {
      await new Promise((r) => setImmediate(r))
      let result: {status: number; body: unknown}
      const requestId = url.searchParams.get('requestid')
      const replayKey = `${realm}\u001f${requestId}`
      if (req.method === 'POST' && requestId && replay.has(replayKey)) {
        result = replay.get(replayKey) as {status: number; body: unknown}
      } else if (rest === 'query') {
        result = runQuery(req.method === 'POST' ? raw : (url.searchParams.get('query') ?? ''))
      } else if (rest === `companyinfo/${realm}`) {
        result = {
          status: 200,
          body: {
            CompanyInfo: {Id: '1', SyncToken: '0', CompanyName: 'Fake Company Pty Ltd', Country: 'AU'},
            time: new Date().toISOString(),
          },
        }
      } else if (rest.startsWith('reports/')) {
        result =
          url.searchParams.get('start_date') === 'bad'
            ? {
                status: 200,
                body: fault(
                  '10000',
                  'An application error has occurred while processing your request',
                  'System Failure Error: date',
                  'SystemFault',
                ),
              }
            : {status: 200, body: {Header: {}, Rows: {}}}
      } else if (isBatch && req.method === 'POST') {
        result = batch(JSON.parse(raw) as {BatchItemRequest?: Record<string, unknown>[]})
      } else if (req.method === 'POST') {
        result = write(
          entityName(rest),
          JSON.parse(raw) as Record<string, unknown>,
          url.searchParams.get('operation') ?? 'create',
        )
      } else {
        const [ent, id] = rest.split('/')
        const row = table(entityName(ent ?? '')).get(id ?? '')
        result = row
          ? {status: 200, body: {[entityName(ent ?? '')]: row}}
          : {status: 400, body: fault('610', 'Object Not Found')}
      }
      if (req.method === 'POST' && requestId && rest !== 'query') replay.set(replayKey, result)
      if (injected === 'timeout') {
        held.add(req.socket)
        return
      }
      send(res, result.status, result.body)
    } finally {
      inFlight--
    }
  }

  function oauthToken(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (!basic || Buffer.from(basic, 'base64').toString() !== `${clientId}:${clientSecret}`)
      return send(res, 401, {error: 'invalid_client'})
    const form = new URLSearchParams(raw)
    if (form.get('grant_type') === 'authorization_code') {
      const c = codes.get(form.get('code') ?? '')
      codes.delete(form.get('code') ?? '')
      if (!c) return send(res, 400, {error: 'invalid_grant'})
      return send(res, 200, issue(c.realmId, true))
    }
    if (form.get('grant_type') === 'refresh_token') {
      stats.refreshes++
      const rt = refresh.get(form.get('refresh_token') ?? '')
      const now = Date.now()
      const grace = o.strictRotation ? 0 : DAY_MS / scale
      if (!rt || (rt.supersededAt !== undefined && now - rt.supersededAt >= grace)) {
        stats.invalidGrant++
        return send(res, 400, {error: 'invalid_grant'})
      }
      const cur = current.get(rt.realmId) as string
      const rotate = o.strictRotation === true || now - (refresh.get(cur)?.issued ?? 0) >= DAY_MS / scale
      return send(res, 200, issue(rt.realmId, rotate))
    }
    return send(res, 400, {error: 'unsupported_grant_type'})
  }

  function consentPage(res: ServerResponse, url: URL): void {
    if (url.searchParams.get('client_id') !== clientId) return send(res, 400, {error: 'invalid_client'})
    const hidden = ['redirect_uri', 'state', 'scope', 'client_id']
      .map(
        (k) =>
          `<input type="hidden" name="${k}" value="${(url.searchParams.get(k) ?? '').replace(/"/g, '&quot;')}">`,
      )
      .join('')
    res
      .writeHead(200, {'content-type': 'text/html; charset=utf-8'})
      .end(
        `<!doctype html><title>Connect to Fake QBO</title><form method="post" action="/connect/oauth2">${hidden}<p>Company ${realmId}</p><button id="connect" name="decision" value="allow">Connect</button><button id="deny" name="decision" value="deny">Deny</button></form>`,
      )
  }

  function consentPost(res: ServerResponse, raw: string): void {
    const form = new URLSearchParams(raw)
    const target = new URL(form.get('redirect_uri') ?? '')
    target.searchParams.set('state', form.get('state') ?? '')
    if (form.get('decision') === 'allow') {
      const code = tok()
      codes.set(code, {realmId})
      target.searchParams.set('code', code)
      target.searchParams.set('realmId', realmId)
    } else target.searchParams.set('error', 'access_denied')
    res.writeHead(302, {location: target.href}).end()
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const p = url.pathname
      void (async () => {
        if (p.startsWith('/v3/company/')) {
          stats.requests++
          return api(req, res, url, raw)
        }
        if (p === '/connect/oauth2')
          return req.method === 'POST' ? consentPost(res, raw) : consentPage(res, url)
        if (p === '/oauth2/v1/tokens/bearer') return oauthToken(req, res, raw)
        if (p === '/oauth2/v1/tokens/revoke') {
          const body = raw.startsWith('{')
            ? (JSON.parse(raw) as {token?: string})
            : {token: new URLSearchParams(raw).get('token') ?? ''}
          const rt = refresh.get(body.token ?? '')
          if (rt) {
            for (const [k, v] of refresh) if (v.realmId === rt.realmId) refresh.delete(k)
            for (const [k, v] of access) if (v.realmId === rt.realmId) access.delete(k)
            current.delete(rt.realmId)
          }
          return send(res, 200, {})
        }
        if (p === '/_emulator/tokens') {
          const body = raw ? (JSON.parse(raw) as {realmId?: string}) : {}
          return send(res, 200, issue(body.realmId ?? realmId, true))
        }
        if (p === '/_emulator/stats') return send(res, 200, stats)
        if (p === '/_emulator/faults') {
          const body = JSON.parse(raw || '{}') as {faults?: string} | string
          faultRates = parseFaultSpec(typeof body === 'string' ? body : body.faults)
          return send(res, 200, {faults: faultRates})
        }
        return send(res, 404, fault('500', 'Unsupported Operation'))
      })().catch((e: unknown) => send(res, 500, {error: String(e)}))
    })
  })
  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    realmId,
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((r) => {
        for (const s of held) s.destroy()
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
