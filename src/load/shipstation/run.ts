import {randomUUID} from 'node:crypto'

import {listStores, type ShipStationStats} from '../../sources/shipstation/index.js'
import type {Logger} from '../../ui/logger.js'
import {settleInDoubt} from '../outbox/settle.js'
import {emptyReport, type WriterDeps} from '../outbox/writer.js'
import {applyWrites, onLanded} from './apply.js'
import {authWarning, keepAuthorizationAlive} from './auth.js'
import {DEFAULTS, JOB, RUN_KIND, type SyncDeps, type SyncOptions} from './deps.js'
import {findInvoices} from './lookup.js'
import {forgetOtherInvoices, labelsWith, lookupOrder, openOrders} from './orders.js'
import {type OrderPlan, planOrders} from './plan.js'
import {readLabels} from './read.js'
import {recordOutcomes} from './record.js'
import {emptyCounts, NOT_COVERED, type SyncResult, writeResultFile} from './result.js'
import {selectStores} from './stores.js'

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
    recordOutcomes(d, plans, result, dryRun)
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
    // In the result (a JSON log shows it every run); the command prints it without --json.
    if (warning) result.warnings.push(warning)
  }
  result.finishedAt = new Date(Math.max(d.now(), startedMs)).toISOString()
}
