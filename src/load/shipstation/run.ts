import {randomUUID} from 'node:crypto'

import {UsageError} from '../../domain/errors.js'
import type {ShipmentRecord} from '../../domain/shipstation.js'
import {listStores, type ShipStationStats, type StoreInfo} from '../../sources/shipstation/index.js'
import {inTransaction} from '../../staging/index.js'
import type {OrderRow, OrderState, StoreMapping} from '../../staging/shipstation.js'
import type {Logger} from '../../ui/logger.js'
import {settleInDoubt} from '../outbox/settle.js'
import {emptyReport, type WriterDeps} from '../outbox/writer.js'
import {applyWrites, onLanded} from './apply.js'
import {authWarning} from './auth.js'
import {DEFAULTS, JOB, orderKey, RUN_KIND, type SyncDeps, type SyncOptions} from './deps.js'
import type {Pick as InvoicePick} from '../../mappers/shipstation/index.js'
import {findInvoices, type LookupOrder} from './lookup.js'
import {type OrderPlan, planOrders} from './plan.js'
import {readLabels} from './read.js'
import {emptyCounts, NOT_COVERED, type SyncResult, writeResultFile} from './result.js'

/** A logger that also keeps the warnings, so an unattended run carries them in its result. */
function keepingWarnings(logger: Logger, warnings: string[]): Logger {
  return {...logger, warn: (m) => (warnings.push(m), logger.warn(m))}
}

/**
 * One run of the ShipStation → QBO tracking sync: settle what an earlier run left in flight, read each
 * mapped store's labels since its watermark, find the invoices of the orders whose labels changed (and of
 * those still waiting), decide per invoice, and write the differences exactly once. A dry run reads the
 * same and shows the writes instead of making them, recording nothing.
 */
export async function runShipStationSync(deps: SyncDeps, options: SyncOptions): Promise<SyncResult> {
  const realmId = deps.port.realmId
  const startedMs = deps.now()
  // Clients may outlive a run (--every): its request counts are the difference.
  const before = {shipstation: deps.shipstation.stats(), qbo: deps.port.stats?.()}
  const dryRun = options.dryRun ?? false
  const runId = `shipstation-${new Date(startedMs).toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`
  const warnings: string[] = []
  const d: SyncDeps = {...deps, logger: keepingWarnings(deps.logger, warnings)}
  const report = emptyReport()
  const writer: WriterDeps = {
    staging: deps.staging,
    port: deps.port,
    job: JOB,
    runId,
    now: deps.now,
    sleep: deps.sleep,
    logger: d.logger,
    onLanded: onLanded(deps, realmId),
    report,
  }
  const result: SyncResult = {
    runId,
    realmId,
    dryRun,
    startedAt: new Date(startedMs).toISOString(),
    finishedAt: '',
    counts: emptyCounts(),
    stores: [],
    unmappedStores: [],
    updated: [],
    unmatched: [],
    parked: [],
    conflicts: [],
    errors: [],
    recovered: {writes: 0, found: 0, resent: 0, notLanded: 0, waitedSeconds: 0},
    requests: {
      shipstation: {sent: 0, rateLimited: 0, retried: 0, waitedSeconds: 0},
      qbo: {sent: 0, retried: 0, throttled: 0},
    },
    warnings,
    notCovered: NOT_COVERED,
  }
  if (!dryRun) {
    deps.staging.runs.start({kind: RUN_KIND, id: runId, realmId, options: {...options, pid: process.pid}})
  }
  try {
    await settle(d, writer, result, dryRun)
    const remote = await listStores(deps.shipstation)
    const selected = selectStores(remote, deps.staging.shipstation.mappings(), options.stores, result)
    const read = await readLabels(d, selected, options)
    result.stores = read.stores
    for (const s of read.stores) {
      result.counts.fetched += s.fetched
      result.counts.voided += s.voided
      if (s.error) {
        result.errors.push({store: s.storeId, code: s.error.code, message: s.error.message})
        result.counts.errors++
      }
    }
    const labelsOf = labelsWith(d, read.overlay)
    const orders = openOrders(d, selected, read.touched, options, dryRun, startedMs).map((row) =>
      lookupOrder(row, selected, labelsOf),
    )
    const needInvoice = orders.filter((o) => labelsOf(o.row).some((l) => !l.voided) || o.row.written !== null)
    const picks = await findInvoices(
      d,
      needInvoice,
      realmId,
      options.markerLookbackDays ?? DEFAULTS.markerLookbackDays,
    )
    forgetOtherInvoices(orders, picks, realmId)
    const plans = planOrders(orders, labelsOf, picks, deps.now(), options)
    record(d, plans, result, dryRun)
    const writes = plans.filter((p): p is Extract<OrderPlan, {kind: 'write'}> => p.kind === 'write')
    if (dryRun) {
      for (const p of writes) {
        result.counts.updated++
        result.updated.push({
          store: p.order.row.storeId,
          order: p.order.row.orderNumber,
          invoiceId: String(p.invoice.Id),
          docNumber: typeof p.invoice.DocNumber === 'string' ? p.invoice.DocNumber : null,
          fields: p.decision.fields,
        })
      }
    } else {
      await applyWrites(d, writer, writes, result)
    }
    if (!dryRun) await keepAuthorizationAlive(d)
  } catch (error) {
    if (!dryRun) deps.staging.runs.finish(runId, 'failed', {error: (error as Error).message})
    throw error
  }
  finish(d, result, startedMs, before)
  if (!dryRun) {
    deps.staging.runs.finish(runId, 'finished', {counts: result.counts})
    result.resultFile = writeResultFile(options.dbPath, result)
  }
  return result
}

