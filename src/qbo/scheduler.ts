import {QBO_LIMITS as QBO} from '../domain/qbo-limits.js'

/**
 * Paces one realm's requests under QBO's documented limits (qbo-api.md §1) so a full-speed load is never
 * throttled: at most `perSecond` request starts in any second, `perMinute` request starts and
 * `batchPerMinute` batch starts in any minute (sliding windows), and at most `concurrent` in flight. A
 * sliding window that holds never exceeds a fixed window either. Each limit is used to 95%: 3 s a minute of
 * slack for clock skew and arrival jitter (38 of the 40 batches a minute, one every 1.58 s). On a 429 it pauses every request of the
 * realm and keeps a lower rate from then on. The pacing is per process: several processes on one realm
 * share QBO's limits but not this scheduler.
 */
export interface Limits {
  perSecond: number
  perMinute: number
  concurrent: number
  batchPerMinute: number
  /** Fraction of each limit actually used, leaving room for clock skew between us and the server. */
  headroom: number
}

export const QBO_LIMITS: Limits = {
  perSecond: QBO.requestsPerSecond,
  perMinute: QBO.requestsPerMinute,
  concurrent: QBO.concurrent,
  batchPerMinute: QBO.batchesPerMinute,
  headroom: 0.95,
}

export interface SchedulerOptions {
  limits?: Partial<Limits>
  /** 60 makes every window 60 times shorter (tests, emulator --time-scale). */
  timeScale?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export type RequestKind = 'single' | 'batch'

export class RealmScheduler {
  private readonly limits: Limits
  private readonly windowMs: number
  private readonly secondMs: number
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly starts: number[] = []
  private readonly batchStarts: number[] = []
  private inFlight = 0
  private pausedUntil = 0
  private slowdown = 1
  private queue: Promise<void> = Promise.resolve()
  private readonly waiters: (() => void)[] = []
  throttled = 0

  constructor(options: SchedulerOptions = {}) {
    this.limits = {...QBO_LIMITS, ...options.limits}
    this.windowMs = 60_000 / (options.timeScale ?? 1)
    this.secondMs = 1_000 / (options.timeScale ?? 1)
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
  }

  /** Runs fn when the limits allow it. Admission is FIFO so no request starves. */
  async run<T>(kind: RequestKind, fn: () => Promise<T>): Promise<T> {
    const admitted = this.queue.then(() => this.admit(kind))
    this.queue = admitted.catch(() => undefined)
    await admitted
    try {
      return await fn()
    } finally {
      this.inFlight -= 1
      this.waiters.shift()?.()
    }
  }

  /** A 429 came back: hold everything for `ms` and use 80% of the previous rate from now on. */
  onThrottled(ms: number): void {
    this.throttled += 1
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms)
    this.slowdown = Math.max(0.25, this.slowdown * 0.8)
  }

  private cap(limit: number): number {
    return Math.max(1, Math.floor(limit * this.limits.headroom * this.slowdown))
  }

  /** Whole milliseconds, rounded up, so float error can never fit one start too many into a window. */
  private spacing(limit: number, windowMs = this.windowMs): number {
    return Math.ceil(windowMs / this.cap(limit))
  }

  private async admit(kind: RequestKind): Promise<void> {
    for (;;) {
      const now = this.now()
      prune(this.starts, now - this.windowMs)
      prune(this.batchStarts, now - this.windowMs)
      let wait = this.pausedUntil - now
      // Spread starts evenly instead of bursting a whole window's quota at once: a burst arrives late
      // and bunched at the server, which then counts part of it in the next window.
      const lastStart = this.starts[this.starts.length - 1]
      // With QBO's numbers the minute's spacing (134 ms) is the stricter; the second's (112 ms) guards a
      // caller that raises perMinute.
      if (lastStart !== undefined) {
        const gap = Math.max(
          this.spacing(this.limits.perMinute),
          this.spacing(this.limits.perSecond, this.secondMs),
        )
        wait = Math.max(wait, lastStart + gap - now)
      }
      const lastBatch = this.batchStarts[this.batchStarts.length - 1]
      if (kind === 'batch' && lastBatch !== undefined) {
        wait = Math.max(wait, lastBatch + this.spacing(this.limits.batchPerMinute) - now)
      }
      if (this.starts.length >= this.cap(this.limits.perMinute)) {
        wait = Math.max(wait, (this.starts[0] ?? now) + this.windowMs - now)
      }
      if (kind === 'batch' && this.batchStarts.length >= this.cap(this.limits.batchPerMinute)) {
        wait = Math.max(wait, (this.batchStarts[0] ?? now) + this.windowMs - now)
      }
      if (wait > 0) {
        await this.sleep(wait)
        continue
      }
      if (this.inFlight >= this.limits.concurrent) {
        await new Promise<void>((resolve) => this.waiters.push(resolve))
        continue
      }
      this.inFlight += 1
      this.starts.push(now)
      if (kind === 'batch') this.batchStarts.push(now)
      return
    }
  }
}

function prune(times: number[], before: number): void {
  while (times.length > 0 && (times[0] ?? 0) <= before) times.shift()
}
