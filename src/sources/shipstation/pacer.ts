/**
 * Keeps requests to ShipStation V1 within its limit: 40 a minute per API key and secret, a budget shared
 * with every other app using the same key (integrations.md §1.1). Two rules, whichever is stricter:
 * our own sliding window (never more than `limit` requests in any window, with a margin for the time a
 * request takes to arrive), and what the server last said in X-Rate-Limit-Remaining / -Reset.
 */
export class RequestPacer {
  private readonly sent: number[] = []
  private blockedUntil = 0

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly marginMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Waits until one more request fits, records it as sent, and returns how long it waited. */
  async take(): Promise<number> {
    let waited = 0
    for (;;) {
      const t = this.now()
      while (this.sent.length > 0 && this.sent[0]! <= t - this.windowMs - this.marginMs) this.sent.shift()
      const full = this.sent.length >= this.limit ? this.sent[0]! + this.windowMs + this.marginMs : 0
      const until = Math.max(this.blockedUntil, full)
      if (until <= t) {
        this.sent.push(t)
        return waited
      }
      await this.sleep(until - t)
      waited += until - t
    }
  }

  /** The server's view after an answer: when nothing is left, nothing goes until its window resets. */
  observe(remaining: number | undefined, resetSeconds: number | undefined): void {
    if (remaining === undefined || remaining > 0) return
    this.block((resetSeconds ?? this.windowMs / 1000) * 1000)
  }

  /** Nothing goes for `ms` (a 429, or the server's window running out). */
  block(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + Math.max(0, ms) + this.marginMs)
  }
}
