import type {SyncDeps} from './deps.js'

const DAY = 86_400_000

/**
 * The warning an unattended run carries when the QBO authorization is running out: the refresh token's hard
 * expiry within 60 days (only a new `qbo auth connect` moves it), or its rolling expiry within 14 days (any
 * call moves it, so an hourly sync should never see that one). The same thresholds as the token keeper's,
 * which warns once per process: a run under --every reports it every time.
 */
export function authWarning(
  auth: {refreshExpiresAt: string; hardExpiresAt: string | null},
  nowMs: number,
): string | undefined {
  const days = (iso: string) => Math.max(0, Math.floor((Date.parse(iso) - nowMs) / DAY))
  if (auth.hardExpiresAt && Date.parse(auth.hardExpiresAt) - nowMs < 60 * DAY) {
    return `The QuickBooks authorization reaches its hard expiry in ${days(auth.hardExpiresAt)} days (${auth.hardExpiresAt}); run \`qbo auth connect\` before then or the sync stops.`
  }
  if (Date.parse(auth.refreshExpiresAt) - nowMs < 14 * DAY) {
    return `The QuickBooks refresh token expires in ${days(auth.refreshExpiresAt)} days (${auth.refreshExpiresAt}) unless a command uses it.`
  }
  return undefined
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
