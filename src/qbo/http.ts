import axios, {type AxiosInstance, type AxiosRequestConfig, type AxiosResponse} from 'axios'

import type {Logger} from '../ui/logger.js'
import {
  type QboFault,
  QboAuthError,
  QboFaultError,
  QboOutcomeUnknownError,
  QboTransportError,
} from './errors.js'
import {parseFaults} from './faults.js'
import type {RealmScheduler, RequestKind} from './scheduler.js'

export const MINOR_VERSION = '75'

/** QBO gives up on a request after 120 s (qbo-api.md §1). */
export const QBO_REQUEST_TIMEOUT_MS = 120_000
/**
 * How long after a write starts QBO may still apply it: its request timeout, plus a margin for the time the
 * request takes to reach QBO. We assume QBO never commits a request after giving up on it (UNCONFIRMED;
 * docs/qbo-client.md, "Writes whose answer is lost").
 */
export const IN_FLIGHT_WINDOW_MS = QBO_REQUEST_TIMEOUT_MS + 30_000

export interface AccessTokens {
  accessToken(realmId: string): Promise<string>
  afterUnauthorized(realmId: string, rejected: string): Promise<string>
}

export interface QboHttpOptions {
  realmId: string
  apiBase: string
  tokens: AccessTokens
  scheduler: RealmScheduler
  logger: Logger
  sleep: (ms: number) => Promise<void>
  random?: () => number
  timeScale?: number
  /** Per-request timeout; QBO itself gives up at 120 s. */
  timeoutMs?: number
  maxAttempts?: number
}

export interface QboRequest {
  method: 'GET' | 'POST'
  /** Below /v3/company/{realm}, e.g. `/customer`, `/query`. */
  path: string
  params?: Record<string, string>
  body?: unknown
  kind?: RequestKind
  /** Required on every write: the same id on every retry is what makes QBO replay instead of redo. */
  requestId?: string
  /** Called just before each attempt of the request leaves, so a caller can record when it went out. */
  onSend?: () => void
  /** Fewer attempts than the client's default, for a caller with a better answer to a 5xx than waiting. */
  attempts?: number
  /** A binary answer (a PDF): `data` is a Buffer, asked for with this Accept type. */
  binary?: {accept: string}
  /** Content-Type of a body QBO wants as something other than JSON (e.g. /send's octet-stream). */
  contentType?: string
  /**
   * A write whose replay by requestid is not documented (an email send): a 5xx is then an unknown outcome
   * for the caller to look up, never retried here. Throttling (429, never applied) is still retried.
   */
  noBlindRetry?: boolean
}

export interface QboResponse {
  status: number
  data: unknown
  intuitTid: string | undefined
}

export interface HttpStats {
  sent: number
  retried: number
  throttled: number
}

/** A request that failed with one of these never reached the server, so even a write may be sent again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'])

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNREFUSED',
  'ERR_NETWORK',
  'EAI_AGAIN',
])

/**
 * One realm's HTTP channel: its own axios instance, paced by the realm's scheduler, with retries on what
 * is retryable (5xx, 429, resets, timeouts) and never on a 4xx validation fault. Redaction is by
 * construction: headers are never logged, only method, path, status and intuit_tid.
 */
export class QboHttp {
  readonly stats: HttpStats = {sent: 0, retried: 0, throttled: 0}
  private readonly axios: AxiosInstance
  private readonly o: Required<QboHttpOptions>

  constructor(options: QboHttpOptions) {
    this.o = {random: Math.random, timeScale: 1, timeoutMs: 60_000, maxAttempts: 8, ...options}
    this.axios = axios.create({
      baseURL: `${options.apiBase.replace(/\/+$/, '')}/v3/company/${encodeURIComponent(options.realmId)}`,
      // A lost answer is waited for as long as QBO's own time windows allow, shortened with them against an
      // emulator (--time-scale), but never below 5 s so a slow batch is not cut off.
      timeout: options.timeoutMs ?? Math.max(this.o.timeoutMs / this.o.timeScale, 5_000),
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      maxRedirects: 0,
    })
  }

