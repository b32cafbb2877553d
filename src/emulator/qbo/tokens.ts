import {randomBytes} from 'node:crypto'

import type {Store} from './store.js'

/** QBO's token lifetimes in seconds (qbo-api.md §8); every one is divided by the time scale. */
export const LIFETIMES = {access: 3600, refresh: 8_726_400, rotation: 86_400, grace: 86_400, code: 600}

interface AccessRecord {
  realmId: string
  family: string
  expiresAt: number
}
interface RefreshRecord {
  realmId: string
  family: string
  issuedAt: number
  expiresAt: number
  supersededAt?: number
}
interface FamilyRecord {
  latest: string
  revoked: boolean
}

export interface TokenResponse {
  token_type: 'bearer'
  access_token: string
  refresh_token: string
  expires_in: number
  x_refresh_token_expires_in: number
  realmId: string
}

export type RefreshOutcome =
  {ok: true; tokens: TokenResponse} | {ok: false; error: 'invalid_grant'; description: string}

/**
 * Access and refresh tokens as QBO issues them. One "family" per consent: refreshing returns the same
 * refresh token until it is a day old, then a new value; the superseded value still works for a day and
 * then answers invalid_grant. Strict rotation issues a new value on every refresh and refuses the old at
 * once. Records live in the store's `token` namespace, so --data keeps a client connected across restarts.
 */
export class TokenService {
  private readonly codes = new Map<
    string,
    {clientId: string; redirectUri: string; realmId: string; expiresAt: number}
  >()

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly timeScale: number,
    private readonly strictRotation: boolean,
  ) {}

  private ms(seconds: number): number {
    return (seconds * 1000) / this.timeScale
  }

  private seconds(lifetime: number): number {
    return Math.max(1, Math.round(lifetime / this.timeScale))
  }

  issue(realmId: string): TokenResponse {
    const family = token('fam')
    const refresh = this.newRefresh(realmId, family)
    this.store.setKv('token', `f:${family}`, {latest: refresh, revoked: false} satisfies FamilyRecord)
    return this.response(realmId, family, refresh)
  }

  createCode(clientId: string, redirectUri: string, realmId: string): string {
    const code = token('AB1')
    this.codes.set(code, {clientId, redirectUri, realmId, expiresAt: this.now() + this.ms(LIFETIMES.code)})
    return code
  }

  /** Codes are single-use and bound to the client and redirect URI they were issued for. */
  exchangeCode(code: string, clientId: string, redirectUri: string | undefined): TokenResponse | undefined {
    const c = this.codes.get(code)
    this.codes.delete(code)
    if (
      !c ||
      c.expiresAt <= this.now() ||
      c.clientId !== clientId ||
      (redirectUri !== undefined && redirectUri !== c.redirectUri)
    )
      return undefined
    return this.issue(c.realmId)
  }

  refresh(value: string): RefreshOutcome {
    const t = this.now()
    const rec = this.store.getKv<RefreshRecord>('token', `r:${value}`)
    const fam = rec && this.store.getKv<FamilyRecord>('token', `f:${rec.family}`)
    const deny = (description: string): RefreshOutcome => ({ok: false, error: 'invalid_grant', description})
    if (!rec || !fam || fam.revoked) return deny('Refresh token is invalid or revoked')
    if (rec.expiresAt <= t) return deny('Refresh token has expired')
    if (rec.supersededAt !== undefined) {
      if (this.strictRotation || t - rec.supersededAt > this.ms(LIFETIMES.grace))
        return deny('Refresh token was superseded')
      // Inside the grace day QBO answers an old value with the family's current token.
      return {ok: true, tokens: this.rollAndRespond(rec.realmId, rec.family, fam.latest, t)}
    }
    if (this.strictRotation || t - rec.issuedAt >= this.ms(LIFETIMES.rotation)) {
      this.store.setKv('token', `r:${value}`, {...rec, supersededAt: t})
      const next = this.newRefresh(rec.realmId, rec.family)
      this.store.setKv('token', `f:${rec.family}`, {latest: next, revoked: false} satisfies FamilyRecord)
      return {ok: true, tokens: this.response(rec.realmId, rec.family, next)}
    }
    return {ok: true, tokens: this.rollAndRespond(rec.realmId, rec.family, value, t)}
  }

  /** Revoking either token disconnects the whole consent, as at Intuit. */
  revoke(value: string): boolean {
    const rec =
      this.store.getKv<RefreshRecord>('token', `r:${value}`) ??
      this.store.getKv<AccessRecord>('token', `a:${value}`)
    if (!rec) return false
    const fam = this.store.getKv<FamilyRecord>('token', `f:${rec.family}`)
    if (fam) this.store.setKv('token', `f:${rec.family}`, {...fam, revoked: true})
    return true
  }

  /** The realm an access token opens, or undefined when it is unknown, expired or revoked. */
  verifyAccess(value: string): string | undefined {
    const rec = this.store.getKv<AccessRecord>('token', `a:${value}`)
    if (!rec || rec.expiresAt <= this.now()) return undefined
    const fam = this.store.getKv<FamilyRecord>('token', `f:${rec.family}`)
    return fam && !fam.revoked ? rec.realmId : undefined
  }

  private newRefresh(realmId: string, family: string): string {
    const value = token('RT1')
    const t = this.now()
    this.store.setKv('token', `r:${value}`, {
      realmId,
      family,
      issuedAt: t,
      expiresAt: t + this.ms(LIFETIMES.refresh),
    } satisfies RefreshRecord)
    return value
  }

  /** A refresh without rotation still extends the rolling 100-day expiry. */
  private rollAndRespond(realmId: string, family: string, refresh: string, t: number): TokenResponse {
    const rec = this.store.getKv<RefreshRecord>('token', `r:${refresh}`)
    if (rec) this.store.setKv('token', `r:${refresh}`, {...rec, expiresAt: t + this.ms(LIFETIMES.refresh)})
    return this.response(realmId, family, refresh)
  }

  private response(realmId: string, family: string, refresh: string): TokenResponse {
    const access = token('eyJ')
    this.store.setKv('token', `a:${access}`, {
      realmId,
      family,
      expiresAt: this.now() + this.ms(LIFETIMES.access),
    } satisfies AccessRecord)
    const rec = this.store.getKv<RefreshRecord>('token', `r:${refresh}`)
    const refreshLeft = rec
      ? Math.max(1, Math.round((rec.expiresAt - this.now()) / 1000))
      : this.seconds(LIFETIMES.refresh)
    return {
      token_type: 'bearer',
      access_token: access,
      refresh_token: refresh,
      expires_in: this.seconds(LIFETIMES.access),
      x_refresh_token_expires_in: refreshLeft,
      realmId,
    }
  }
}

function token(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`
}
