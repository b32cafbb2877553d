import OAuthClient from 'intuit-oauth'

import {AuthError, ConfigError} from '../domain/errors.js'
import {type QboConfig, endpointsFor} from './config.js'
import {QboTransportError} from './errors.js'

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting'

/** What Intuit's token endpoint returned, turned into absolute instants. */
export interface TokenGrant {
  accessToken: string
  refreshToken: string
  accessExpiresAt: string
  refreshExpiresAt: string
  hardExpiresAt: string | null
  realmId: string | undefined
}

/** The token calls the rest of src/qbo needs; tests may pass their own. */
export interface OAuthPort {
  authorizeUrl(state: string, redirectUri: string): string
  exchangeCode(callbackUrl: string, redirectUri: string): Promise<TokenGrant>
  refresh(refreshToken: string): Promise<TokenGrant>
  revoke(token: string): Promise<void>
}

interface RawToken {
  access_token?: string
  refresh_token?: string
  expires_in?: number
  x_refresh_token_expires_in?: number
  x_refresh_token_hard_expires_in?: number
  realmId?: string
}

/**
 * intuit-oauth keeps its endpoints in process-wide static properties (OAuthClient.authorizeEndpoint,
 * tokenEndpoint, revokeEndpoint, userinfo_endpoint_sandbox/_production, environment). We set all of them
 * from our config before every call, so QBO_BASE_URL (the emulator) and Intuit never mix in one process.
 */
function configureEndpoints(config: Pick<QboConfig, 'baseUrl' | 'environment'>): void {
  const ep = endpointsFor(config)
  OAuthClient.authorizeEndpoint = ep.authorize
  OAuthClient.tokenEndpoint = ep.token
  OAuthClient.revokeEndpoint = ep.revoke
  OAuthClient.userinfo_endpoint_sandbox = ep.userinfo
  OAuthClient.userinfo_endpoint_production = ep.userinfo
  OAuthClient.environment = {sandbox: `${ep.api}/`, production: `${ep.api}/`}
}

function toGrant(raw: RawToken, now: Date): TokenGrant {
  if (!raw.access_token || !raw.refresh_token) {
    throw new AuthError('Intuit returned no tokens', {next: 'Run `qbo auth connect` again.'})
  }
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString()
  return {
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token,
    accessExpiresAt: at(raw.expires_in ?? 3600),
    refreshExpiresAt: at(raw.x_refresh_token_expires_in ?? 8_726_400),
    hardExpiresAt: raw.x_refresh_token_hard_expires_in ? at(raw.x_refresh_token_hard_expires_in) : null,
    realmId: raw.realmId || undefined,
  }
}

/** Turns an intuit-oauth failure into our errors, keeping only safe fields (never the request or body). */
function mapOAuthError(e: unknown, what: string): Error {
  const err = e as {
    error?: string
    error_description?: string
    intuit_tid?: string
    code?: string
    message?: string
  }
  const status = (e as {authResponse?: {response?: {status?: number}}}).authResponse?.response?.status
  if (err.error === 'invalid_grant') {
    return new AuthError(`Intuit rejected the refresh token or code (invalid_grant) during ${what}`, {
      next: 'Run `qbo auth connect` to authorize the company again.',
      data: {error: 'invalid_grant', intuit_tid: err.intuit_tid},
    })
  }
  if (err.error === 'invalid_client') {
    return new ConfigError(`Intuit rejected the client id or secret (invalid_client) during ${what}`, {
      next: 'Check QBO_CLIENT_ID and QBO_CLIENT_SECRET (and QBO_ENVIRONMENT) against your Intuit app.',
      data: {error: 'invalid_client', intuit_tid: err.intuit_tid},
    })
  }
  if (err.error) {
    return new AuthError(`Intuit refused ${what}: ${err.error}`, {
      next: 'Run `qbo auth connect` to authorize the company again.',
      data: {error: err.error, intuit_tid: err.intuit_tid},
    })
  }
  return new QboTransportError(`Could not reach Intuit's token service during ${what}`, {
    status: typeof status === 'number' ? status : undefined,
    intuitTid: err.intuit_tid,
  })
}

/** The intuit-oauth client behind OAuthPort. `now` stamps expiries so a test clock works. */
export function createIntuitOAuth(config: QboConfig, now: () => Date = () => new Date()): OAuthPort {
  const client = (redirectUri: string) => {
    configureEndpoints(config)
    return new OAuthClient({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      environment: config.environment,
      redirectUri,
      includeRefreshTokenHardExpiresIn: true,
    })
  }
  return {
    authorizeUrl(state, redirectUri) {
      return client(redirectUri).authorizeUri({scope: [ACCOUNTING_SCOPE], state})
    },
    async exchangeCode(callbackUrl, redirectUri) {
      const c = client(redirectUri)
      try {
        await c.createToken(callbackUrl)
      } catch (e) {
        throw mapOAuthError(e, 'the code exchange')
      }
      return toGrant(c.getToken().getToken() as RawToken, now())
    },
    async refresh(refreshToken) {
      const c = client(config.redirectUri)
      try {
        await c.refreshUsingToken(refreshToken)
      } catch (e) {
        throw mapOAuthError(e, 'a token refresh')
      }
      return toGrant(c.getToken().getToken() as RawToken, now())
    },
    async revoke(token) {
      try {
        await client(config.redirectUri).revoke({refresh_token: token})
      } catch (e) {
        throw mapOAuthError(e, 'revoking the token')
      }
    },
  }
}
