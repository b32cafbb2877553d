import type {AddressInfo} from 'node:net'

import {Companies} from './companies.js'
import {type EmulatorStats, stats, totalStats} from './core.js'
import {FaultPlan, type FaultSpec, parseFaultSpec} from './fault-injection.js'
import {createReportBuilder} from './ledger/index.js'
import type {ReportBuilder} from './report-builder.js'
import {createQboServer} from './server.js'
import type {EmulatorState} from './state.js'
import {APP_SCOPE, StoreFile} from './store-file.js'
import {Store} from './store.js'
import {TokenService} from './tokens.js'

export type {Book, ReportBuilder} from './report-builder.js'
export type {EmulatorStats} from './core.js'
export type {FaultSpec} from './fault-injection.js'
export {parseFaultSpec} from './fault-injection.js'

export interface QboEmulatorOptions {
  /** 0/undefined = a random free port on 127.0.0.1. */
  port?: number
  /**
   * Default 1; 60 makes every QBO time window (the throttle's second and minute, token lifetimes, 24 h
   * rotation) 60× shorter.
   */
  timeScale?: number
  faults?: string | FaultSpec
  strictRotation?: boolean
  /** Seeds fault injection (deterministic). */
  seed?: number
  /** Persist every company (and the app's tokens) in this SQLite file. */
  dataFile?: string
  /** The company the emulator announces and creates at start; more come with POST /_emulator/tokens. */
  realmId?: string
  /**
   * QBO's limits per company (10 a second, 10 at once, 500 a minute, 40 batches a minute; time-scaled).
   * Default true. false exists for the emulator throughput benchmark alone (bench/emulator.bench.ts),
   * which measures request handling, not pacing; tests and the load benchmark keep the limits on.
   */
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
  /** The default company's realm id. */
  realmId: string
  /** Every company's realm id (the default first). */
  realms(): string[]
  /** Totals over every company, or one company's numbers. */
  stats(realmId?: string): EmulatorStats
  close(): Promise<void>
}

export const DEFAULT_REALM = '9341452000000001'

export async function startQboEmulator(options: QboEmulatorOptions = {}): Promise<QboEmulator> {
  const timeScale = options.timeScale ?? 1
  if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`)
  const now = options.now ?? Date.now
  const defaultRealm = options.realmId ?? DEFAULT_REALM
  const spec = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : options.faults
  const file = options.dataFile ? new StoreFile(options.dataFile, defaultRealm) : undefined
  const companies = new Companies({
    now,
    timeScale,
    throttling: options.throttling ?? true,
    // QBO's reports come from the posting ledger, on the emulator's own clock so --time-scale and 'today' agree.
    reportBuilder:
      options.reportBuilder ??
      createReportBuilder(
        {now: () => new Date(now())},
        options.reportCellLimit ? {cellLimit: options.reportCellLimit} : {},
      ),
    ...(file ? {file} : {}),
  })
  companies.open(defaultRealm)
  const tokens = new TokenService(new Store(file, APP_SCOPE), now, timeScale, options.strictRotation ?? false)
  const state: EmulatorState = {
    companies,
    defaultRealm,
    tokens,
    faults: new FaultPlan(spec, options.seed ?? 1),
    now,
    timeScale,
  }
  const {server, held} = createQboServer(state, {
    clientId: options.clientId ?? 'qbo-emulator-client',
    clientSecret: options.clientSecret ?? 'qbo-emulator-secret',
    defaultRealm,
    realms: () => companies.realmIds(),
    tokens,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    realmId: defaultRealm,
    realms: () => [defaultRealm, ...companies.realmIds().filter((r) => r !== defaultRealm)],
    stats: (realmId) => {
      if (realmId === undefined) return totalStats(companies.all())
      const core = companies.get(realmId)
      if (!core) throw new Error(`No company with realmId ${realmId}`)
      return stats(core)
    },
    close: async () => {
      for (const s of held) s.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      file?.close()
    },
  }
}
