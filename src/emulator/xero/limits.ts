/**
 * Xero's per-tenant limits: 5 calls in flight, 60 calls in any rolling minute and a daily quota (5,000)
 * in any rolling 24 hours. Windows are divided by `timeScale`, so a rehearsal can see a "day" pass in
 * seconds. A refused call is not counted against the quota.
 */
export type LimitProblem = 'minute' | 'day' | 'concurrent'

export interface LimitOptions {
  minuteLimit: number
  dailyLimit: number
  concurrentLimit: number
  timeScale: number
  enabled: boolean
}

export type Admission =
  | {ok: true; release(): void; minuteRemaining: number; dayRemaining: number}
  | {ok: false; problem: LimitProblem; retryAfterSeconds: number}

interface TenantWindow {
  inFlight: number
  minute: number[]
  day: number[]
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

export class RateLimiter {
  private readonly tenants = new Map<string, TenantWindow>()

  constructor(
    private readonly options: LimitOptions,
    private readonly now: () => number,
  ) {}

  admit(tenantId: string): Admission {
    const t = this.window(tenantId)
    const now = this.now()
    const minuteMs = MINUTE_MS / this.options.timeScale
    const dayMs = DAY_MS / this.options.timeScale
    prune(t.minute, now - minuteMs)
    prune(t.day, now - dayMs)
    if (this.options.enabled) {
      if (t.day.length >= this.options.dailyLimit) return refuse('day', t.day[0]! + dayMs - now)
      if (t.minute.length >= this.options.minuteLimit) return refuse('minute', t.minute[0]! + minuteMs - now)
      if (t.inFlight >= this.options.concurrentLimit) return refuse('concurrent', 1000)
    }
    t.inFlight++
    t.minute.push(now)
    t.day.push(now)
    let released = false
    return {
      ok: true,
      release: () => {
        if (!released) t.inFlight--
        released = true
      },
      minuteRemaining: Math.max(0, this.options.minuteLimit - t.minute.length),
      dayRemaining: Math.max(0, this.options.dailyLimit - t.day.length),
    }
  }

  private window(tenantId: string): TenantWindow {
    let t = this.tenants.get(tenantId)
    if (!t) {
      t = {inFlight: 0, minute: [], day: []}
      this.tenants.set(tenantId, t)
    }
    return t
  }
}

function prune(times: number[], before: number): void {
  let drop = 0
  while (drop < times.length && times[drop]! <= before) drop++
  if (drop > 0) times.splice(0, drop)
}

function refuse(problem: LimitProblem, waitMs: number): Admission {
  return {ok: false, problem, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000))}
}
