import {readFile} from 'node:fs/promises'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {HttpError, send, sendError} from './http.js'
import {type DashboardDeps, type DashboardPage, layout} from './page.js'
import {DASHBOARD_PAGES} from './pages/index.js'
import {Guard, newToken} from './security.js'

export interface DashboardOptions {
  /** 0 = a free port. The dashboard listens on 127.0.0.1 only. */
  port: number
  deps: DashboardDeps
  pages?: readonly DashboardPage[]
  /** A fixed token (tests); default a new random one. */
  token?: string
}

export interface Dashboard {
  /** The address to open: it carries the session token. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

const ASSETS = new URL('./assets/', import.meta.url)
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

/**
 * `qbo dashboard`: a local web page over the same engine functions as the commands. Each page brings its
 * own routes; the server adds what every page needs: 127.0.0.1 only, the session token and same-origin
 * checks (security.ts), static assets from this folder (nothing from the internet), JSON errors.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const pages = options.pages ?? DASHBOARD_PAGES
  const token = options.token ?? newToken()
  let port = 0
  const guard = new Guard(token, () => port)
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.deps.logger.debug('dashboard request failed', String(error))
      if (!res.headersSent) sendError(res, error)
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const refused = guard.check(req, url)
    if (refused) {
      // Drain what the refused request sent, so the browser sees the answer rather than a reset.
      req.resume()
      throw new HttpError(refused.status, refused.message, refused.next, 'REFUSED')
    }
    if (req.method === 'GET' && url.pathname.startsWith('/assets/')) return asset(res, url.pathname.slice(8))
    if (req.method === 'GET' && url.pathname === '/') {
      send(res, 302, 'text/plain; charset=utf-8', '', {
        Location: `/${pages[0]!.id}?token=${encodeURIComponent(token)}`,
      })
      return
    }
    const page = pages.find((p) => url.pathname === `/${p.id}`)
    if (req.method === 'GET' && page) {
      send(res, 200, 'text/html; charset=utf-8', layout(pages, page, token))
      return
    }
    for (const p of pages) {
      for (const route of p.routes) {
        if (route.method !== req.method) continue
        const m = route.path.exec(url.pathname)
        if (!m) continue
        await route.handle({req, res, url, params: {...m.groups}, deps: options.deps})
        return
      }
    }
    throw new HttpError(404, `Nothing at ${url.pathname}.`, 'Use the dashboard page.', 'NOT_FOUND')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    token,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function asset(res: ServerResponse, name: string): Promise<void> {
  const ext = /\.[a-z]+$/.exec(name)?.[0] ?? ''
  const type = ASSET_TYPES[ext]
  // Only plain file names from the assets folder: no paths, no other types.
  if (!type || !/^[a-z0-9-]+\.[a-z]+$/.test(name))
    throw new HttpError(404, `No asset ${name}.`, 'Use the dashboard page.', 'NOT_FOUND')
  let body: Buffer
  try {
    body = await readFile(new URL(name, ASSETS))
  } catch {
    throw new HttpError(404, `No asset ${name}.`, 'Use the dashboard page.', 'NOT_FOUND')
  }
  send(res, 200, type, body)
}
