/**
 * ShipStation V1's limit: 40 requests a minute per API key and secret (integrations.md §1.1), answered in
 * X-Rate-Limit-Limit / -Remaining / -Reset (seconds until the window resets) and with 429 past it. The
 * window starts with the first request after the last one ended; the minute is divided by the time scale.
 * It also keeps, for the stats, the most requests a key sent within any sliding minute.
 */
export const V1_LIMIT = 40

export interface KeyStats {
  requests: number
  rateLimited: number
  /** The most requests (429s included) this key sent within any one window length. */
  maxPerWindow: number
}

interface KeyState extends KeyStats {
  windowStart: number
  used: number
  recent: number[]
}

export interface Verdict {
  ok: boolean
  headers: Record<string, string>
}

export class RateLimit {
  private readonly keys = new Map<string, KeyState>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request of `key` and says whether it is served. */
  take(key: string): Verdict {
    const k = this.state(key)
    const t = this.now()
    k.requests++
    k.recent.push(t)
    while (k.recent.length > 0 && k.recent[0]! <= t - this.windowMs) k.recent.shift()
    k.maxPerWindow = Math.max(k.maxPerWindow, k.recent.length)
    const ok = k.used < this.limit
    if (ok) k.used++
    else k.rateLimited++
    return {ok, headers: this.headers(k, t)}
  }

  /** Another app spends `n` of the key's requests in the current window (for tests of a shared key). */
  consume(key: string, n: number): void {
    const k = this.state(key)
    k.used = Math.min(this.limit, k.used + n)
  }

  stats(): Record<string, KeyStats> {
    return Object.fromEntries(
      [...this.keys].map(([key, k]) => [
        key,
        {requests: k.requests, rateLimited: k.rateLimited, maxPerWindow: k.maxPerWindow},
      ]),
    )
  }

  reset(): void {
    this.keys.clear()
  }

  private state(key: string): KeyState {
    const t = this.now()
    let k = this.keys.get(key)
    if (!k) {
      k = {requests: 0, rateLimited: 0, maxPerWindow: 0, windowStart: t, used: 0, recent: []}
      this.keys.set(key, k)
    }
    if (t >= k.windowStart + this.windowMs) {
      k.windowStart = t
      k.used = 0
    }
    return k
  }

  private headers(k: KeyState, t: number): Record<string, string> {
    return {
      'X-Rate-Limit-Limit': String(this.limit),
      'X-Rate-Limit-Remaining': String(Math.max(0, this.limit - k.used)),
      'X-Rate-Limit-Reset': String(Math.max(1, Math.ceil((k.windowStart + this.windowMs - t) / 1000))),
    }
  }
}
