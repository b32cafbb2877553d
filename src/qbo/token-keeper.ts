import {AuthError} from '../domain/errors.js'
import type {Logger} from '../ui/logger.js'
import type {OAuthPort, TokenGrant} from './oauth.js'
import type {TokenEntry, TokenStore} from './token-store.js'

const DAY = 86_400_000

export interface TokenKeeperOptions {
  store: TokenStore
  oauth: OAuthPort
  logger: Logger
  now?: () => Date
  /** Refresh this long before the access token expires (default 5 minutes). */
  refreshAheadMs?: number
  /** Headless seeding (QBO_REFRESH_TOKEN + QBO_REALM_ID) when the store has no entry for that realm. */
  seed?: {refreshToken: string; realmId: string} | undefined
  /** Warn when the rolling refresh expiry is this close (default 14 days) or the hard cap (default 60 days). */
  warnRollingMs?: number
  warnHardMs?: number
}

export function entryFromGrant(
  realmId: string,
  grant: TokenGrant,
  now: Date,
  previous?: TokenEntry,
): TokenEntry {
  return {
    realmId,
    accessToken: grant.accessToken,
    accessExpiresAt: grant.accessExpiresAt,
    refreshToken: grant.refreshToken,
    refreshExpiresAt: grant.refreshExpiresAt,
    hardExpiresAt: grant.hardExpiresAt ?? previous?.hardExpiresAt ?? null,
    lastRotatedAt: now.toISOString(),
    ...(previous?.companyName ? {companyName: previous.companyName} : {}),
  }
}

/**
 * Hands out access tokens per realm and refreshes them under the store's cross-process lock. Inside the
 * lock it re-reads the store: if another process already rotated, it uses those tokens instead of spending
 * a superseded refresh token (the cause of most invalid_grant reports, oauth-jsclient #138). The rotated
 * refresh token is on disk before the new access token is handed to anyone.
 */
export class TokenKeeper {
  private readonly o: Required<Omit<TokenKeeperOptions, 'seed'>> & Pick<TokenKeeperOptions, 'seed'>
  private readonly inflight = new Map<string, Promise<TokenEntry>>()
  private readonly warned = new Set<string>()

  constructor(options: TokenKeeperOptions) {
    this.o = {
      now: () => new Date(),
      refreshAheadMs: 5 * 60_000,
      warnRollingMs: 14 * DAY,
      warnHardMs: 60 * DAY,
      ...options,
    }
  }

  /** A valid access token for the realm, refreshing first when it is about to expire. */
  async accessToken(realmId: string): Promise<string> {
    const entry = this.o.store.get(realmId) ?? (await this.seedIfPossible(realmId))
    if (this.fresh(entry)) {
      this.warnIfNear(entry)
      return entry.accessToken
    }
    return (await this.refreshOnce(realmId, entry.accessToken)).accessToken
  }

  /**
   * The API said 401 to `rejected`: refresh unless someone already replaced that access token.
   * Returns the token to retry with.
   */
  async afterUnauthorized(realmId: string, rejected: string): Promise<string> {
    return (await this.refreshOnce(realmId, rejected, true)).accessToken
  }

  /** Always rotate now (auth status --check, tests). */
  async refreshNow(realmId: string): Promise<TokenEntry> {
    return this.refreshOnce(realmId, undefined, true)
  }

  /** Fresh = not within the refresh margin: 5 minutes, or a tenth of the lifetime when tokens are short (emulator). */
  private fresh(entry: TokenEntry): boolean {
    const expires = Date.parse(entry.accessExpiresAt)
    const lifetime = expires - Date.parse(entry.lastRotatedAt)
    const ahead = Math.min(this.o.refreshAheadMs, Math.max(0, lifetime / 10))
    return expires - ahead > this.o.now().getTime()
  }