async function settle(d: SyncDeps, writer: WriterDeps, result: SyncResult, dryRun: boolean): Promise<void> {
  if (dryRun) {
    const n = d.staging.outbox.inDoubt(d.port.realmId, JOB).length
    if (n > 0)
      d.logger.warn(
        `${n} invoice updates of an earlier run have no answer yet; the next run (not a dry run) resolves them first.`,
      )
    return
  }
  result.recovered.writes = await settleInDoubt(writer)
  result.recovered.found = writer.report.found
  result.recovered.resent = writer.report.resent
  result.recovered.notLanded = writer.report.notLanded
  result.recovered.waitedSeconds = Math.round(writer.report.waitedMs / 1000)
}

/** The mapped stores to read: all of them, or those given (each must exist in ShipStation and be mapped). */
function selectStores(
  remote: readonly StoreInfo[],
  mappings: readonly StoreMapping[],
  wanted: readonly string[] | undefined,
  result: SyncResult,
): StoreMapping[] {
  const mapped = new Map(mappings.map((m) => [m.storeId, m]))
  result.unmappedStores = remote
    .filter((r) => r.active && !mapped.has(r.storeId))
    .map((r) => ({storeId: r.storeId, name: r.name}))
  const names = new Map(remote.map((r) => [r.storeId, r.name]))
  const ids = wanted && wanted.length > 0 ? [...new Set(wanted)] : mappings.map((m) => m.storeId)
  const missing = ids.filter((id) => !mapped.has(id))
  if (missing.length > 0) {
    throw new UsageError(`ShipStation store ${missing.join(', ')} has no mapping to QBO invoices.`, {
      next: 'Map it first, e.g. `qbo sync shipstation map STORE_ID --by prefix --value S1-` (`qbo sync shipstation stores` lists the stores).',
    })
  }
  return ids.map((id) => ({
    ...mapped.get(id)!,
    storeName: mapped.get(id)!.storeName ?? names.get(id) ?? null,
  }))
}

/** An order's labels: as recorded, with what a dry run read on top (it records nothing). */
function labelsWith(d: SyncDeps, overlay: ReadonlyMap<string, ShipmentRecord>) {
  return (row: OrderRow): ShipmentRecord[] => {
    const byId = new Map(
      d.staging.shipstation.orderShipments(row.storeId, row.orderNumber).map((s) => [s.shipmentId, s]),
    )
    for (const s of overlay.values()) {
      if (s.storeId !== row.storeId) continue
      if (s.orderNumber === row.orderNumber) byId.set(s.shipmentId, s)
      else byId.delete(s.shipmentId)
    }
    return [...byId.values()]
  }
}

/** Orders to look at: those waiting (pending, unmatched, conflict, failed; parked on request) and, in a dry run, those just read. */
function openOrders(
  d: SyncDeps,
  stores: readonly StoreMapping[],
  touched: ReadonlySet<string>,
  options: SyncOptions,
  dryRun: boolean,
  nowMs: number,
): OrderRow[] {
  const states: OrderState[] = [
    'pending',
    'unmatched',
    'conflict',
    'failed',
    ...(options.retryParked ? (['parked'] as const) : []),
  ]
  const ids = stores.map((s) => s.storeId)
  const rows = d.staging.shipstation.ordersIn(ids, states)
  if (!dryRun) return rows
  const have = new Set(rows.map((r) => orderKey(r.storeId, r.orderNumber)))
  for (const key of touched) {
    if (have.has(key)) continue
    const at = key.indexOf(':')
    const [storeId, orderNumber] = [key.slice(0, at), key.slice(at + 1)]
    const existing = d.staging.shipstation.order(storeId, orderNumber)
    if (existing?.state === 'parked' && !options.retryParked) continue
    rows.push(
      existing
        ? {...existing, state: 'pending'}
        : {
            storeId,
            orderNumber,
            state: 'pending',
            realmId: null,
            invoiceId: null,
            docNumber: null,
            written: null,
            reason: null,
            attempts: 0,
            firstSeenAt: new Date(nowMs).toISOString(),
            updatedAt: new Date(nowMs).toISOString(),
          },
    )
  }
  return rows
}

function lookupOrder(
  row: OrderRow,
  stores: readonly StoreMapping[],
  labelsOf: (r: OrderRow) => ShipmentRecord[],
): LookupOrder {
  const labels = labelsOf(row).sort((a, b) => Number(a.shipmentId) - Number(b.shipmentId))
  const newest = labels[labels.length - 1]
  const dates = labels
    .map((l) => l.shipDate)
    .filter((x): x is string => !!x)
    .sort()
  return {
    row,
    mapping: stores.find((s) => s.storeId === row.storeId)!,
    keys: {
      storeId: row.storeId,
      orderNumber: row.orderNumber,
      orderKey:
        labels
          .map((l) => l.orderKey)
          .filter(Boolean)
          .pop() ?? null,
      orderId: newest?.orderId ?? null,
    },
    firstShipDate: dates[0] ?? null,
  }
}

