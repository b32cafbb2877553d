import {randomBytes, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage} from 'node:http'

/** A random session token: it is in the printed URL and nowhere else, so only whoever has the URL gets in. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export type Refusal = {status: number; message: string; next: string}

/**
 * Who may talk to the dashboard. It listens on 127.0.0.1 only, and besides:
 * - the Host header must be this server (127.0.0.1 or localhost at its port): a page on another site that
 *   re-points its own name at 127.0.0.1 (DNS rebinding) is refused;
 * - every request but the static assets carries the session token: in the URL for a page or a download,
 *   in the X-Qbo-Token header for the API;
 * - a POST carries the token in the header only, comes from this origin (Origin, and Sec-Fetch-Site when
 *   the browser sends it), with a JSON or file body: another site's form or script cannot post here.
 */
export class Guard {
  constructor(
    readonly token: string,
    private readonly port: () => number,
  ) {}

  origins(): string[] {
    const p = this.port()
    return [`http://127.0.0.1:${p}`, `http://localhost:${p}`]
  }

  check(req: IncomingMessage, url: URL): Refusal | undefined {
    const p = this.port()
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${p}` && host !== `localhost:${p}`)
      return {
        status: 421,
        message: `This dashboard answers only at http://127.0.0.1:${p}.`,
        next: 'Open the URL qbo dashboard printed.',
      }
    if (url.pathname.startsWith('/assets/') && req.method === 'GET') return undefined
    const header = req.headers['x-qbo-token']
    const given =
      typeof header === 'string' ? header : req.method === 'GET' ? (url.searchParams.get('token') ?? '') : ''
    if (!same(given, this.token))
      return {
        status: 403,
        message: 'This dashboard session needs the link with its token.',
        next: 'Open the exact URL `qbo dashboard` printed (it holds ?token=…); restart it for a new one.',
      }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = req.headers.origin
      const site = req.headers['sec-fetch-site']
      if (!origin || !this.origins().includes(origin) || (site !== undefined && site !== 'same-origin'))
        return {
          status: 403,
          message: 'Refused: the request did not come from the dashboard page itself.',
          next: 'Use the dashboard page.',
        }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      if (type !== 'application/json' && type !== 'application/octet-stream')
        return {
          status: 415,
          message: `Refused: a ${type || 'body without a type'} is not accepted.`,
          next: 'Use the dashboard page.',
        }
    }
    return undefined
  }
}

/** Headers on every answer: nothing from elsewhere may run, frame the page or learn its URL. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
}
