import type {ThrottlePlan} from './model.js'

export interface ThrottleStatus {
  maximumAvailable: number
  currentlyAvailable: number
  restoreRate: number
}

/**
 * Shopify's leaky bucket per app and store: a query takes its requested cost from the bucket before it runs
 * and gets back what it did not use; the bucket refills at `restoreRate` points a second up to its size. A
 * query that costs more than is available is refused as THROTTLED and takes nothing. `timeScale` makes a
 * second shorter, as the other emulators do, and the reported restore rate says so.
 */
export class CostBucket {
  private available: number
  private at: number

  constructor(
    private readonly plan: ThrottlePlan,
    private readonly now: () => number,
    private readonly timeScale: number,
  ) {
    this.available = plan.maximumAvailable
    this.at = now()
  }

  private refill(): void {
    const t = this.now()
    const restored = ((t - this.at) / 1000) * this.plan.restoreRate * this.timeScale
    this.available = Math.min(this.plan.maximumAvailable, this.available + restored)
    this.at = t
  }

  /** Takes `cost` if available; false when the query must be refused. */
  take(cost: number): boolean {
    this.refill()
    if (cost > this.available) return false
    this.available -= cost
    return true
  }

  giveBack(points: number): void {
    this.refill()
    this.available = Math.min(this.plan.maximumAvailable, this.available + points)
  }

  status(): ThrottleStatus {
    this.refill()
    return {
      maximumAvailable: this.plan.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.plan.restoreRate * this.timeScale,
    }
  }
}
