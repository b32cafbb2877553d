import {addDays, type CivilDate, parseIsoDate, todayUtc} from '../domain/civil-date.js'
import {UsageError} from '../domain/errors.js'
import {D, toQboAmount} from '../domain/money.js'
import {writeAtomically} from '../io/atomic-file.js'
import type {Clock, Staging} from '../staging/index.js'
import type {ParkedRecord} from '../staging/parked.js'
import type {Logger} from '../ui/logger.js'
import {compareBalances, type ReportRef} from './balance-checks.js'
import {fiscalYearStart, readQboBooks} from './year-end.js'
import {centsText, toCents} from '../domain/cents.js'
import {comparePair} from './compare.js'
import {
  asLoadedAtConversion,
  conversionView,
  decidedKeys,
  notMigratedByDecision,
  withoutConversionRecords,
} from './conversion-view.js'
import {failureReasons} from './failures.js'
import {ContactResolver, type IdLookup} from './contacts.js'
import {MATCHED_ENTITIES, type MatchedEntity, type MatchedPair} from './docs.js'
import {matchEntity} from './match.js'
import {PeriodTotals} from './periods.js'
import type {QboReadPort} from './port.js'
import {pullQbo} from './pull.js'
import type {EntityStats, FlaggedRecord, ReconcileReport, ReconcileResult, UnmatchedRow} from './result.js'
import {readSourceSide} from './source-side.js'
import {DEFAULT_TOLERANCE, type TolerancePolicy} from './tolerance.js'
import {writeWorkbook} from './workbook/write.js'

export interface ReconcileDeps {
  staging: Staging
  port: QboReadPort
  clock: Clock
  logger: Logger
}

export interface ReconcileOptions {
  /**
   * Trial balance and aging date (YYYY-MM-DD); default the date of the latest source trial balance (or aged
   * summary) extracted, else today (UTC, from the clock).
   */
  asOf?: string
  tolerance?: TolerancePolicy
  /** Where the workbook goes. */
  out: string
}

const FLAGGED_IN_RESULT = 200

