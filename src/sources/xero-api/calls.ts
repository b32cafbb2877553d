import {AccountingApi} from 'xero-node'

import {RetryableError} from '../../domain/errors.js'
import {actionFor, parseXeroFailure, RESUME_COMMAND} from './failures.js'
import type {XeroTokenSource} from './token-source.js'

/** Waits allowed for one call (minute limit, concurrency, transient faults) before giving up. */
const MAX_WAITS = 30

/**
 * The one place that calls xero-node: a fresh token before each call, and the SDK's string errors turned
 * into a wait (minute limit: Retry-After) or one of the tool's errors (daily limit: stop, resumable).
 */
export class XeroCalls {
  readonly api: AccountingApi
  calls = 0
  waits = 0

  constructor(
    apiBaseUrl: string,
    private readonly tokens: XeroTokenSource,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.api = new AccountingApi(apiBaseUrl)
  }

  async call<T>(what: string, fn: (api: AccountingApi, tenantId: string) => Promise<{body: T}>): Promise<T> {
    let transient = 0
    for (let waits = 0; ; waits++) {
      const {accessToken, tenantId} = await this.tokens.get()
      this.api.accessToken = accessToken
      this.calls++
      try {
        return (await fn(this.api, tenantId)).body
      } catch (error) {
        const failure = parseXeroFailure(error)
        const action = actionFor(failure, what, transient)
        if ('fail' in action) throw action.fail
        if (failure.statusCode !== 429) transient++
        if (waits >= MAX_WAITS) {
          throw new RetryableError(`Xero kept refusing calls for ${what} after ${waits} waits.`, {
            next: RESUME_COMMAND,
          })
        }
        this.waits++
        await this.sleep(action.wait)
      }
    }
  }
}
