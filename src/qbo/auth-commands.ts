import open from 'open'

import {AuthError, UsageError} from '../domain/errors.js'
import type {Logger} from '../ui/logger.js'
import {readStoreConfig} from './config.js'
import {type ConnectResult, connectQbo} from './connect.js'
import {openQboSession} from './session.js'
import {TokenStore} from './token-store.js'

/** The engines behind `qbo auth connect|status|revoke`; commands only parse flags and render. */

export interface ConnectFlags {
  port?: number
  browser: boolean
  realmHint?: string
  timeoutMs: number
}

export async function authConnect(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  flags: ConnectFlags,
  showUrl: (url: string) => void,
): Promise<ConnectResult> {
  const s = openQboSession(env, logger)
  return connectQbo({
    config: s.config,
    store: s.store,
    oauth: s.oauth,
    logger,
    showUrl,
    timeoutMs: flags.timeoutMs,
    ...(flags.port === undefined ? {} : {port: flags.port}),
    ...(flags.realmHint ? {realmHint: flags.realmHint} : {}),
    ...(flags.browser ? {openBrowser: (url: string) => open(url)} : {}),
  })
}

/** The encrypted token store of CLI.md (QBO_TOKEN_FILE, QBO_TOKEN_PASSPHRASE), for callers that only read or
 * write entries (the Xero extract and `auth connect --provider xero`). */
export function openTokenStore(env: NodeJS.ProcessEnv): TokenStore {
  const {tokenFile, passphrase} = readStoreConfig(env)
  return new TokenStore({file: tokenFile, passphrase})
}

export interface RealmStatus {
  realmId: string
  companyName: string | null
  accessExpiresAt: string
  refreshExpiresAt: string
  hardExpiresAt: string | null
  lastRotatedAt: string
  check?: {ok: boolean; error?: string}
}

/** A Xero organisation connected with `qbo auth connect --provider xero`. */
export interface XeroTenantStatus {
  tenantId: string
  tenantName: string | null
  accessExpiresAt: string
  /** Without one (a custom connection's token), a new token comes from the client credentials. */
  hasRefreshToken: boolean
  lastRotatedAt: string
}

export interface AuthStatus {
  tokenFile: string
  realms: RealmStatus[]
  xero: XeroTenantStatus[]
}

export async function authStatus(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  flags: {check: boolean},
): Promise<AuthStatus> {
  const {tokenFile, passphrase} = readStoreConfig(env)
  const store = new TokenStore({file: tokenFile, passphrase})
  const realms: RealmStatus[] = []
  const session = flags.check ? openQboSession(env, logger) : undefined
  if (session?.config.seed && !store.get(session.config.seed.realmId)) {
    await session.keeper.accessToken(session.config.seed.realmId)
  }
  for (const e of store.list()) {
    const status: RealmStatus = {
      realmId: e.realmId,
      companyName: e.companyName ?? null,
      accessExpiresAt: e.accessExpiresAt,
      refreshExpiresAt: e.refreshExpiresAt,
      hardExpiresAt: e.hardExpiresAt,
      lastRotatedAt: e.lastRotatedAt,
    }
    if (session) {
      try {
        const next = await session.keeper.refreshNow(e.realmId)
        Object.assign(status, {
          accessExpiresAt: next.accessExpiresAt,
          refreshExpiresAt: next.refreshExpiresAt,
          lastRotatedAt: next.lastRotatedAt,
        })
        if (next.hardExpiresAt) status.hardExpiresAt = next.hardExpiresAt
        status.check = {ok: true}
      } catch (err) {
        status.check = {ok: false, error: err instanceof Error ? err.message : String(err)}
      }
    }
    realms.push(status)
  }
  const xero = store.listXero().map((e) => ({
    tenantId: e.tenantId,
    tenantName: e.tenantName ?? null,
    accessExpiresAt: e.accessExpiresAt,
    hasRefreshToken: e.refreshToken !== undefined,
    lastRotatedAt: e.lastRotatedAt,
  }))
  return {tokenFile, realms, xero}
}

export async function authRevoke(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  flags: {realm?: string},
): Promise<{revoked: string[]}> {
  const s = openQboSession(env, logger)
  const entries = s.store.list()
  const targets = flags.realm ? entries.filter((e) => e.realmId === flags.realm) : entries
  if (flags.realm && targets.length === 0) {
    throw new UsageError(`Company ${flags.realm} is not in the token store`, {
      next: 'Run `qbo auth status` to list connected companies.',
    })
  }
  if (!flags.realm && entries.length > 1) {
    throw new UsageError('Several companies are connected', {
      next: `Pass --realm with one of: ${entries.map((e) => e.realmId).join(', ')}`,
    })
  }
  if (targets.length === 0) throw new AuthError('No company is connected', {next: 'Nothing to revoke.'})
  const revoked: string[] = []
  for (const e of targets) {
    await s.oauth.revoke(e.refreshToken)
    await s.store.locked(() => s.store.remove(e.realmId))
    revoked.push(e.realmId)
  }
  return {revoked}
}
