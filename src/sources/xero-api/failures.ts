import {z} from 'zod'

import {AuthError, BugError, ConfigError, RetryableError} from '../../domain/errors.js'

/** The command that continues an interrupted API extract from its page checkpoints. */
export const RESUME_COMMAND = 'qbo migrate extract --from xero-api --resume'

/**
 * xero-node rejects a failed call with a JSON *string* (`{response:{statusCode, headers, body}, body}`),
 * sometimes with an object of the same shape, and with an Error when it failed before sending.
 */
export interface XeroFailure {
  statusCode: number
  headers: Record<string, string>
  body: unknown
}

const Shape = z.object({
  response: z.object({
    statusCode: z.number().optional(),
    status: z.number().optional(),
    headers: z.record(z.string(), z.unknown()).nullish(),
    body: z.unknown().optional(),
    data: z.unknown().optional(),
  }),
})

export function parseXeroFailure(error: unknown): XeroFailure {
  let value: unknown = error
  if (typeof error === 'string') {
    try {
      value = JSON.parse(error) as unknown
    } catch {
      return {statusCode: 0, headers: {}, body: error}
    }
  }
  const parsed = Shape.safeParse(value)
  if (!parsed.success) {
    return {statusCode: 0, headers: {}, body: error instanceof Error ? error.message : String(error)}
  }
  const r = parsed.data.response
  const headers = Object.fromEntries(
    Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  )
  return {statusCode: r.statusCode ?? r.status ?? 0, headers, body: r.body ?? r.data}
}

export type FailureAction = {wait: number} | {fail: Error}

/**
 * What to do about a failed call: wait and retry (the minute and concurrency limits, transient faults),
 * or stop with one of the tool's errors. A daily limit stops the extract; the checkpoints make
 * `--resume` continue at the page that failed.
 */
export function actionFor(failure: XeroFailure, what: string, transientAttempt: number): FailureAction {
  const retryAfter = Number(failure.headers['retry-after'] ?? '60')
  const waitMs = (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60) * 1000
  if (failure.statusCode === 429) {
    const problem = failure.headers['x-rate-limit-problem'] ?? ''
    if (problem === 'day' || problem === 'daily') {
      const hours = (waitMs / 3_600_000).toFixed(1)
      return {
        fail: new RetryableError(
          `Xero's daily API limit for this organisation is used up (while reading ${what}); it frees up in about ${hours} h. Everything read so far is staged.`,
          {
            next: `After ${hours} h run: ${RESUME_COMMAND}`,
            data: {retryAfterSeconds: waitMs / 1000, problem},
          },
        ),
      }
    }
    return {wait: waitMs}
  }
  if (failure.statusCode === 401) {
    return {
      fail: new AuthError(`Xero refused the access token while reading ${what}.`, {
        next: 'qbo auth connect --provider xero',
      }),
    }
  }
  if (failure.statusCode === 403) {
    return {
      fail: new AuthError(`Xero says this connection may not read ${what} of the tenant (403).`, {
        next: 'Check XERO_TENANT_ID and the app scopes, then run: qbo auth connect --provider xero',
      }),
    }
  }
  if (failure.statusCode === 0 || failure.statusCode >= 500) {
    if (transientAttempt < 4) return {wait: 1000 * 2 ** transientAttempt}
    return {
      fail: new RetryableError(`Xero did not answer while reading ${what} (${describe(failure)}).`, {
        next: RESUME_COMMAND,
      }),
    }
  }
  if (failure.statusCode === 404) {
    return {
      fail: new ConfigError(`Xero answered 404 for ${what}.`, {
        next: 'Check XERO_BASE_URL (unset it to use api.xero.com).',
      }),
    }
  }
  return {
    fail: new BugError(`Xero refused the request for ${what} (${describe(failure)}).`, {
      next: 'Report this with the --verbose log.',
      data: {statusCode: failure.statusCode},
    }),
  }
}

function describe(failure: XeroFailure): string {
  const body = typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body ?? '')
  return `HTTP ${failure.statusCode || 'no response'}${body ? `: ${body.slice(0, 200)}` : ''}`
}
