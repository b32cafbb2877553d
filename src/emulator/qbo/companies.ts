import type {Core} from './core.js'
import {newCounters} from './core.js'
import type {ReportBuilder} from './report-builder.js'
import {seedCompany} from './seed.js'
import type {StoreFile} from './store-file.js'
import {Store} from './store.js'
import {Throttle} from './throttle.js'

export interface CompanySettings {
  now: () => number
  timeScale: number
  /** QBO's limits on (the default) or off (the emulator throughput benchmark only). */
  throttling: boolean
  reportBuilder?: ReportBuilder
  /** The --data file every company persists to, each under its realm id. */
  file?: StoreFile
}

/** Realm ids are path segments (/v3/company/{realmId}/...): QBO's are digits; letters, - and _ are allowed here. */
export const REALM_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Every company the emulator serves, by realm id. Each has its own data, requestid memory, limits and
 * counters; a realm seen for the first time gets a newly seeded company (as a new QBO sandbox company).
 */
export class Companies {
  private readonly byRealm = new Map<string, Core>()

  constructor(private readonly settings: CompanySettings) {
    for (const realmId of settings.file?.realms() ?? []) this.open(realmId)
  }

  get(realmId: string): Core | undefined {
    return this.byRealm.get(realmId)
  }

  /** The company for `realmId`, created and seeded when it does not exist yet. */
  open(realmId: string): Core {
    const known = this.byRealm.get(realmId)
    if (known) return known
    if (!REALM_ID.test(realmId))
      throw new Error(`realmId must be 1-64 letters, digits, - or _; got "${realmId}"`)
    const {now, timeScale, throttling, reportBuilder, file} = this.settings
    const store = new Store(file, realmId)
    if (store.isEmpty()) seedCompany(store, realmId, now())
    const core: Core = {
      store,
      realmId,
      now,
      timeScale,
      throttle: new Throttle(throttling, timeScale, now),
      counters: newCounters(),
      ...(reportBuilder ? {reportBuilder} : {}),
    }
    this.byRealm.set(realmId, core)
    return core
  }

  all(): Core[] {
    return [...this.byRealm.values()]
  }

  realmIds(): string[] {
    return [...this.byRealm.keys()]
  }
}
