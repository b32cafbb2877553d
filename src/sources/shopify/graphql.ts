import {z} from 'zod'

import {AuthError, BugError, RetryableError} from '../../domain/errors.js'
import type {Logger} from '../../ui/logger.js'

const ThrottleStatus = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
})
type ThrottleStatus = z.infer<typeof ThrottleStatus>

const Answer = z.object({
  data: z.unknown().optional(),
  errors: z
    .union([
      z.string(),
      z.array(
        z.object({message: z.string(), extensions: z.record(z.string(), z.unknown()).optional()}).loose(),
      ),
    ])
    .optional(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullable().optional(),
          actualQueryCost: z.number().nullable().optional(),
          throttleStatus: ThrottleStatus.optional(),
        })
        .optional(),
    })
    .loose()
    .optional(),
})

export interface GraphqlDeps {
  url: string
  token: string
  /** Which store, for messages. */
  shop: string
  fetch?: typeof fetch
  now: () => number
  sleep: (ms: number) => Promise<void>
  logger: Logger
  /** Tries of one query through transient failures (5xx, 429, resets) before giving up. */
  maxAttempts?: number
}

export interface GraphqlStats {
  requests: number
  throttled: number
  waitedMs: number
  cost: number
}

const RESUME = 'Run the same `qbo sync shopify` again: it continues from where the last run got to.'

/**
 * One store's Admin GraphQL endpoint, paced by what Shopify says about its bucket: every answer carries
 * `extensions.cost.throttleStatus` (size, what is left, restore rate), and before each query the client
 * waits until the bucket has refilled enough for what that query cost last time. A THROTTLED answer waits
 * for the refill it needs and asks again; nothing here assumes a rate.
 */
export class ShopifyGraphql {
  readonly stats: GraphqlStats = {requests: 0, throttled: 0, waitedMs: 0, cost: 0}
  private status: {at: number; value: ThrottleStatus} | undefined
  /** What each named query asked for last time: the estimate for its next run. */
  private readonly lastCost = new Map<string, number>()

  constructor(private readonly deps: GraphqlDeps) {}

  async query<T>(
    name: string,
    query: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const maxAttempts = this.deps.maxAttempts ?? 6
    let transient = 0
    for (let throttles = 0; ;) {
      await this.pace(this.lastCost.get(name) ?? 0)
      let answer: z.infer<typeof Answer>
      try {
        answer = await this.post(query, variables)
      } catch (error) {
        if (!(error instanceof TransientError) || ++transient >= maxAttempts) throw this.giveUp(name, error)
        await this.wait(
          Math.min(30_000, 500 * 2 ** transient),
          `${this.deps.shop}: ${error.message}; trying again`,
        )
        continue
      }
      const cost = answer.extensions?.cost
      if (cost?.throttleStatus) this.status = {at: this.deps.now(), value: cost.throttleStatus}
      if (typeof cost?.requestedQueryCost === 'number') this.lastCost.set(name, cost.requestedQueryCost)
      if (typeof cost?.actualQueryCost === 'number') this.stats.cost += cost.actualQueryCost
      const errors = Array.isArray(answer.errors)
        ? answer.errors
        : answer.errors
          ? [{message: answer.errors}]
          : []
      const code = (e: (typeof errors)[number]) => ('extensions' in e ? e.extensions?.code : undefined)
      if (errors.some((e) => code(e) === 'THROTTLED')) {
        this.stats.throttled++
        if (++throttles > 20) throw this.giveUp(name, new Error('throttled 20 times in a row'))
        await this.waitForRefill(cost?.requestedQueryCost ?? this.lastCost.get(name) ?? 0)
        continue
      }
      if (errors.some((e) => code(e) === 'MAX_COST_EXCEEDED'))
        throw new BugError(`Shopify refused the ${name} query as too expensive: ${errors[0]!.message}`, {
          next: 'This is a bug in qbo-toolkit (its queries must stay under the single-query cost limit); please report it.',
        })
      if (errors.length > 0 && answer.data == null)
        throw new BugError(
          `Shopify refused the ${name} query of ${this.deps.shop}: ${errors.map((e) => e.message).join('; ')}`,
          {
            next: 'The store may be on an API version that lacks a field the sync reads; run with --verbose and report the output.',
          },
        )
      const parsed = schema.safeParse(answer.data)
      if (!parsed.success)
        throw new BugError(
          `Shopify's answer to ${name} for ${this.deps.shop} is not in the expected shape: ${parsed.error.message}`,
          {
            next: 'Run with --verbose and report the output (it contains no secrets).',
          },
        )
      return parsed.data
    }
  }

  private async post(query: string, variables: Record<string, unknown>): Promise<z.infer<typeof Answer>> {
    const f = this.deps.fetch ?? fetch
    this.stats.requests++
    let res: Response
    try {
      res = await f(this.deps.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-shopify-access-token': this.deps.token,
        },
        body: JSON.stringify({query, variables}),
        signal: AbortSignal.timeout(60_000),
      })
    } catch (error) {
      throw new TransientError(`no answer (${(error as Error).message})`)
    }
    const text = await res.text()
    if (res.status === 401 || res.status === 403)
      throw new AuthError(`Shopify refused the access token for ${this.deps.shop} (HTTP ${res.status}).`, {
        next:
          "Check the store's Admin API access token and that its app has the read_orders scope " +
          '(read_all_orders for orders older than 60 days); then store it again.',
      })
    if (res.status === 429 || res.status >= 500) throw new TransientError(`HTTP ${res.status}`)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new TransientError(`HTTP ${res.status} with a body that is not JSON`)
    }
    const parsed = Answer.safeParse(json)
    if (!parsed.success) throw new TransientError(`HTTP ${res.status} with an unexpected body`)
    this.deps.logger.debug(`shopify ${this.deps.shop}`, parsed.data.extensions?.cost)
    return parsed.data
  }

  /** Waits until the bucket, as last reported and refilled since, holds `cost` points. */
  private async pace(cost: number): Promise<void> {
    if (!this.status || cost <= 0) return
    const {at, value} = this.status
    const cap = Math.min(cost, value.maximumAvailable)
    const now = this.deps.now()
    const available = Math.min(
      value.maximumAvailable,
      value.currentlyAvailable + ((now - at) / 1000) * value.restoreRate,
    )
    if (available >= cap || value.restoreRate <= 0) return
    await this.wait(Math.ceil(((cap - available) / value.restoreRate) * 1000), undefined)
  }

  private async waitForRefill(cost: number): Promise<void> {
    const s = this.status?.value
    const missing = s ? Math.max(1, Math.min(cost, s.maximumAvailable) - s.currentlyAvailable) : 1
    const rate = s && s.restoreRate > 0 ? s.restoreRate : 50
    await this.wait(
      Math.ceil((missing / rate) * 1000) + 50,
      `${this.deps.shop}: throttled by Shopify; waiting for the bucket to refill`,
    )
  }

  private async wait(ms: number, message: string | undefined): Promise<void> {
    if (message) this.deps.logger.debug(message)
    this.stats.waitedMs += ms
    await this.deps.sleep(ms)
  }

  private giveUp(name: string, error: unknown): Error {
    if (!(error instanceof TransientError)) return error as Error
    return new RetryableError(
      `Shopify did not answer the ${name} query for ${this.deps.shop}: ${error.message}.`,
      {
        next: RESUME,
        cause: error,
      },
    )
  }
}

class TransientError extends Error {}
