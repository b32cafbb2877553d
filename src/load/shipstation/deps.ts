import type {QboClient} from '../../qbo/index.js'
import type {ShipStationClient} from '../../sources/shipstation/index.js'
import type {Staging} from '../../staging/index.js'
import type {Logger} from '../../ui/logger.js'
import type {QboWritePort} from '../port.js'

/** The writer's job name: the outbox rows the ShipStation sync owns, sends and settles. */
export const JOB = 'shipstation'
export const RUN_KIND = 'sync:shipstation'

/** Everything one run needs, passed in (tests pass emulators, a virtual clock and a silent logger). */
export interface SyncDeps {
  staging: Staging
  /** Reads: invoice look-ups and the PrivateNote index. */
  qbo: QboClient
  /** Writes, through the exactly-once writer (src/load/outbox). */
  port: QboWritePort
  shipstation: ShipStationClient
  now: () => number
  sleep: (ms: number) => Promise<void>
  logger: Logger
  onProgress?: (line: string) => void
  /** The token store's entry for the realm, so an unattended run reports an expiry coming. */
  authStatus?: () => {refreshExpiresAt: string; hardExpiresAt: string | null} | undefined
}

export interface SyncOptions {
  /** The migration file: result files go into `shipstation-runs/` beside it. */
  dbPath: string
  dryRun?: boolean
  /** Only these ShipStation store ids (each must be mapped). */
  stores?: readonly string[]
  /** Read from this date (YYYY-MM-DD) or ISO time instead of each store's watermark. */
  since?: string
  /** Every read starts this long before its watermark (ShipStation's filter time zone is UNCONFIRMED). */
  overlapMs?: number
  /** A store read for the first time, without --since: this many days back. */
  firstLookbackDays?: number
  /** An order with no invoice found is retried this many days from when it was first seen, then parked. */
  retryDays?: number
  /** The most characters written to TrackingNum (QBO's limit is UNCONFIRMED; 30 by default). */
  trackingMax?: number
  /** Parked orders are tried again. */
  retryParked?: boolean
  /** The sync's values win over changes someone made to the same fields. */
  overwriteConflicts?: boolean
  /** For marker matching: invoices dated this many days before an order's first label are searched. */
  markerLookbackDays?: number
}

export const DEFAULTS = {
  overlapMs: 12 * 3_600_000,
  firstLookbackDays: 30,
  retryDays: 7,
  trackingMax: 30,
  markerLookbackDays: 120,
} as const

export const DAY_MS = 86_400_000

/** An order's key in maps: store and normalised order number. */
export function orderKey(storeId: string, orderNumber: string): string {
  return `${storeId}:${orderNumber}`
}

/** The outbox source id of an order's invoice write: "<storeId>:<orderNumber>" (store ids have no colon). */
export function splitOrderKey(key: string): {storeId: string; orderNumber: string} {
  const at = key.indexOf(':')
  return {storeId: key.slice(0, at), orderNumber: key.slice(at + 1)}
}
