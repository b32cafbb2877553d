import {randomBytes, randomUUID} from 'node:crypto'

/**
 * Xero's identity service, as far as xero-node and the tool use it: authorization codes (the consent
 * step approves at once and redirects), access tokens for 30 minutes (time-scaled), refresh tokens that
 * rotate on use, and client credentials (custom connections, no refresh token). Any client id and
 * secret are accepted: the emulator checks that they are present, not who the caller is.
 */
export interface TokenResponse {
  access_token: string
  expires_in: number
  token_type: 'Bearer'
  scope: string
  refresh_token?: string
  id_token?: string
}

const ACCESS_SECONDS = 1800

export type AccessCheck = {state: 'valid' | 'invalid'} | {state: 'expired'; expiredAt: number}

export class Identity {
  private readonly codes = new Map<string, {redirectUri: string; scope: string}>()
  private readonly access = new Map<string, number>()
  private readonly refresh = new Set<string>()

  constructor(
    private readonly now: () => number,
    private readonly timeScale: number,
  ) {}

  issueCode(redirectUri: string, scope: string): string {
    const code = randomBytes(16).toString('hex')
    this.codes.set(code, {redirectUri, scope})
    return code
  }

  /** Answers POST /connect/token; returns an OAuth error name when the grant is refused. */
  token(form: URLSearchParams, hasClientAuth: boolean): TokenResponse | {error: string} {
    const grant = form.get('grant_type')
    if (!hasClientAuth) return {error: 'invalid_client'}
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? ''
      const issued = this.codes.get(code)
      if (!issued || issued.redirectUri !== (form.get('redirect_uri') ?? issued.redirectUri)) {
        return {error: 'invalid_grant'}
      }
      this.codes.delete(code)
      return this.tokens(issued.scope, true)
    }
    if (grant === 'refresh_token') {
      const token = form.get('refresh_token') ?? ''
      if (!this.refresh.delete(token)) return {error: 'invalid_grant'}
      return this.tokens('offline_access accounting.transactions.read accounting.settings.read', true)
    }
    if (grant === 'client_credentials') {
      return this.tokens(form.get('scope') ?? form.get('scopes') ?? 'accounting.transactions.read', false)
    }
    return {error: 'unsupported_grant_type'}
  }

  /**
   * Answers POST /connect/revocation (RFC 7009): a revoked refresh token can never be used again. Like the
   * standard, an unknown token is not an error.
   */
  revoke(form: URLSearchParams, hasClientAuth: boolean): {error: string} | undefined {
    if (!hasClientAuth) return {error: 'invalid_client'}
    this.refresh.delete(form.get('token') ?? '')
    return undefined
  }

  /** Tokens for scripts and tests (POST /_emulator/tokens). */
  tokens(scope: string, withRefresh: boolean): TokenResponse {
    const accessToken = randomBytes(24).toString('base64url')
    const lifetimeMs = (ACCESS_SECONDS * 1000) / this.timeScale
    this.access.set(accessToken, this.now() + lifetimeMs)
    const response: TokenResponse = {
      access_token: accessToken,
      expires_in: Math.max(1, Math.floor(lifetimeMs / 1000)),
      token_type: 'Bearer',
      scope,
      id_token: `emulator.${randomUUID()}`,
    }
    if (withRefresh) {
      const refreshToken = randomBytes(24).toString('base64url')
      this.refresh.add(refreshToken)
      response.refresh_token = refreshToken
    }
    return response
  }

  checkAccessToken(authorization: string | undefined): AccessCheck {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
    const expires = m ? this.access.get(m[1]!) : undefined
    if (expires === undefined) return {state: 'invalid'}
    return expires > this.now() ? {state: 'valid'} : {state: 'expired', expiredAt: expires}
  }
}
