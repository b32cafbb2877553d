/** Where the adapter gets a current access token and the tenant to read (the token store, env, or a test). */
export interface XeroTokenSource {
  get(): Promise<{accessToken: string; tenantId: string}>
}

/** Xero's hosts, or one base URL for all of them (XERO_BASE_URL, e.g. the local emulator). */
export interface XeroEndpoints {
  api: string
  token: string
  authorize: string
  connections: string
  /** OAuth token revocation (RFC 7009): revoking a refresh token ends the connection to every organisation. */
  revocation: string
}

export function xeroEndpoints(baseUrl?: string): XeroEndpoints {
  if (!baseUrl) {
    return {
      api: 'https://api.xero.com/api.xro/2.0',
      token: 'https://identity.xero.com/connect/token',
      authorize: 'https://login.xero.com/identity/connect/authorize',
      connections: 'https://api.xero.com/connections',
      revocation: 'https://identity.xero.com/connect/revocation',
    }
  }
  const base = baseUrl.replace(/\/+$/, '')
  return {
    api: `${base}/api.xro/2.0`,
    token: `${base}/connect/token`,
    authorize: `${base}/identity/connect/authorize`,
    connections: `${base}/connections`,
    revocation: `${base}/connect/revocation`,
  }
}
