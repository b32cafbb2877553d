import {ConfigError, isToolError} from '../../domain/errors.js'
import type {ShipmentRecord} from '../../domain/shipstation.js'
import {type Ignored, readStoreShipments} from '../../sources/shipstation/index.js'
import {inTransaction} from '../../staging/index.js'
import type {StoreMapping} from '../../staging/shipstation.js'
import {DAY_MS, DEFAULTS, JOB, orderKey, type SyncDeps, type SyncOptions} from './deps.js'

export interface StoreRead {
  storeId: string
  name: string | null
  matchBy: string
  /** Where the read started (ISO): the watermark or --since, less the overlap. */
  readFrom: string
  /** Labels read (each once), and of those: new to the sync, changed since last read, newly voided. */
  fetched: number
  new: number
  changed: number
  voided: number
  ignored: Ignored
  /** The watermark after the read (unchanged when --since started after it, or the read failed). */
  watermark: string | null
  error?: {code: string; message: string}
}

export interface ReadOutcome {
  stores: StoreRead[]
  /** Labels read this run that the migration file does not hold yet (a dry run records nothing). */
  overlay: Map<string, ShipmentRecord>
  /** Orders whose labels changed this run. */
  touched: Set<string>
}

function sameLabel(a: ShipmentRecord, b: ShipmentRecord): boolean {
  return (
    a.orderNumber === b.orderNumber &&
    a.trackingNumber === b.trackingNumber &&
    a.voided === b.voided &&
    a.shipDate === b.shipDate &&
    a.carrierCode === b.carrierCode &&
    a.serviceCode === b.serviceCode &&
    a.orderKey === b.orderKey
  )
}

/** `--since`: a civil date (midnight UTC) or an ISO time. */
export function parseSince(since: string | undefined): number | undefined {
  if (since === undefined) return undefined
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since)
  if (Number.isNaN(ms))
    throw new ConfigError(`--since ${since} is not a date`, {
      next: 'Give a date (2026-03-01) or an ISO time.',
    })
  return ms
}

/**
 * Reads each store's labels since its watermark (less the overlap), and records them once per (store,
 * shipment id): a label read again unchanged changes nothing, so a rerun has nothing to write. Orders
 * whose labels are new or changed become pending. Each store's labels, its orders and its new watermark
 * are committed together; a store whose read fails keeps its watermark and is read again next time.
 */
export async function readLabels(
  deps: SyncDeps,
  mappings: readonly StoreMapping[],
  options: SyncOptions,
): Promise<ReadOutcome> {
  const overlap = options.overlapMs ?? DEFAULTS.overlapMs
  const since = parseSince(options.since)
  const out: ReadOutcome = {stores: [], overlay: new Map(), touched: new Set()}
  for (const m of mappings) {
    const mark = deps.staging.watermarks.get(JOB, `store:${m.storeId}`)
    const markMs = mark ? Date.parse(mark) : undefined
    const base =
      since ?? markMs ?? deps.now() - (options.firstLookbackDays ?? DEFAULTS.firstLookbackDays) * DAY_MS
    const fromMs = base - overlap
    const summary: StoreRead = {
      storeId: m.storeId,
      name: m.storeName,
      matchBy: m.matchBy,
      readFrom: new Date(fromMs).toISOString(),
      fetched: 0,
      new: 0,
      changed: 0,
      voided: 0,
      ignored: {returnLabels: 0, noOrderNumber: 0, noTrackingNumber: 0},
      watermark: mark ?? null,
    }
    out.stores.push(summary)
    deps.onProgress?.(`ShipStation store ${m.storeId}: reading labels since ${summary.readFrom}`)
    const startedMs = deps.now()
    let read
    try {
      read = await readStoreShipments(deps.shipstation, m.storeId, fromMs)
    } catch (error) {
      if (error instanceof ConfigError || !isToolError(error)) throw error
      summary.error = {code: error.code, message: error.message}
      deps.logger.warn(`ShipStation store ${m.storeId} was not read: ${error.message}`)
      continue
    }
    summary.fetched = read.shipments.length
    summary.ignored = read.ignored
    const stored = deps.staging.shipstation.shipments(
      m.storeId,
      read.shipments.map((s) => s.shipmentId),
    )
    const changed: ShipmentRecord[] = []
    for (const s of read.shipments) {
      const before = stored.get(s.shipmentId)
      if (before && sameLabel(before, s)) continue
      changed.push(s)
      if (!before) summary.new++
      else summary.changed++
      if (s.voided && !before?.voided) summary.voided++
      out.touched.add(orderKey(m.storeId, s.orderNumber))
      // A label that moved to another order number leaves its old order to be looked at again too.
      if (before && before.orderNumber !== s.orderNumber)
        out.touched.add(orderKey(m.storeId, before.orderNumber))
    }
    // The watermark never jumps a gap: a --since later than it reads from there without moving it.
    const advance = markMs === undefined || since === undefined || since <= markMs
    if (advance) summary.watermark = new Date(startedMs).toISOString()
    if (options.dryRun) {
      for (const s of changed) out.overlay.set(`${m.storeId}:${s.shipmentId}`, s)
      continue
    }
    inTransaction(deps.staging.db, () => {
      for (const s of changed) deps.staging.shipstation.putShipment(s)
      for (const key of out.touched) {
        if (!key.startsWith(`${m.storeId}:`)) continue
        deps.staging.shipstation.touchOrder(m.storeId, key.slice(m.storeId.length + 1))
      }
      if (advance) deps.staging.watermarks.set(JOB, `store:${m.storeId}`, summary.watermark!)
    })
  }
  return out
}