  /** One refresh per realm at a time inside this process; the file lock covers other processes. */
  private refreshOnce(realmId: string, staleAccess: string | undefined, force = false): Promise<TokenEntry> {
    const running = this.inflight.get(realmId)
    if (running) return running
    const p = this.refreshLocked(realmId, staleAccess, force).finally(() => this.inflight.delete(realmId))
    this.inflight.set(realmId, p)
    return p
  }

  private async refreshLocked(
    realmId: string,
    staleAccess: string | undefined,
    force: boolean,
  ): Promise<TokenEntry> {
    return this.o.store.locked(async () => {
      const current = this.o.store.get(realmId)
      if (!current) return this.seedLocked(realmId)
      const someoneElseRotated = staleAccess !== undefined && current.accessToken !== staleAccess
      if (someoneElseRotated && this.fresh(current)) return current
      if (!force && this.fresh(current)) return current
      if (current.hardExpiresAt && Date.parse(current.hardExpiresAt) <= this.o.now().getTime()) {
        throw new AuthError(`The authorization for company ${realmId} reached its hard expiry`, {
          next: 'Run `qbo auth connect` to authorize the company again.',
        })
      }
      const grant = await this.o.oauth.refresh(current.refreshToken)
      const next = entryFromGrant(realmId, grant, this.o.now(), current)
      this.o.store.put(next)
      this.o.logger.debug(`Rotated the tokens of realm ${realmId}`)
      this.warnIfNear(next)
      return next
    })
  }

  private async seedIfPossible(realmId: string): Promise<TokenEntry> {
    return this.o.store.locked(async () => this.o.store.get(realmId) ?? this.seedLocked(realmId))
  }

  /** Caller holds the lock and found no entry: seed from QBO_REFRESH_TOKEN once, for every process. */
  private async seedLocked(realmId: string): Promise<TokenEntry> {
    const seed = this.o.seed
    if (!seed || seed.realmId !== realmId) throw notConnected(realmId)
    this.o.logger.info(`Seeding the token store for realm ${realmId} from QBO_REFRESH_TOKEN`)
    const grant = await this.o.oauth.refresh(seed.refreshToken)
    const entry = entryFromGrant(realmId, grant, this.o.now())
    this.o.store.put(entry)
    return entry
  }

  private warnIfNear(entry: TokenEntry): void {
    if (this.warned.has(entry.realmId)) return
    const now = this.o.now().getTime()
    const days = (iso: string) => {
      const n = Math.floor((Date.parse(iso) - now) / DAY)
      return n < 1 ? 'less than a day' : n === 1 ? '1 day' : `${n} days`
    }
    const refreshLeft = Date.parse(entry.refreshExpiresAt) - now
    // A service that issues refresh tokens shorter than the warning window (the emulator, time-scaled) would
    // make every command warn about a token that was just issued: warn only once half its life has passed.
    const issuedFor = Date.parse(entry.refreshExpiresAt) - Date.parse(entry.lastRotatedAt)
    const rollingWarn = Math.min(this.o.warnRollingMs, issuedFor > 0 ? issuedFor / 2 : this.o.warnRollingMs)
    if (entry.hardExpiresAt && Date.parse(entry.hardExpiresAt) - now < this.o.warnHardMs) {
      this.warned.add(entry.realmId)
      this.o.logger.warn(
        `The QuickBooks authorization for realm ${entry.realmId} reaches its hard expiry in ${days(entry.hardExpiresAt)}; run \`qbo auth connect\` before then.`,
      )
    } else if (refreshLeft < rollingWarn) {
      this.warned.add(entry.realmId)
      this.o.logger.warn(
        `The refresh token for realm ${entry.realmId} expires in ${days(entry.refreshExpiresAt)} unless it is used; any qbo command that calls QuickBooks extends it.`,
      )
    }
  }
}

export function notConnected(realmId: string): AuthError {
  return new AuthError(`Company ${realmId} is not connected`, {
    next: 'Run `qbo auth connect` (or set QBO_REFRESH_TOKEN and QBO_REALM_ID for a headless seed).',
  })
}