  /** How long after a write starts QBO may still apply it, time-scaled like QBO's other windows. */
  get inFlightWindowMs(): number {
    return IN_FLIGHT_WINDOW_MS / this.o.timeScale
  }

  async request(req: QboRequest): Promise<QboResponse> {
    const isWrite = req.method === 'POST' && req.path !== '/query'
    if (isWrite && !req.requestId) {
      throw new Error(`BUG: write to ${req.path} without a requestid`)
    }
    const params = {
      minorversion: MINOR_VERSION,
      ...req.params,
      ...(req.requestId ? {requestid: req.requestId} : {}),
    }
    // A write is waited for as long as QBO may work on it: when it times out, it is over.
    const writeTimeout = isWrite ? Math.max(this.inFlightWindowMs, 5_000) : undefined
    let token = await this.o.tokens.accessToken(this.o.realmId)
    let reauthorized = false
    for (let attempt = 1; ; attempt++) {
      const started = Date.now()
      let sentAt = started
      let res: AxiosResponse<string> | undefined
      let netError: {code?: string; message?: string} | undefined
      try {
        this.stats.sent += 1
        res = await this.o.scheduler.run(req.kind ?? 'single', () => {
          sentAt = Date.now()
          req.onSend?.()
          return this.axios.request<string>(axiosConfig(req, params, token, writeTimeout))
        })
      } catch (e) {
        netError = e as {code?: string; message?: string}
        if (!axios.isAxiosError(e) && !NETWORK_CODES.has(netError.code ?? '')) throw e
      }
      const last = attempt >= Math.min(req.attempts ?? this.o.maxAttempts, this.o.maxAttempts)
      if (!res) {
        this.noAnswer(req, {isWrite, last, attempt, sentAt}, netError)
        await this.retryPause(attempt)
        continue
      }
      const intuitTid = header(res, 'intuit_tid')
      const bytes = binaryBody(req, res)
      const data = bytes ?? parseBody(res.data)
      const faults = parseFaults(data)
      this.o.logger.debug(
        `${req.method} ${req.path} -> ${res.status} in ${Date.now() - started} ms${intuitTid ? ` intuit_tid=${intuitTid}` : ''}${faults[0] ? ` fault ${faults[0].code}` : ''}`,
      )
      const ctx = {status: res.status, faults, intuitTid}
      if (res.status === 429 || faults.some(isThrottle)) {
        this.stats.throttled += 1
        const retryAfter = Number(header(res, 'retry-after'))
        const pause =
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000 / this.o.timeScale
        this.o.scheduler.onThrottled(pause)
        if (last) throw new QboTransportError('QuickBooks Online kept throttling the requests (429)', ctx)
        this.stats.retried += 1
        continue
      }
      if (res.status === 401) {
        if (reauthorized)
          throw new QboAuthError('QuickBooks Online refused the access token after a refresh', ctx)
        reauthorized = true
        token = await this.o.tokens.afterUnauthorized(this.o.realmId, token)
        this.stats.retried += 1
        continue
      }
      if (res.status === 403) {
        throw new QboAuthError(
          'QuickBooks Online refused access (403): wrong scope, or a sandbox company on the production URL',
          {
            ...ctx,
            next: 'Check QBO_ENVIRONMENT matches the company, and reconnect with `qbo auth connect`.',
          },
        )
      }
      if (isWrite && (res.status === 502 || res.status === 504)) {
        // A gateway gave up waiting; QBO behind it may still be applying the write.
        throw new QboOutcomeUnknownError(
          `QuickBooks Online's gateway answered HTTP ${res.status} for ${req.method} ${req.path}; the write may still be applied`,
          {...ctx, inFlightUntil: sentAt + this.inFlightWindowMs},
        )
      }
      if (res.status >= 500 && isWrite && req.noBlindRetry) {
        throw new QboOutcomeUnknownError(
          `QuickBooks Online failed with HTTP ${res.status} for ${req.method} ${req.path}; it may have been applied`,
          {...ctx, inFlightUntil: sentAt + this.inFlightWindowMs},
        )
      }
      if (res.status >= 500) {
        if (last)
          throw new QboTransportError(
            `QuickBooks Online failed with HTTP ${res.status} after ${attempt} attempts`,
            ctx,
          )
        await this.retryPause(attempt)
        continue
      }
      if (res.status >= 400 || faults.length > 0) throw new QboFaultError(ctx)
      return {status: res.status, data, intuitTid}
    }
  }