/**
 * What the sync wrote to an invoice says nothing about another one: an order whose invoice is now a
 * different record (the first was deleted and made again, or a mapping changed) starts afresh with it.
 */
function forgetOtherInvoices(
  orders: readonly LookupOrder[],
  picks: ReadonlyMap<string, InvoicePick>,
  realmId: string,
): void {
  for (const o of orders) {
    const pick = picks.get(orderKey(o.row.storeId, o.row.orderNumber))
    if (pick?.kind !== 'found' || !o.row.invoiceId) continue
    if (o.row.invoiceId !== String(pick.invoice.Id) || o.row.realmId !== realmId) o.row.written = null
  }
}

/** Records what each order came to (except the writes, which the writer commits with QBO's answer). */
function record(d: SyncDeps, plans: readonly OrderPlan[], result: SyncResult, dryRun: boolean): void {
  const repo = d.staging.shipstation
  const realmId = d.port.realmId
  const c = result.counts
  const apply = () => {
    for (const p of plans) {
      const row = p.order.row
      const ref = {store: row.storeId, order: row.orderNumber}
      const matched =
        'invoice' in p && p.invoice
          ? {realmId, invoiceId: String(p.invoice.Id), docNumber: docNumberOf(p.invoice)}
          : {}
      if ('invoice' in p && p.invoice) c.matched++
      switch (p.kind) {
        case 'unchanged':
          c.unchanged++
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {
              ...matched,
              state: 'synced',
              written: {...(row.written ?? {}), ...p.current},
              reason: null,
              attempts: 0,
            })
          break
        case 'conflict':
          c.conflicts++
          result.conflicts.push({
            ...ref,
            invoiceId: String(p.invoice.Id),
            fields: p.decision.fields,
            ours: p.decision.ours,
            theirs: p.decision.theirs,
            reason: p.decision.reason,
          })
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {
              ...matched,
              state: 'conflict',
              reason: p.decision.reason,
            })
          break
        case 'invalid':
        case 'park':
          c.parked++
          result.parked.push({...ref, reason: p.reason})
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {...matched, state: 'parked', reason: p.reason})
          break
        case 'unmatched':
          c.unmatched++
          result.unmatched.push({
            ...ref,
            firstSeen: row.firstSeenAt,
            retryUntil: p.retryUntil,
            reason: p.reason,
          })
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {
              state: 'unmatched',
              invoiceId: null,
              docNumber: null,
              reason: p.reason,
            })
          break
        case 'done':
          if (!dryRun) repo.updateOrder(row.storeId, row.orderNumber, {state: 'synced', reason: null})
          break
        case 'write':
          break
      }
    }
  }
  if (dryRun) apply()
  else inTransaction(d.staging.db, apply)
}

function docNumberOf(invoice: Record<string, unknown>): string | null {
  return typeof invoice.DocNumber === 'string' ? invoice.DocNumber : null
}

/**
 * A run with nothing to write may make no QBO call at all, and a refresh token unused for 100 days dies.
 * When its rolling expiry is under 30 days away, one cheap call lets the token keeper refresh it.
 */
async function keepAuthorizationAlive(d: SyncDeps): Promise<void> {
  const auth = d.authStatus?.()
  if (auth && Date.parse(auth.refreshExpiresAt) - d.now() < KEEP_ALIVE_MS) await d.qbo.companyInfo()
}

const KEEP_ALIVE_MS = 30 * 86_400_000

function finish(
  d: SyncDeps,
  result: SyncResult,
  startedMs: number,
  before: {
    shipstation: ShipStationStats
    qbo: {sent: number; retried: number; throttled: number} | undefined
  },
): void {
  const ss = d.shipstation.stats()
  const b = before.shipstation
  result.requests.shipstation = {
    sent: ss.sent - b.sent,
    rateLimited: ss.rateLimited - b.rateLimited,
    retried: ss.retried - b.retried,
    waitedSeconds: Math.round((ss.waitedMs - b.waitedMs) / 1000),
  }
  const q = d.port.stats?.()
  const qb = before.qbo ?? {sent: 0, retried: 0, throttled: 0}
  if (q)
    result.requests.qbo = {
      sent: q.sent - qb.sent,
      retried: q.retried - qb.retried,
      throttled: q.throttled - qb.throttled,
    }
  const auth = d.authStatus?.()
  if (auth) {
    const warning = authWarning(auth, d.now())
    result.auth = {...auth, ...(warning ? {warning} : {})}
    // Logged (so it shows on stderr without --json) and kept in the result's warnings (so a JSON log shows it).
    if (warning && !result.warnings.includes(warning)) d.logger.warn(warning)
  }
  result.finishedAt = new Date(Math.max(d.now(), startedMs)).toISOString()
}
