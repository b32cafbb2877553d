import {AuthError, ConfigError, UsageError} from '../../domain/errors.js'
import {connectXero, refreshingTokenSource} from './auth.js'
import {xeroConfigFromEnv} from './config.js'
import {type XeroConnection, xeroIdentity, type XeroTokenSet} from './identity.js'
import type {XeroTokenSource} from './token-source.js'

/** A stored Xero organisation's tokens, as the encrypted token store (src/qbo/token-store.ts) keeps them. */
export interface StoredXeroTokens {
  tenantId: string
  tenantName?: string | undefined
  accessToken: string
  accessExpiresAt: string
  refreshToken?: string | undefined
  lastRotatedAt: string
}

/** What this module needs of the token store; the command passes the real one (sources know nothing of qbo/). */
export interface XeroTokenStorePort {
  listXero(): StoredXeroTokens[]
  putXero(entries: StoredXeroTokens[]): void
  removeXero(tenantId: string): void
  locked<T>(fn: () => Promise<T> | T): Promise<T>
}

export interface XeroConnectStored {
  tenants: XeroConnection[]
}

const DEFAULT_REDIRECT = 'http://localhost:8000/cb'

/**
 * `qbo auth connect --provider xero`: the authorization code flow, then one store entry per organisation
 * the user connected. Xero issues one token set per connection, shared by its organisations.
 */
export async function connectXeroToStore(input: {
  env: Record<string, string | undefined>
  store: XeroTokenStorePort
  open: (url: string) => Promise<void>
  port?: number
  timeoutMs?: number
  now?: () => number
}): Promise<XeroConnectStored> {
  const redirect = new URL(input.env.XERO_REDIRECT_URI?.trim() || DEFAULT_REDIRECT)
  if (input.port !== undefined) redirect.port = String(input.port)
  const config = xeroConfigFromEnv(input.env, redirect.toString())
  const result = await connectXero({
    identity: xeroIdentity(config),
    redirectUri: redirect.toString(),
    open: input.open,
    ...(input.timeoutMs ? {timeoutMs: input.timeoutMs} : {}),
  })
  if (result.tenants.length === 0) {
    throw new ConfigError('The Xero consent connected no organisation.', {
      next: 'Run `qbo auth connect --provider xero` again and tick at least one organisation.',
    })
  }
  const at = new Date((input.now ?? Date.now)()).toISOString()
  await input.store.locked(() =>
    input.store.putXero(result.tenants.map((t) => entryOf(t.tenantId, t.tenantName, result.tokens, at))),
  )
  return {tenants: result.tenants}
}

export interface XeroRevoked {
  /** Organisations whose stored tokens were revoked at Xero and removed from the store. */
  revoked: string[]
  /** Said when an entry had no refresh token to revoke (a custom connection) and was only removed. */
  note?: string
}

/**
 * `qbo auth revoke --provider xero [--tenant T]`: revokes the organisation's refresh token at Xero and removes
 * it from the store. Xero issues one token per connection, so every stored organisation sharing that token
 * is disconnected and removed with it.
 */
export async function revokeXeroFromStore(input: {
  env: Record<string, string | undefined>
  store: XeroTokenStorePort
  tenantId?: string
}): Promise<XeroRevoked> {
  const entries = input.store.listXero()
  if (entries.length === 0) {
    throw new AuthError('No Xero organisation is connected.', {next: 'Nothing to revoke.'})
  }
  const listing = entries.map((e) => `${e.tenantId} (${e.tenantName ?? ''})`).join(', ')
  const target = input.tenantId
    ? entries.find((e) => e.tenantId === input.tenantId)
    : entries.length === 1
      ? entries[0]
      : undefined
  if (!target) {
    throw new UsageError(
      input.tenantId
        ? `Xero organisation ${input.tenantId} is not in the token store.`
        : `${entries.length} Xero organisations are connected; say which one to revoke.`,
      {next: `Pass --tenant with one of: ${listing}`},
    )
  }
  if (!target.refreshToken) {
    await input.store.locked(() => input.store.removeXero(target.tenantId))
    return {
      revoked: [target.tenantId],
      note: 'It was a custom connection (client credentials, no refresh token): its tokens were removed here; end the connection itself in the Xero developer portal.',
    }
  }
  const refreshToken = target.refreshToken
  await xeroIdentity(xeroConfigFromEnv(input.env)).revoke(refreshToken)
  const shared = entries.filter((e) => e.refreshToken === refreshToken).map((e) => e.tenantId)
  await input.store.locked(() => {
    for (const tenantId of shared) input.store.removeXero(tenantId)
  })
  return {revoked: shared}
}

/**
 * Tokens for the extract from the store, when `qbo auth connect --provider xero` stored some: the tenant
 * asked for, or the only one stored. Undefined when the store has none (headless use then falls back to
 * a custom connection's client credentials).
 */
export function storedXeroTokenSource(input: {
  env: Record<string, string | undefined>
  store: XeroTokenStorePort
  tenantId?: string
  now?: () => number
}): XeroTokenSource | undefined {
  const entries = input.store.listXero()
  if (entries.length === 0) return undefined
  const wanted = input.tenantId ?? input.env.XERO_TENANT_ID?.trim()
  const entry = wanted
    ? entries.find((e) => e.tenantId === wanted)
    : entries.length === 1
      ? entries[0]
      : undefined
  if (!entry) {
    if (wanted) return undefined
    throw new ConfigError(`${entries.length} Xero organisations are connected; say which one to extract.`, {
      next: `Add --tenant with one of: ${entries.map((e) => `${e.tenantId} (${e.tenantName ?? ''})`).join(', ')}`,
    })
  }
  const now = input.now ?? Date.now
  return refreshingTokenSource({
    identity: xeroIdentity(xeroConfigFromEnv(input.env)),
    tokens: {
      accessToken: entry.accessToken,
      ...(entry.refreshToken ? {refreshToken: entry.refreshToken} : {}),
      expiresAt: Date.parse(entry.accessExpiresAt),
    },
    tenantId: entry.tenantId,
    // A rotated refresh token replaces the old one for every organisation of the same connection.
    onRotate: (tokens) =>
      input.store.locked(() => {
        const at = new Date(now()).toISOString()
        const shared = input.store
          .listXero()
          .filter(
            (e) =>
              e.tenantId === entry.tenantId ||
              (entry.refreshToken !== undefined && e.refreshToken === entry.refreshToken),
          )
        input.store.putXero(shared.map((e) => entryOf(e.tenantId, e.tenantName, tokens, at)))
        entry.refreshToken = tokens.refreshToken
      }),
    now,
  })
}

function entryOf(tenantId: string, tenantName: string | undefined, tokens: XeroTokenSet, at: string) {
  return {
    tenantId,
    ...(tenantName ? {tenantName} : {}),
    accessToken: tokens.accessToken,
    accessExpiresAt: new Date(tokens.expiresAt).toISOString(),
    ...(tokens.refreshToken ? {refreshToken: tokens.refreshToken} : {}),
    lastRotatedAt: at,
  }
}
