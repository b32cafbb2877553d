import type {SyncDeps} from './deps.js'

const DAY = 86_400_000

/**
 * The warning an unattended run carries while the refresh token's hard expiry (only a new `qbo auth
 * connect` moves it) is less than 60 days away. The token keeper warns at the same threshold, but once per
 * process; a run under --every reports it in every result. (The rolling expiry is the keep-alive's business.)
 */
export function authWarning(
  auth: {refreshExpiresAt: string; hardExpiresAt: string | null},
  nowMs: number,
): string | undefined {
  if (!auth.hardExpiresAt || Date.parse(auth.hardExpiresAt) - nowMs >= 60 * DAY) return undefined
  const days = Math.max(0, Math.floor((Date.parse(auth.hardExpiresAt) - nowMs) / DAY))
  return `The QuickBooks authorization reaches its hard expiry in ${days} days (${auth.hardExpiresAt}); run \`qbo auth connect\` before then or the sync stops.`
}

/**
 * A run with nothing to write may make no QBO call at all, and a refresh token unused for 100 days dies.
 * When its rolling expiry is under 30 days away, one cheap call lets the token keeper refresh it.
 */
export async function keepAuthorizationAlive(d: SyncDeps): Promise<void> {
  const auth = d.authStatus?.()
  if (auth && Date.parse(auth.refreshExpiresAt) - d.now() < KEEP_ALIVE_MS) await d.qbo.companyInfo()
}

const KEEP_ALIVE_MS = 30 * 86_400_000
