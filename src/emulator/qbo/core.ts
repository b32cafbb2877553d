import type {ReportBuilder} from './report-builder.js'
import {FAULT_KINDS} from './fault-injection.js'
import {seedCompany} from './seed.js'
import type {Store} from './store.js'
import type {Throttle, ThrottleReason} from './throttle.js'

export interface EmulatorStats {
  requests: number
  writes: number
  /** Requests refused with a 429 by the limits (injected `throttle` faults are in faultsInjected). */
  throttled: number
  throttledBy: Record<ThrottleReason, number>
  /** Requests held past QBO's 120 s timeout (time-scaled) by a latency fault: answered 504, nothing applied. */
  timedOut: number
  faultsInjected: Record<(typeof FAULT_KINDS)[number], number>
  entities: Record<string, number>
}

/**
 * Everything a request for one company needs: its store (entities, requestid replays), its limits and its
 * counters. There is one Core per realm (see companies.ts); nothing lives at module level.
 */
export interface Core {
  store: Store
  realmId: string
  now: () => number
  timeScale: number
  throttle: Throttle
  counters: Omit<EmulatorStats, 'entities'>
  reportBuilder?: ReportBuilder
}

export function newCounters(): Core['counters'] {
  return {
    requests: 0,
    writes: 0,
    throttled: 0,
    throttledBy: {perSecond: 0, perMinute: 0, concurrent: 0, batchPerMinute: 0},
    timedOut: 0,
    faultsInjected: {http500: 0, throttle: 0, reset: 0, timeout: 0},
  }
}

export function stats(core: Core): EmulatorStats {
  return {
    ...core.counters,
    throttledBy: {...core.counters.throttledBy},
    faultsInjected: {...core.counters.faultsInjected},
    entities: core.store.counts(),
  }
}

/** The sum over companies (entities counted per type across every realm). */
export function totalStats(cores: readonly Core[]): EmulatorStats {
  const total: EmulatorStats = {...newCounters(), entities: {}}
  for (const core of cores) {
    const one = stats(core)
    total.requests += one.requests
    total.writes += one.writes
    total.throttled += one.throttled
    for (const [k, v] of Object.entries(one.throttledBy)) total.throttledBy[k as ThrottleReason] += v
    for (const k of FAULT_KINDS) total.faultsInjected[k] += one.faultsInjected[k]
    for (const [k, v] of Object.entries(one.entities)) total.entities[k] = (total.entities[k] ?? 0) + v
  }
  return total
}

/** Back to a new company: entities, replays, limits' windows and counters go; tokens stay valid. */
export function resetCompany(core: Core): void {
  core.store.clearCompany()
  seedCompany(core.store, core.realmId, core.now())
  core.throttle.reset()
  Object.assign(core.counters, newCounters())
}
