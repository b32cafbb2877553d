/**
 * QBO's limits per realm (qbo-api.md §1): 500 requests a minute, 10 at once, 40 batch requests a minute.
 * The minute is divided by the time scale. A throttled request does not count against the window.
 */
export const LIMITS = {perMinute: 500, concurrent: 10, batchPerMinute: 40}

export class Throttle {
  private readonly requests = new Map<string, number[]>()
  private readonly batches = new Map<string, number[]>()
  private readonly inFlight = new Map<string, number>()

  constructor(
    private readonly enabled: boolean,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes a slot for one request, or answers false (429). Call release() when the request ends. */
  acquire(realm: string, isBatch: boolean): boolean {
    if (!this.enabled) return true
    const t = this.now()
    const reqs = this.recent(this.requests, realm, t)
    const batches = this.recent(this.batches, realm, t)
    const busy = this.inFlight.get(realm) ?? 0
    if (
      reqs.length >= LIMITS.perMinute ||
      busy >= LIMITS.concurrent ||
      (isBatch && batches.length >= LIMITS.batchPerMinute)
    )
      return false
    reqs.push(t)
    if (isBatch) batches.push(t)
    this.inFlight.set(realm, busy + 1)
    return true
  }

  release(realm: string): void {
    if (!this.enabled) return
    this.inFlight.set(realm, Math.max(0, (this.inFlight.get(realm) ?? 1) - 1))
  }

  reset(): void {
    this.requests.clear()
    this.batches.clear()
  }

  private recent(map: Map<string, number[]>, realm: string, t: number): number[] {
    let list = map.get(realm)
    if (!list) map.set(realm, (list = []))
    let drop = 0
    while (drop < list.length && list[drop]! <= t - this.windowMs) drop++
    if (drop) list.splice(0, drop)
    return list
  }
}
