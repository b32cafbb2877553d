import {addDays, type CivilDate, parseIsoDate, todayUtc} from '../domain/civil-date.js'
import {UsageError} from '../domain/errors.js'
import {toQboAmount} from '../domain/money.js'
import {writeAtomically} from '../io/atomic-file.js'
import type {Clock, Staging} from '../staging/index.js'
import type {ParkedRecord} from '../staging/parked.js'
import type {Logger} from '../ui/logger.js'
import {type BalanceChecks, compareBalances, type ReportRef} from './balance-checks.js'
import {fiscalYearStart, readQboBooks} from './year-end.js'
import {compareDocuments, type DocumentComparison} from './compare-documents.js'
import {conversionView} from './conversion-view.js'
import {failureReasons} from './failures.js'
import type {IdLookup} from './contacts.js'
import {MATCHED_ENTITIES} from './docs.js'
import type {QboReadPort} from './port.js'
import {pullQbo, type QboSide} from './pull.js'
import type {ReconcileReport, ReconcileResult} from './result.js'
import {readSourceSide, type SourceSide} from './source-side.js'
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
  const {lookup: idLookup, mappedIds} = readIdMap(staging, port.realmId)

  logger.info('Reading QBO records in the source date window')
  const window = widenedWindow(source.window, policy)
  const qbo = await pullQbo(port, window, (e) => mappedIds.get(e) ?? [], logger)
  const parkedByKey = latestParked(staging, port.realmId)
  const documents = compareDocuments({staging, source, qbo, conversion, idLookup, policy, parkedByKey})

  logger.info('Comparing the trial balance and aging reports')
  const qboIdOf = (entity: string, sourceId: string) =>
    source.sourceSystems.map((system) => idLookup(entity, system, sourceId)).find((x) => x !== undefined)
  const balances = await compareBalances({staging, port, asOf, policy, source, books, qboIdOf})
  const result = resultOf({...options, realmId: port.realmId}, source, documents, balances, qbo)
  return {
    result,
    generatedAt: deps.clock().toISOString(),
    sourceSystems: source.sourceSystems,
    pairs: documents.pairs,
    unmatched: documents.unmatched,
    trialBalance: balances.trialBalance,
    receivables: balances.receivables,
    payables: balances.payables,
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
    periods: documents.periods.list(MATCHED_ENTITIES),
    parked: [...parkedByKey.values()],
    decisions: staging.decisions.list(),
    unreadable: qbo.unreadable,
    absorbed: documents.absorbed,
  }
}

/** The id map both ways the comparison asks it: one record's QBO id, and every QBO id of an entity. */
function readIdMap(staging: Staging, realmId: string): {lookup: IdLookup; mappedIds: Map<string, string[]>} {
  const idMap = new Map<string, string>()
  const mappedIds = new Map<string, string[]>()
  for (const e of staging.idMap.list(realmId)) {
    idMap.set(`${e.entity}\u001f${e.sourceSystem}\u001f${e.sourceId}`, e.qboId)
    const list = mappedIds.get(e.entity) ?? []
    list.push(e.qboId)
    mappedIds.set(e.entity, list)
  }
  const lookup: IdLookup = (entity, system, id) => idMap.get(`${entity}\u001f${system}\u001f${id}`)
  return {lookup, mappedIds}
}

/** Widened by the heuristic date window, so a backfilled record keyed in a few days off is still read. */
function widenedWindow(
  window: SourceSide['window'],
  policy: TolerancePolicy,
): {from: string; to: string} | undefined {
  const days = policy.heuristicDateWindowDays
  return (
    window && {
      from: addDays(window.from as CivilDate, -days),
      to: addDays(window.to as CivilDate, days),
    }
  )
}

/** The summary the command prints and the run records: match rate, variances, failures, flagged records. */
function resultOf(
  run: {asOf: string; policy: TolerancePolicy; out: string; runId: string; realmId: string},
  source: SourceSide,
  documents: DocumentComparison,
  balances: BalanceChecks,
  qbo: QboSide,
): ReconcileResult {
  const {entities, flagged, absorbed} = documents
  const {trialBalance, receivables, payables} = balances
  const failures = failureReasons(entities, balances, qbo.unreadable.length)
  const totals = Object.values(entities).reduce((a, s) => ({m: a.m + s.matched, s: a.s + s.source}), {
    m: 0,
    s: 0,
  })
  return {
    matchRate: totals.s === 0 ? 1 : totals.m / totals.s,
    entities,
    trialBalance: {accounts: trialBalance.accounts, variance: toQboAmount(trialBalance.variance)},
    out: run.out,
    withinTolerance: failures.length === 0,
    failures,
    aging: {
      receivables: {contacts: receivables.contacts, variance: toQboAmount(receivables.variance)},
      payables: {contacts: payables.contacts, variance: toQboAmount(payables.variance)},
    },
    asOf: run.asOf,
    comparedWith: {
      trialBalance: describeBasis(balances.basis.trialBalance),
      receivables: describeBasis(balances.basis.receivables),
      payables: describeBasis(balances.basis.payables),
    },
    runId: run.runId,
    realmId: run.realmId,
    inputHash: source.inputHash,
    tolerance: run.policy,
    absorbed: {documents: absorbed.documents, amount: toQboAmount(absorbed.amount)},
    flagged: flagged.slice(0, FLAGGED_IN_RESULT),
    flaggedTotal: flagged.length,
  }
}

/**
 * The latest parked entry per record across the load runs into this company (a record parked and later
 * loaded is unparked). A rehearsal into a sandbox parks for its own reasons: not this company's.
 */
function latestParked(staging: Staging, realmId: string): Map<string, ParkedRecord> {
  const out = new Map<string, ParkedRecord>()
  for (const run of staging.runs.list()) {
    if (run.kind !== 'load' || (run.realmId !== null && run.realmId !== realmId)) continue
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
