import {XeroClient} from 'xero-node'
import {z} from 'zod'

import {AuthError} from '../../domain/errors.js'
import {xeroEndpoints} from './token-source.js'

export interface XeroAppConfig {
  clientId: string
  clientSecret: string
  /** Where Xero sends the browser back with the code (authorization code flow only). */
  redirectUri?: string
  scopes: string[]
  /** XERO_BASE_URL: one base for every Xero endpoint (the emulator); unset means Xero's own hosts. */
  baseUrl?: string
}

export interface XeroTokenSet {
  accessToken: string
  refreshToken?: string
  /** Epoch milliseconds. */
  expiresAt: number
}

export interface XeroConnection {
  tenantId: string
  tenantName: string
}

/** The identity calls the tool needs, whichever host answers them. */
export interface XeroIdentity {
  consentUrl(state: string): Promise<string>
  exchangeCode(callbackUrl: string, state: string): Promise<XeroTokenSet>
  refresh(refreshToken: string): Promise<XeroTokenSet>
  clientCredentials(): Promise<XeroTokenSet>
  connections(accessToken: string): Promise<XeroConnection[]>
  /** Revokes a refresh token: the connection ends for every organisation it reached. */
  revoke(refreshToken: string): Promise<void>
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  expires_at: z.number().optional(),
})
const Connections = z.array(z.object({tenantId: z.string(), tenantName: z.string().nullish()}))

function tokenSetOf(raw: unknown, now: number): XeroTokenSet {
  const parsed = TokenResponse.safeParse(raw)
  if (!parsed.success) {
    throw new AuthError('Xero answered the token request without an access token.', {
      next: 'qbo auth connect --provider xero',
    })
  }
  const t = parsed.data
  const expiresAt = t.expires_at ? t.expires_at * 1000 : now + (t.expires_in ?? 1800) * 1000
  return {accessToken: t.access_token, ...(t.refresh_token ? {refreshToken: t.refresh_token} : {}), expiresAt}
}

/**
 * Picks the identity implementation. Against Xero itself, xero-node does the work (OIDC discovery at
 * identity.xero.com, its hard-coded token and connections URLs). xero-node cannot be pointed elsewhere
 * for those calls, so with XERO_BASE_URL set the same calls go, explicitly, to `${base}/connect/token`,
 * `${base}/identity/connect/authorize` and `${base}/connections` (docs/xero-emulator.md).
 */
export function xeroIdentity(
  config: XeroAppConfig,
  deps: {fetch?: typeof fetch; now?: () => number} = {},
): XeroIdentity {
  return config.baseUrl ? baseUrlIdentity(config, deps) : xeroNodeIdentity(config, deps.now ?? Date.now)
}

function xeroNodeIdentity(config: XeroAppConfig, now: () => number): XeroIdentity {
  const client = (state?: string) =>
    new XeroClient({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUris: config.redirectUri ? [config.redirectUri] : [],
      scopes: config.scopes,
      ...(state ? {state} : {}),
      ...(config.redirectUri ? {} : {grantType: 'client_credentials'}),
    })
  const authFailure = (what: string) => (error: unknown) => {
    throw new AuthError(`Xero refused ${what}.`, {next: 'qbo auth connect --provider xero', cause: error})
  }
  return {
    consentUrl: (state) => client(state).buildConsentUrl(),
    async exchangeCode(callbackUrl, state) {
      const set = await client(state).apiCallback(callbackUrl).catch(authFailure('the authorization code'))
      return tokenSetOf(set, now())
    },
    async refresh(refreshToken) {
      const set = await client()
        .refreshWithRefreshToken(config.clientId, config.clientSecret, refreshToken)
        .catch(authFailure('the refresh token'))
      return tokenSetOf(set, now())
    },
    async clientCredentials() {
      const set = await client().getClientCredentialsToken().catch(authFailure('the client credentials'))
      return tokenSetOf(set, now())
    },
    async connections(accessToken) {
      const xero = client()
      xero.setTokenSet({access_token: accessToken})
      const tenants = await xero.updateTenants(false).catch(authFailure('the connections request'))
      return Connections.parse(tenants).map((c) => ({tenantId: c.tenantId, tenantName: c.tenantName ?? ''}))
    },
    async revoke(refreshToken) {
      // xero-node revokes through the revocation endpoint of Xero's OIDC discovery document.
      const xero = client()
      await xero.initialize()
      xero.setTokenSet({refresh_token: refreshToken})
      await xero.revokeToken().catch(authFailure('the revocation'))
    },
  }
}

function baseUrlIdentity(
  config: XeroAppConfig,
  deps: {fetch?: typeof fetch; now?: () => number},
): XeroIdentity {
  const endpoints = xeroEndpoints(config.baseUrl)
  const doFetch = deps.fetch ?? fetch
  const now = deps.now ?? Date.now
  const basic = `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`
  async function token(form: Record<string, string>, what: string): Promise<XeroTokenSet> {
    const res = await doFetch(endpoints.token, {
      method: 'POST',
      headers: {authorization: basic, 'content-type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(form),
    })
    if (!res.ok) {
      throw new AuthError(`${endpoints.token} refused ${what} (HTTP ${res.status}).`, {
        next: 'qbo auth connect --provider xero',
      })
    }
    return tokenSetOf(await res.json(), now())
  }
  return {
    async consentUrl(state) {
      const url = new URL(endpoints.authorize)
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: config.redirectUri ?? '',
        scope: config.scopes.join(' '),
        state,
      }).toString()
      return url.toString()
    },
    async exchangeCode(callbackUrl, state) {
      const params = new URL(callbackUrl).searchParams
      if (params.get('state') !== state) {
        throw new AuthError(
          'The Xero callback carried a different state: the consent did not come from this run.',
          {
            next: 'qbo auth connect --provider xero',
          },
        )
      }
      return token(
        {
          grant_type: 'authorization_code',
          code: params.get('code') ?? '',
          redirect_uri: config.redirectUri ?? '',
        },
        'the authorization code',
      )
    },
    refresh: (refreshToken) =>
      token({grant_type: 'refresh_token', refresh_token: refreshToken}, 'the refresh token'),
    clientCredentials: () =>
      token({grant_type: 'client_credentials', scope: config.scopes.join(' ')}, 'the client credentials'),
    async connections(accessToken) {
      const res = await doFetch(endpoints.connections, {headers: {authorization: `Bearer ${accessToken}`}})
      if (!res.ok) {
        throw new AuthError(`${endpoints.connections} refused the access token (HTTP ${res.status}).`, {
          next: 'qbo auth connect --provider xero',
        })
      }
      return Connections.parse(await res.json()).map((c) => ({
        tenantId: c.tenantId,
        tenantName: c.tenantName ?? '',
      }))
    },
    async revoke(refreshToken) {
      const res = await doFetch(endpoints.revocation, {
        method: 'POST',
        headers: {authorization: basic, 'content-type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({token: refreshToken, token_type_hint: 'refresh_token'}),
      })
      if (!res.ok) {
        throw new AuthError(`${endpoints.revocation} refused the revocation (HTTP ${res.status}).`, {
          next: 'Disconnect the app in Xero (Settings > Connected apps) instead.',
        })
      }
    },
  }
}
