import {randomBytes} from 'node:crypto'
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http'
import type {Socket} from 'node:net'

import {executeApi} from './api.js'
import {control} from './control.js'
import {documentPdf, isBinaryReply, pdfTarget} from './documents.js'
import {faults, gatewayFault, throttleXml} from './faults.js'
import {BodyTooLarge, readBody, sendBytes, sendJson, sendText} from './http.js'
import {type OAuthConfig, bearer, consent, revoke} from './oauth-routes.js'
import type {EmulatorState} from './state.js'
import {qboTime} from './time.js'

const API_PREFIX = '/v3/company/'
/** QBO gives up on a request after 120 s (qbo-api.md §1); a `timeout` fault holds the socket that long. */
const QBO_REQUEST_TIMEOUT_MS = 120_000

export interface ServerHandle {
  server: Server
  /** Sockets held by `timeout` faults, destroyed on close. */
  held: Set<Socket>
}

export function createQboServer(state: EmulatorState, oauth: OAuthConfig): ServerHandle {
  const held = new Set<Socket>()
  const server = createServer((req, res) => {
    res.setHeader('intuit_tid', `1-${randomBytes(12).toString('hex')}`)
    res.setHeader('qbo-version', '1990.240')
    handle(state, oauth, held, req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy()
      if (e instanceof BodyTooLarge)
        return sendJson(res, 413, faults.unsupported('Request body too large').body(qboTime(state.now())))
      sendJson(res, 500, faults.system().body(qboTime(state.now())))
    })
  })
  server.keepAliveTimeout = 5_000
  return {server, held}
}

async function handle(
  state: EmulatorState,
  oauth: OAuthConfig,
  held: Set<Socket>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname
  const method = req.method ?? 'GET'
  if (path.startsWith('/_emulator/')) return control(state, method, url, await readBody(req), res)
  if (path === '/connect/oauth2') return consent(req, res, url, oauth)
  if (path === '/oauth2/v1/tokens/bearer') return bearer(req, res, oauth)
  if (path === '/oauth2/v1/tokens/revoke' || path === '/v2/oauth2/tokens/revoke')
    return revoke(req, res, oauth)
  if (!path.startsWith(API_PREFIX))
    return sendJson(res, 404, faults.unsupported(`No resource at ${path}`).body(qboTime(state.now())))
  const [realmId = '', ...segments] = path.slice(API_PREFIX.length).split('/').filter(Boolean)
  const core = state.companies.get(realmId)
  if (core) core.counters.requests++
  const bearerToken = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
  const tokenRealm = bearerToken ? state.tokens.verifyAccess(bearerToken) : undefined
  if (!tokenRealm) return sendJson(res, 401, gatewayFault(401, state.now()))
  if (tokenRealm !== realmId || !core) return sendJson(res, 403, gatewayFault(403, state.now()))
  const admission = core.throttle.admit(segments[0]?.toLowerCase() === 'batch')
  if (!admission.ok) {
    core.counters.throttled++
    core.counters.throttledBy[admission.reason]++
    return sendText(res, 429, 'application/xml', throttleXml(qboTime(core.now())))
  }
  // The slot is held until the answer has left or the connection is gone: a slow or held request
  // (latency and timeout faults) keeps counting against the company's 10 concurrent requests.
  res.once('finish', admission.slot.release)
  res.once('close', admission.slot.release)
  const body = await readBody(req)
  const injector = state.faults.forRealm(realmId)
  const {action, delayMs} = injector.next()
  const limit = QBO_REQUEST_TIMEOUT_MS / core.timeScale
  if (delayMs >= limit) {
    // Held past QBO's request timeout: QBO gives up on it and applies nothing (qbo-api.md §1).
    await new Promise((r) => setTimeout(r, limit))
    core.counters.timedOut++
    return sendText(res, 504, 'text/html', '<html><body><h1>504 Gateway Time-out</h1></body></html>')
  }
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
  if (action !== 'none') core.counters.faultsInjected[action]++
  if (action === 'reset') return void req.socket.destroy()
  if (action === 'http500') return sendJson(res, 500, faults.system().body(qboTime(core.now())))
  if (action === 'throttle') return sendText(res, 429, 'application/xml', throttleXml(qboTime(core.now())))
  const pdf = pdfTarget(method, segments)
  const reply = pdf
    ? await documentPdf(core, pdf.entity, pdf.id)
    : executeApi(core, {
        method,
        segments,
        params: url.searchParams,
        body,
        contentType: req.headers['content-type'] ?? '',
        replays: injector.replays(),
      })
  if (action === 'timeout') {
    // The work is committed; the answer is lost, as when a response never makes it back.
    const socket = req.socket
    held.add(socket)
    const timer = setTimeout(() => socket.destroy(), QBO_REQUEST_TIMEOUT_MS / core.timeScale)
    timer.unref()
    socket.once('close', () => {
      clearTimeout(timer)
      held.delete(socket)
    })
    return
  }
  if (isBinaryReply(reply)) return sendBytes(res, reply.status, reply.contentType, reply.bytes)
  sendJson(res, reply.status, reply.body)
}
