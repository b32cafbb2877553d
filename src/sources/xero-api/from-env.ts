import {parseIsoDate} from '../../domain/civil-date.js'
import {UsageError} from '../../domain/errors.js'
import {XeroApiAdapter} from './adapter.js'
import {clientCredentialsTokenSource} from './auth.js'
import {xeroConfigFromEnv} from './config.js'
import {xeroIdentity} from './identity.js'
import type {XeroTokenSource} from './token-source.js'

/** `--since 2024-07-01` (midnight UTC) or an ISO instant, as If-Modified-Since. */
export function sinceInstant(text: string): Date {
  const civil = parseIsoDate(text)
  if (civil) return new Date(`${civil}T00:00:00Z`)
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(ms)) {
    throw new UsageError(`--since ${text} is not a date.`, {
      next: 'Give --since as YYYY-MM-DD (UTC), e.g. --since 2024-07-01',
    })
  }
  return new Date(ms)
}

/**
 * The adapter for `qbo migrate extract --from xero-api [--tenant ID] [--since DATE]`: XERO_* settings from
 * the environment; tokens from the caller (the encrypted token store after `qbo auth connect --provider
 * xero`) or, headless, a custom connection's client credentials.
 */
export function xeroApiAdapterFromEnv(input: {
  env: Record<string, string | undefined>
  tenantId?: string
  since?: string
  tokens?: XeroTokenSource
  sleep?: (ms: number) => Promise<void>
}): XeroApiAdapter {
  const config = xeroConfigFromEnv(input.env)
  const tenantId = input.tenantId ?? config.tenantId
  const tokens =
    input.tokens ??
    clientCredentialsTokenSource({identity: xeroIdentity(config), ...(tenantId ? {tenantId} : {})})
  return new XeroApiAdapter({
    tokens,
    ...(config.baseUrl ? {baseUrl: config.baseUrl} : {}),
    ...(input.since ? {since: sinceInstant(input.since)} : {}),
    ...(input.sleep ? {sleep: input.sleep} : {}),
  })
}
