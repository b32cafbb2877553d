import {randomUUID} from 'node:crypto'

import {loadXeroCompany, type XeroCompany} from './company.js'
import {startServer, type XeroEmulatorStats} from './server.js'

export type {XeroCompany, XeroRecord} from './company.js'
export {COLLECTIONS, fileNameOf, loadXeroCompany} from './company.js'
export {DEMO_XERO_COMPANY_DIR} from './demo.js'
export type {XeroEmulatorStats} from './server.js'
export {msDate, parseXeroDate} from './ms-date.js'

export interface XeroEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Divides every Xero time window (rate-limit minute and day, token lifetime): 60 makes a minute a second. */
  timeScale?: number
  /** Calls per tenant per rolling day (Xero: 5,000). */
  dailyLimit?: number
  /** Calls per tenant per rolling minute (Xero: 60). */
  minuteLimit?: number
  /** Calls in flight per tenant (Xero: 5). */
  concurrentLimit?: number
  /** Real milliseconds each API answer waits before it is sent (default 0). */
  latencyMs?: number
  /** false switches every limit off (benchmarks). */
  rateLimits?: boolean
  /** The company to serve, or a folder of its JSON files (see docs/xero-emulator.md). */
  company?: XeroCompany | string
  /** The emulator's clock in epoch ms; tests pass a fake one to make a "day" pass instantly. */
  now?: () => number
}

export interface XeroEmulator {
  url: string
  tenantId: string
  stats(): XeroEmulatorStats
  close(): Promise<void>
}

/** Starts a Xero Accounting API emulator on 127.0.0.1 (API under `${url}/api.xro/2.0`). */
export async function startXeroEmulator(options: XeroEmulatorOptions = {}): Promise<XeroEmulator> {
  const company =
    typeof options.company === 'string' ? loadXeroCompany(options.company) : (options.company ?? {})
  const org = company.Organisations?.[0]
  const tenantId = typeof org?.OrganisationID === 'string' ? org.OrganisationID : randomUUID()
  const tenantName = typeof org?.Name === 'string' ? org.Name : 'Demo Company'
  const server = await startServer({
    company,
    tenantId,
    tenantName,
    port: options.port ?? 0,
    timeScale: options.timeScale ?? 1,
    minuteLimit: options.minuteLimit ?? 60,
    dailyLimit: options.dailyLimit ?? 5000,
    concurrentLimit: options.concurrentLimit ?? 5,
    rateLimits: options.rateLimits ?? true,
    latencyMs: options.latencyMs ?? 0,
    now: options.now ?? Date.now,
  })
  return {url: server.url, tenantId, stats: server.stats, close: server.close}
}

/** The line `qbo emulator start --provider xero` prints on stdout. */
export function xeroListeningLine(emulator: Pick<XeroEmulator, 'url' | 'tenantId'>): string {
  return `Xero emulator listening on ${emulator.url} (tenant ${emulator.tenantId})`
}
