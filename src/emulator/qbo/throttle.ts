/**
 * One company's QBO limits (qbo-api.md §1): 10 request starts a second and 10 requests in flight per
 * realm+app, 500 a minute, 40 batch requests a minute. The second and the minute are divided by the time
 * scale. A request holds its concurrency slot until its answer has left (or its connection closed), not
 * just while the emulator computes it, so a client that opens more than 10 requests at once is refused as
 * QBO refuses it. A refused request counts against no window.
 */
export const LIMITS = {perSecond: 10, perMinute: 500, concurrent: 10, batchPerMinute: 40}

export type ThrottleReason = 'perSecond' | 'perMinute' | 'concurrent' | 'batchPerMinute'

/** A granted request: call release() once when it ends (further calls do nothing). */
export interface Slot {
  release(): void
}

export type Admission = {ok: true; slot: Slot} | {ok: false; reason: ThrottleReason}

export class Throttle {
  private seconds: number[] = []
  private minutes: number[] = []
  private batches: number[] = []
  private inFlight = 0
  private readonly secondMs: number
  private readonly minuteMs: number

  constructor(
    private readonly enabled: boolean,
    timeScale: number,
    private readonly now: () => number,
  ) {
    this.secondMs = 1_000 / timeScale
    this.minuteMs = 60_000 / timeScale
  }

  admit(isBatch: boolean): Admission {
    if (this.enabled) {
      const t = this.now()
      prune(this.seconds, t - this.secondMs)
      prune(this.minutes, t - this.minuteMs)
      prune(this.batches, t - this.minuteMs)
      // The order names the limit a client most likely broke: the burst before the sustained rate.
      if (this.inFlight >= LIMITS.concurrent) return {ok: false, reason: 'concurrent'}
      if (this.seconds.length >= LIMITS.perSecond) return {ok: false, reason: 'perSecond'}
      if (this.minutes.length >= LIMITS.perMinute) return {ok: false, reason: 'perMinute'}
      if (isBatch && this.batches.length >= LIMITS.batchPerMinute)
        return {ok: false, reason: 'batchPerMinute'}
      this.seconds.push(t)
      this.minutes.push(t)
      if (isBatch) this.batches.push(t)
    }
    this.inFlight++
    let released = false
    return {
      ok: true,
      slot: {
        release: () => {
          if (released) return
          released = true
          this.inFlight--
        },
      },
    }
  }

  /** Requests holding a slot now (for stats and tests). */
  busy(): number {
    return this.inFlight
  }

  /** A reset company starts with empty windows; requests still in flight keep their slots. */
  reset(): void {
    this.seconds = []
    this.minutes = []
    this.batches = []
  }
}

function prune(times: number[], before: number): void {
  let drop = 0
  while (drop < times.length && times[drop]! <= before) drop++
  if (drop) times.splice(0, drop)
}
