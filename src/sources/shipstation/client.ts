import type {z} from 'zod'

import {ConfigError, RetryableError, UserInputError} from '../../domain/errors.js'
import {silentLogger, type Logger} from '../../ui/logger.js'
import type {ShipStationConfig} from './config.js'
import {RequestPacer} from './pacer.js'

export type Params = Record<string, string | number | boolean | undefined>

export interface ShipStationClientOptions {
  config: ShipStationConfig
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  logger?: Logger
  fetch?: typeof fetch
  /** Tries for a request that fails in transit or with a 5xx (429s are waited out, not counted). */
  maxAttempts?: number
  timeoutMs?: number
}

export interface ShipStationStats {
  sent: number
  /** Answers of 429 Too Many Requests (each waited out, then sent again). */
  rateLimited: number
  /** Sent again after a network failure or a 5xx. */
  retried: number
  /** Time spent waiting for the rate limit. */
  waitedMs: number
}

const MAX_429_IN_A_ROW = 20

/**
 * ShipStation V1 reads (GET only: this integration never writes to ShipStation), paced to the key's limit.
 * GETs are safe to repeat, so transient failures are retried; 401/403 mean the key and secret are wrong.
 * The Authorization header is built here and never logged.
 */
export class ShipStationClient {
  private readonly pacer: RequestPacer
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly logger: Logger
  private readonly fetchFn: typeof fetch
  private readonly auth: string
  private readonly counters: ShipStationStats = {sent: 0, rateLimited: 0, retried: 0, waitedMs: 0}

  constructor(private readonly o: ShipStationClientOptions) {
    this.now = o.now ?? Date.now
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    this.logger = o.logger ?? silentLogger
    this.fetchFn = o.fetch ?? fetch
    this.auth = `Basic ${Buffer.from(`${o.config.apiKey}:${o.config.apiSecret}`).toString('base64')}`
    const minute = 60_000 / o.config.timeScale
    this.pacer = new RequestPacer(o.config.requestsPerMinute, minute, minute / 60, this.now, this.sleep)
  }

  stats(): ShipStationStats {
    return {...this.counters}
  }

  /** GET `path` with `params`; the body is checked against `schema` where it enters. */
  async get<T>(path: string, params: Params, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(`${this.o.config.baseUrl}${path}`)
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v))
    const body = await this.send(url)
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      throw new ConfigError(
        `ShipStation's answer to GET ${path} is not what the V1 API returns (${parsed.error.issues[0]?.message ?? 'unexpected shape'})`,
        {
          next: 'Check SHIPSTATION_BASE_URL: it must be the V1 API (https://ssapi.shipstation.com), not V2.',
          data: {path},
        },
      )
    }
    return parsed.data
  }

  private async send(url: URL): Promise<unknown> {
    const attempts = this.o.maxAttempts ?? 5
    const scale = this.o.config.timeScale
    let failures = 0
    let throttled = 0
    for (;;) {
      this.counters.waitedMs += await this.pacer.take()
      this.counters.sent++
      this.logger.debug(`ShipStation GET ${url.pathname}${url.search}`)
      let res: Response
      try {
        res = await this.fetchFn(url, {
          headers: {Authorization: this.auth, Accept: 'application/json'},
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 60_000),
        })
      } catch (error) {
        if (++failures >= attempts) throw unreachable(url, error)
        this.counters.retried++
        await this.sleep((1000 * 2 ** failures) / scale)
        continue
      }
      this.pacer.observe(header(res, 'x-rate-limit-remaining'), header(res, 'x-rate-limit-reset'))
      if (res.status === 429) {
        await res.body?.cancel()
        this.counters.rateLimited++
        if (++throttled > MAX_429_IN_A_ROW) throw tooBusy(url)
        const wait = header(res, 'x-rate-limit-reset') ?? header(res, 'retry-after') ?? 60 / scale
        this.logger.debug(`ShipStation answered 429; waiting ${wait} s`)
        this.pacer.block(wait * 1000)
        continue
      }
      if (res.status >= 500) {
        await res.body?.cancel()
        if (++failures >= attempts) throw unreachable(url, new Error(`HTTP ${res.status}`))
        this.counters.retried++
        await this.sleep((1000 * 2 ** failures) / scale)
        continue
      }
      const text = await res.text()
      if (res.status === 401 || res.status === 403) {
        throw new ConfigError(`ShipStation refused the API key and secret (HTTP ${res.status}).`, {
          next: 'Check SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET (V1 keys: Settings > Account > API Settings).',
        })
      }
      if (res.status >= 400) {
        throw new UserInputError(
          `ShipStation answered ${res.status} to GET ${url.pathname}: ${text.slice(0, 300)}`,
          {
            next: 'Check the store ids given (`qbo sync shipstation stores` lists them).',
            data: {status: res.status, path: url.pathname},
          },
        )
      }
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new ConfigError(`ShipStation's answer to GET ${url.pathname} is not JSON.`, {
          next: 'Check SHIPSTATION_BASE_URL: it must be the V1 API (https://ssapi.shipstation.com).',
        })
      }
    }
  }
}

function header(res: Response, name: string): number | undefined {
  const raw = res.headers.get(name)
  if (raw === null || raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

function unreachable(url: URL, cause: unknown): RetryableError {
  return new RetryableError(`ShipStation did not answer GET ${url.pathname} (${(cause as Error).message}).`, {
    next: 'Run the sync again later: nothing was skipped, the next run reads from where this one started.',
    cause,
  })
}

function tooBusy(url: URL): RetryableError {
  return new RetryableError(
    `ShipStation kept answering 429 Too Many Requests to GET ${url.pathname}: other apps are using the same API key's 40 requests a minute.`,
    {
      next: 'Run again later, or set SHIPSTATION_REQUESTS_PER_MINUTE lower to leave the other apps their share.',
    },
  )
}
