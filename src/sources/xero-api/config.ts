import {ConfigError} from '../../domain/errors.js'
import type {XeroAppConfig} from './identity.js'

export const DEFAULT_XERO_SCOPES = [
  'offline_access',
  'accounting.transactions.read',
  'accounting.settings.read',
  'accounting.contacts.read',
  'accounting.journals.read',
  'accounting.reports.read',
]

/** XERO_CLIENT_ID, XERO_CLIENT_SECRET, XERO_TENANT_ID, XERO_BASE_URL (CLI.md), read once where they enter. */
export function xeroConfigFromEnv(
  env: Record<string, string | undefined>,
  redirectUri?: string,
): XeroAppConfig & {tenantId?: string} {
  const clientId = env.XERO_CLIENT_ID?.trim()
  const clientSecret = env.XERO_CLIENT_SECRET?.trim()
  if (!clientId || !clientSecret) {
    throw new ConfigError('XERO_CLIENT_ID and XERO_CLIENT_SECRET are not both set.', {
      next: 'Create an app (or a custom connection) at developer.xero.com/app/manage and set both variables.',
    })
  }
  const baseUrl = env.XERO_BASE_URL?.trim()
  if (baseUrl && !/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new ConfigError(`XERO_BASE_URL is not a URL: ${baseUrl}`, {
      next: 'Set XERO_BASE_URL to e.g. http://127.0.0.1:4010 (the emulator), or unset it.',
    })
  }
  const tenantId = env.XERO_TENANT_ID?.trim()
  return {
    clientId,
    clientSecret,
    scopes: DEFAULT_XERO_SCOPES,
    ...(redirectUri ? {redirectUri} : {}),
    ...(baseUrl ? {baseUrl} : {}),
    ...(tenantId ? {tenantId} : {}),
  }
}
