import {createReportBuilder} from './ledger/index.js'
import type {AddressInfo} from 'node:net'

import {type Core, type EmulatorStats, newCounters, stats} from './core.js'
import {FaultInjector, type FaultSpec, parseFaultSpec} from './fault-injection.js'
import type {ReportBuilder} from './report-builder.js'
import {seedCompany} from './seed.js'
import {createQboServer} from './server.js'
import {Store} from './store.js'
import {Throttle} from './throttle.js'
import {TokenService} from './tokens.js'

export type {Book, ReportBuilder} from './report-builder.js'
export type {EmulatorStats} from './core.js'
export type {FaultSpec} from './fault-injection.js'
export {parseFaultSpec} from './fault-injection.js'

export interface QboEmulatorOptions {
  /** 0/undefined = a random free port on 127.0.0.1. */
  port?: number
  /** Default 1; 60 makes every QBO time window (throttle minute, token lifetimes, 24 h rotation) 60× shorter. */
  timeScale?: number
  faults?: string | FaultSpec
  strictRotation?: boolean
  /** Seeds fault injection (deterministic). */
  seed?: number
  /** Persist state in this SQLite file. */
  dataFile?: string
  realmId?: string
  /** Default true (QBO's limits, time-scaled); false = unlimited, for benchmarks. */
  throttling?: boolean
  clientId?: string
  clientSecret?: string
  /** ms clock for tests. */
  now?: () => number
  reportBuilder?: ReportBuilder
  /** Cells past which a report is cut short with QBO's notice (default QBO's 400,000); small in tests. */
  reportCellLimit?: number
}

export interface QboEmulator {
  url: string
  realmId: string
  stats(): EmulatorStats
  close(): Promise<void>
}

export const DEFAULT_REALM = '9341452000000001'

export async function startQboEmulator(options: QboEmulatorOptions = {}): Promise<QboEmulator> {
  const timeScale = options.timeScale ?? 1
  if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`)
  const now = options.now ?? Date.now
  const realmId = options.realmId ?? DEFAULT_REALM
  const spec = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : options.faults
  const store = new Store(options.dataFile)
  if (store.isEmpty()) seedCompany(store, realmId, now())
  const core: Core = {
    store,
    realmId,
    now,
    timeScale,
    tokens: new TokenService(store, now, timeScale, options.strictRotation ?? false),
    throttle: new Throttle(options.throttling ?? true, 60_000 / timeScale, now),
    faults: new FaultInjector(spec, options.seed ?? 1),
    counters: newCounters(),
    // QBO's reports come from the posting ledger, on the emulator's own clock so --time-scale and 'today' agree.
    reportBuilder:
      options.reportBuilder ??
      createReportBuilder(
        {now: () => new Date(now())},
        options.reportCellLimit ? {cellLimit: options.reportCellLimit} : {},
      ),
  }
  const {server, held} = createQboServer(core, {
    clientId: options.clientId ?? 'qbo-emulator-client',
    clientSecret: options.clientSecret ?? 'qbo-emulator-secret',
    realmId,
    tokens: core.tokens,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    realmId,
    stats: () => stats(core),
    close: async () => {
      for (const s of held) s.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      store.close()
    },
  }
}