/**
 * Matches every staged source transaction to QBO, compares documents, trial balance and aging, writes the
 * accountant's workbook and returns the result. `withinTolerance` false means the command exits 4.
 */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileResult> {
  const {staging, port, logger} = deps
  const asOf = options.asOf ?? latestReportDate(staging) ?? todayUtc(deps.clock())
  if (!parseIsoDate(asOf)) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`, {
      next: 'qbo migrate reconcile --as-of 2025-06-30',
    })
  }
  const policy = options.tolerance ?? DEFAULT_TOLERANCE
  const run = staging.runs.start({kind: 'reconcile', realmId: port.realmId, options: {asOf, policy}})
  try {
    // The comparison's working data (staged documents, id map, ledgers) is left behind when it returns:
    // only the report's rows stay in memory while the workbook is written.
    const report = await compareBooks(deps, {asOf, policy, out: options.out, runId: run.id})
    logger.info(`Writing ${options.out}`)
    await writeAtomically(options.out, (file) => writeWorkbook(file, report))
    const {result} = report
    staging.runs.finish(run.id, 'finished', {
      matchRate: result.matchRate,
      withinTolerance: result.withinTolerance,
      out: options.out,
    })
    return result
  } catch (error) {
    staging.runs.finish(run.id, 'failed', {error: error instanceof Error ? error.message : String(error)})
    throw error
  }
}

/** Matches and compares both sides: everything the result and the workbook show. */
async function compareBooks(
  deps: ReconcileDeps,
  options: {asOf: string; policy: TolerancePolicy; out: string; runId: string},
): Promise<ReconcileReport> {
  const {staging, port, logger} = deps
  const {asOf, policy} = options
  logger.info('Reading the staged source records')
  const books = await readQboBooks(port)
  const conversion = conversionView(staging, port.realmId)
  const source = readSourceSide(
    staging,
    asOf,
    fiscalYearStart(asOf, books.fiscalYearStartMonth),
    !!conversion,
  )

  const idMap = new Map<string, string>()
  const mappedIds = new Map<string, string[]>()
  for (const e of staging.idMap.list(port.realmId)) {
    idMap.set(`${e.entity}\u001f${e.sourceSystem}\u001f${e.sourceId}`, e.qboId)
    const list = mappedIds.get(e.entity) ?? []
    list.push(e.qboId)
    mappedIds.set(e.entity, list)
  }
  const idLookup: IdLookup = (entity, system, id) => idMap.get(`${entity}\u001f${system}\u001f${id}`)

  logger.info('Reading QBO records in the source date window')
  // Widened by the heuristic date window, so a backfilled record keyed in a few days off is still read.
  const days = policy.heuristicDateWindowDays
  const window = source.window && {
    from: addDays(source.window.from as CivilDate, -days),
    to: addDays(source.window.to as CivilDate, days),
  }
  const qbo = await pullQbo(port, window, (e) => mappedIds.get(e) ?? [], logger)
  const contacts = new ContactResolver(idLookup, qbo.contactNames)

  const parkedByKey = latestParked(staging)
  const notMigratedBy = notMigratedByDecision(staging)
  const openAtConversion = decidedKeys(staging, 'OPEN_AT_CONVERSION')
  const pairs = new Map<MatchedEntity, MatchedPair[]>()
  const unmatched: UnmatchedRow[] = []
  const entities: Partial<Record<MatchedEntity, EntityStats>> = {}
  const flagged: FlaggedRecord[] = []
  const periods = new PeriodTotals()
  const absorbed = {documents: 0, amount: new D(0)}
  for (const entity of MATCHED_ENTITIES) {
    const sources = (source.docs.get(entity) ?? []).map((d) =>
      asLoadedAtConversion(d, conversion, openAtConversion, source),
    )
    const qboDocs = withoutConversionRecords(entity, qbo.docs.get(entity) ?? new Map(), conversion)
    const notCarried = source.notCarried.get(entity) ?? []
    if (sources.length === 0 && qboDocs.size === 0 && notCarried.length === 0) continue
    const outcome = matchEntity(entity, sources, qboDocs, {idLookup, contacts, policy})
    const compared = outcome.matches.map((m) => comparePair(m, contacts, policy))
    pairs.set(entity, compared)
    for (const s of sources) periods.addSource(s)
    for (const q of qboDocs.values()) periods.addQbo(q)
    // What the load left out by design (settled before the conversion date) is not missing, nor matched.
    const notMigrated = [...notCarried]
    const missing = outcome.missing.filter((s) => {
      const reason = notMigratedBy.get(`${entity}\u001f${s.sourceSystem}\u001f${s.sourceId}`)
      if (reason) notMigrated.push({doc: s, reason})
      return !reason
    })
    const stats = entityStats(
      sources.length + notCarried.length,
      compared,
      missing.length,
      outcome.extra.length,
      notMigrated.length,
    )
    stats.sourceTotal = centsText(sources.reduce((a, s) => a + toCents(s.total), 0))
    stats.qboTotal = centsText([...qboDocs.values()].reduce((a, q) => a + toCents(q.total), 0))
    entities[entity] = stats
    for (const p of compared) {
      const inside = p.differences.filter((d) => d.withinTolerance && d.difference !== undefined)
      if (inside.length > 0) absorbed.documents++
      for (const d of inside) absorbed.amount = absorbed.amount.plus(new D(d.difference!).abs())
      if (p.status === 'mismatched') {
        flagged.push({
          entity,
          status: 'mismatched',
          sourceId: p.source.sourceId,
          qboId: p.qbo.id,
          differences: p.differences,
        })
      }
    }
    for (const n of notMigrated) unmatched.push({side: 'not migrated', doc: n.doc, reason: n.reason})
    for (const s of missing) {
      const parked = parkedByKey.get(`${entity}\u001f${s.sourceSystem}\u001f${s.sourceId}`)
      const reason = parked
        ? `parked by the load: ${parked.faultCode} ${parked.message}`
        : 'no QBO record found'
      unmatched.push({side: 'source', doc: s, reason})
      flagged.push({entity, status: 'missing', sourceId: s.sourceId})
    }
    for (const q of outcome.extra) {
      const reason = q.marker
        ? `duplicate or orphan: carries marker of ${q.marker.sourceId}`
        : 'not in the source'
      unmatched.push({side: 'qbo', doc: q, reason})
      flagged.push({entity, status: 'extra', qboId: q.id})
    }
  }

  logger.info('Comparing the trial balance and aging reports')
  const qboIdOf = (entity: string, sourceId: string) =>
    source.sourceSystems.map((system) => idLookup(entity, system, sourceId)).find((x) => x !== undefined)
  const balances = await compareBalances({staging, port, asOf, policy, source, books, qboIdOf})
  const {trialBalance, receivables, payables} = balances

  const failures = failureReasons(entities, balances, qbo.unreadable.length)
  const totals = Object.values(entities).reduce((a, s) => ({m: a.m + s.matched, s: a.s + s.source}), {
    m: 0,
    s: 0,
  })
  const result: ReconcileResult = {
    matchRate: totals.s === 0 ? 1 : totals.m / totals.s,
    entities,
    trialBalance: {accounts: trialBalance.accounts, variance: toQboAmount(trialBalance.variance)},
    out: options.out,
    withinTolerance: failures.length === 0,
    failures,
    aging: {
      receivables: {contacts: receivables.contacts, variance: toQboAmount(receivables.variance)},
      payables: {contacts: payables.contacts, variance: toQboAmount(payables.variance)},
    },
    asOf,
    comparedWith: {
      trialBalance: describeBasis(balances.basis.trialBalance),
      receivables: describeBasis(balances.basis.receivables),
      payables: describeBasis(balances.basis.payables),
    },
    runId: options.runId,
    realmId: port.realmId,
    inputHash: source.inputHash,
    tolerance: policy,
    absorbed: {documents: absorbed.documents, amount: toQboAmount(absorbed.amount)},
    flagged: flagged.slice(0, FLAGGED_IN_RESULT),
    flaggedTotal: flagged.length,
  }
  const report: ReconcileReport = {
    result,
    generatedAt: deps.clock().toISOString(),
    sourceSystems: source.sourceSystems,
    pairs,
    unmatched,
    trialBalance,
    receivables,
    payables,
    monthly: balances.monthly,
    basis: balances.basis,
    ...(conversion
      ? {
          conversion: {
            date: conversion.date,
            openDocuments: conversion.openDocuments,
            made: conversion.made.size,
          },
        }
      : {}),
    periods: periods.list(MATCHED_ENTITIES),
    parked: [...parkedByKey.values()],
    decisions: staging.decisions.list(),
    unreadable: qbo.unreadable,
    absorbed,
  }
  return report
}

function entityStats(
  source: number,
  pairs: MatchedPair[],
  missing: number,
  extra: number,
  notMigrated: number,
): EntityStats {
  const matched = pairs.filter((p) => p.status === 'matched').length
  const byMethod = {idMap: 0, marker: 0, heuristic: 0}
  for (const p of pairs) byMethod[p.method]++
  return {
    source,
    matched,
    mismatched: pairs.length - matched,
    missing,
    extra,
    notMigrated,
    matchRate: source === 0 ? 1 : matched / source,
    byMethod,
    sourceTotal: '0.00',
    qboTotal: '0.00',
  }
}

/** The latest parked entry per record across load runs (a record parked and later loaded is unparked). */
function latestParked(staging: Staging): Map<string, ParkedRecord> {
  const out = new Map<string, ParkedRecord>()
  for (const run of staging.runs.list()) {
    if (run.kind !== 'load') continue
    for (const p of staging.parked.list(run.id))
      out.set(`${p.entity}\u001f${p.sourceSystem}\u001f${p.sourceId}`, p)
  }
  return out
}

function describeBasis(basis: ReportRef | undefined): string {
  return basis
    ? `the source's ${basis.title} as at ${basis.asAt} (${basis.path})`
    : 'figures rebuilt from the staged records (no source report was extracted)'
}

/** The as-at date of the latest source trial balance extracted, else of the latest aged summary. */
function latestReportDate(staging: Staging): string | undefined {
  const dates = (kind: 'trialBalance' | 'agedReceivables' | 'agedPayables') =>
    staging.sourceReports.list(kind).map((r) => r.report.asAt)
  return dates('trialBalance').at(-1) ?? [...dates('agedReceivables'), ...dates('agedPayables')].sort().at(-1)
}
