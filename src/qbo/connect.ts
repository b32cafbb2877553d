import {randomBytes, timingSafeEqual} from 'node:crypto'
import {type IncomingMessage, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import {AuthError, ConfigError} from '../domain/errors.js'
import type {Logger} from '../ui/logger.js'
import {type QboConfig, endpointsFor} from './config.js'
import {QboClient} from './client.js'
import type {OAuthPort} from './oauth.js'
import {TokenKeeper, entryFromGrant} from './token-keeper.js'
import type {TokenStore} from './token-store.js'

export interface ConnectOptions {
  config: QboConfig
  store: TokenStore
  oauth: OAuthPort
  logger: Logger
  /** Overrides the port of QBO_REDIRECT_URI (0 picks a free one; Intuit needs the exact registered URI). */
  port?: number
  /** Opens the consent URL in the user's browser; absent with --no-browser. */
  openBrowser?: (url: string) => Promise<unknown>
  /** Shows the consent URL (always called, so a headless user can copy it). */
  showUrl: (url: string) => void
  timeoutMs: number
  realmHint?: string
  now?: () => Date
}

export interface ConnectResult {
  realmId: string
  companyName: string
  tokenFile: string
}

interface Callback {
  url: string
  realmId: string
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p>`

/** The one-time browser authorization: consent screen, local callback, code exchange, stored tokens. */
export async function connectQbo(o: ConnectOptions): Promise<ConnectResult> {
  const now = o.now ?? (() => new Date())
  const redirect = new URL(o.config.redirectUri)
  if (o.port !== undefined) redirect.port = String(o.port)
  const state = randomBytes(24).toString('hex')
  let settle: {resolve: (c: Callback) => void; reject: (e: Error) => void} | undefined
  const done = new Promise<Callback>((resolve, reject) => (settle = {resolve, reject}))
  // A callback can fail before we start awaiting (e.g. while the browser is being opened).
  done.catch(() => undefined)

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
    if (url.pathname !== redirect.pathname) {
      res.writeHead(404).end()
      return
    }
    const send = (status: number, title: string, text: string) =>
      res
        .writeHead(status, {'content-type': 'text/html; charset=utf-8', connection: 'close'})
        .end(PAGE(title, text))
    const q = url.searchParams
    if (!sameState(q.get('state'), state)) {
      send(400, 'Authorization failed', 'The answer did not match this request (state). Nothing was stored.')
      settle?.reject(
        new AuthError(
          'The authorization callback carried the wrong state; it was not answering this request',
          {
            next: 'Run `qbo auth connect` again and use only the URL it prints (an old or foreign link was used).',
          },
        ),
      )
      return
    }
    if (q.get('error')) {
      send(200, 'Authorization cancelled', 'You declined access. You can close this window.')
      settle?.reject(
        new AuthError(`Access to QuickBooks Online was not granted (${q.get('error')})`, {
          next: 'Run `qbo auth connect` again and choose Connect on the Intuit consent screen.',
        }),
      )
      return
    }
    const realmId = q.get('realmId')
    if (!q.get('code') || !realmId) {
      send(400, 'Authorization failed', 'The callback had no code or realmId.')
      settle?.reject(
        new AuthError('The authorization callback had no code or realmId', {
          next: 'Run `qbo auth connect` again.',
        }),
      )
      return
    }
    send(200, 'Connected', 'qbo-toolkit received the authorization. You can close this window.')
    settle?.resolve({url: url.href, realmId})
  })

  await listen(server, Number(redirect.port || 80))
  try {
    redirect.port = String((server.address() as AddressInfo).port)
    const consentUrl = o.oauth.authorizeUrl(state, redirect.href)
    o.showUrl(consentUrl)
    if (o.openBrowser) {
      await o
        .openBrowser(consentUrl)
        .catch(() => o.logger.warn('Could not open a browser; open the URL above yourself.'))
    }
    const timer = setTimeout(
      () =>
        settle?.reject(
          new AuthError(`No answer from the consent screen within ${Math.round(o.timeoutMs / 1000)} s`, {
            next: 'Run `qbo auth connect` again (use --timeout to wait longer, --no-browser to copy the URL yourself).',
          }),
        ),
      o.timeoutMs,
    )
    let callback: Callback
    try {
      callback = await done
    } finally {
      clearTimeout(timer)
    }
    if (o.realmHint && o.realmHint !== callback.realmId) {
      o.logger.warn(`You connected company ${callback.realmId}, not ${o.realmHint} as hinted.`)
    }
    const grant = await o.oauth.exchangeCode(callback.url, redirect.href)
    const entry = entryFromGrant(callback.realmId, grant, now())
    await o.store.locked(() => o.store.put(entry))
    const keeper = new TokenKeeper({store: o.store, oauth: o.oauth, logger: o.logger, now})
    const client = new QboClient({
      realmId: callback.realmId,
      apiBase: endpointsFor(o.config).api,
      tokens: keeper,
      logger: o.logger,
    })
    const info = await client.companyInfo()
    const companyName = typeof info.CompanyName === 'string' ? info.CompanyName : ''
    await o.store.locked(() => {
      const latest = o.store.get(callback.realmId)
      if (latest) o.store.put({...latest, companyName})
    })
    return {realmId: callback.realmId, companyName, tokenFile: o.store.file}
  } finally {
    server.closeAllConnections()
    server.close()
  }
}

function sameState(got: string | null, expected: string): boolean {
  if (!got || got.length !== expected.length) return false
  return timingSafeEqual(Buffer.from(got), Buffer.from(expected))
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
        reject(
          new ConfigError(
            `Port ${port} on 127.0.0.1 is not available for the authorization callback (${e.code})`,
            {
              next: 'Free the port, or pass --port N (and register http://localhost:N/cb as a redirect URI of your Intuit app, or set QBO_REDIRECT_URI).',
            },
          ),
        )
      } else reject(e)
    })
    server.listen(port, '127.0.0.1', () => resolve())
  })
}