  /** No HTTP answer at all: throws unless a retry is safe (a read, or a write that never left) and allowed. */
  private noAnswer(
    req: QboRequest,
    at: {isWrite: boolean; last: boolean; attempt: number; sentAt: number},
    netError: {code?: string; message?: string} | undefined,
  ): void {
    this.o.logger.debug(
      `${req.method} ${req.path} failed: ${netError?.code ?? netError?.message} (attempt ${at.attempt})`,
    )
    if (at.isWrite && !NOT_SENT_CODES.has(netError?.code ?? '')) {
      // It may have reached QBO, which may still be applying it: sending it again now could write twice.
      throw new QboOutcomeUnknownError(
        `No answer from QuickBooks Online for ${req.method} ${req.path} (${netError?.code ?? 'network error'}); it may still be applied`,
        {cause: netError, inFlightUntil: at.sentAt + this.inFlightWindowMs},
      )
    }
    if (at.last) {
      throw new QboTransportError(
        `No answer from QuickBooks Online for ${req.method} ${req.path} (${netError?.code ?? 'network error'})`,
        {cause: netError},
      )
    }
  }

  /** Full-jitter exponential backoff: 0.5 s, 1 s, 2 s ... capped at 30 s, time-scaled. */
  private async retryPause(attempt: number): Promise<void> {
    this.stats.retried += 1
    const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1)) / this.o.timeScale
    await this.o.sleep(ceiling * (0.5 + this.o.random() / 2))
  }
}

/** The axios call for one attempt: query parameters, bearer token, content type and body. */
function axiosConfig(
  req: QboRequest,
  params: Record<string, string>,
  token: string,
  writeTimeout: number | undefined,
): AxiosRequestConfig {
  return {
    method: req.method,
    url: req.path,
    params,
    ...(writeTimeout === undefined ? {} : {timeout: writeTimeout}),
    ...(req.binary ? {responseType: 'arraybuffer' as const} : {}),
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: req.binary?.accept ?? 'application/json',
      ...contentType(req),
    },
    data: typeof req.body === 'string' || req.body === undefined ? req.body : JSON.stringify(req.body),
  }
}

function contentType(req: QboRequest): Record<string, string> {
  if (req.contentType) return {'Content-Type': req.contentType}
  if (req.body === undefined) return {}
  return {'Content-Type': typeof req.body === 'string' ? 'application/text' : 'application/json'}
}

function isThrottle(f: QboFault): boolean {
  return f.code === '3001' || f.code === '003001' || /ThrottleExceeded/i.test(f.message)
}

function header(res: AxiosResponse, name: string): string | undefined {
  const v: unknown = res.headers[name]
  return typeof v === 'string' ? v : undefined
}

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return text
  const t = text.trim()
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown
    } catch {
      return text
    }
  }
  return text
}

/**
 * The body of a binary request (a PDF) as a Buffer. An error answer to one is JSON or XML, read as text so
 * its faults are parsed like any other.
 */
function binaryBody(req: QboRequest, res: AxiosResponse<string>): Buffer | undefined {
  if (!req.binary) return undefined
  const raw = res.data as unknown
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer)
  const type = header(res, 'content-type') ?? ''
  if (res.status >= 200 && res.status < 300 && !/json|xml/i.test(type)) return buf
  res.data = buf.toString('utf8')
  return undefined
}
