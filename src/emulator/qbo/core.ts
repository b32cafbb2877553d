import type {ReportBuilder} from './report-builder.js'
import {FAULT_KINDS, type FaultInjector} from './fault-injection.js'
import {seedCompany} from './seed.js'
import type {Store} from './store.js'
import type {Throttle} from './throttle.js'
import type {TokenService} from './tokens.js'

export interface EmulatorStats {
  requests: number
  writes: number
  throttled: number
  /** Requests held past QBO's 120 s timeout (time-scaled) by a latency fault: answered 504, nothing applied. */
  timedOut: number
  faultsInjected: Record<(typeof FAULT_KINDS)[number], number>
  entities: Record<string, number>
}

/** Everything a request handler needs, built once per emulator (no module-level state). */
export interface Core {
  store: Store
  realmId: string
  now: () => number
  timeScale: number
  tokens: TokenService
  throttle: Throttle
  faults: FaultInjector
  counters: Omit<EmulatorStats, 'entities'>
  reportBuilder?: ReportBuilder
}

export function newCounters(): Core['counters'] {
  return {
    requests: 0,
    writes: 0,
    throttled: 0,
    timedOut: 0,
    faultsInjected: {http500: 0, throttle: 0, reset: 0, timeout: 0},
  }
}

export function stats(core: Core): EmulatorStats {
  return {...core.counters, faultsInjected: {...core.counters.faultsInjected}, entities: core.store.counts()}
}

/** Back to a new company: entities, replays and counters go; tokens stay valid. */
export function resetCompany(core: Core): void {
  core.store.clearCompany()
  seedCompany(core.store, core.realmId, core.now())
  core.throttle.reset()
  Object.assign(core.counters, newCounters())
}
