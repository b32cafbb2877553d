import type {Dec} from '../domain/money.js'
import type {Decision} from '../staging/decisions.js'
import type {ParkedRecord} from '../staging/parked.js'
import type {AgingComparison} from './aging.js'
import type {BalanceChecks} from './balance-checks.js'
import type {FieldDifference, MatchedEntity, MatchedPair, MatchMethod, QboDoc, SourceDoc} from './docs.js'
import type {PeriodRow} from './periods.js'
import type {TolerancePolicy} from './tolerance.js'
import type {TrialBalanceComparison} from './trial-balance.js'

export interface EntityStats {
  source: number
  /** Paired with a QBO record and agreeing within tolerance. */
  matched: number
  /** Paired, but some field differs beyond tolerance. */
  mismatched: number
  /** No QBO record found. */
  missing: number
  /** QBO records in the window that no source document explains. */
  extra: number
  /**
   * What the source had that this migration leaves out by design (counted in `source`, never matched): payments
   * a Xero CSV export cannot carry, records settled before the conversion date.
   */
  notMigrated: number
  /** matched / source (1 when there is no source document); what was not migrated counts as unmatched. */
  matchRate: number
  byMethod: Record<MatchMethod, number>
  sourceTotal: string
  qboTotal: string
}

/** The `--json` result of `qbo migrate reconcile` (CLI.md) plus the detail a script may want. */
export interface ReconcileResult {
  matchRate: number
  entities: Partial<Record<MatchedEntity, EntityStats>>
  trialBalance: {accounts: number; variance: number}
  out: string
  withinTolerance: boolean
  /** Why the result is outside tolerance, one line per reason. */
  failures: string[]
  aging: {receivables: {contacts: number; variance: number}; payables: {contacts: number; variance: number}}
  asOf: string
  /** What each balance check compared QBO with: the source's own report (named), or the staged records. */
  comparedWith: {trialBalance: string; receivables: string; payables: string}
  runId: string
  realmId: string
  inputHash: string
  tolerance: TolerancePolicy
  /** Documents whose differences the tolerance policy absorbed, and the sum of those differences. */
  absorbed: {documents: number; amount: number}
  /** Mismatched, missing and extra records (the first 200; the workbook has all). */
  flagged: FlaggedRecord[]
  flaggedTotal: number
}

export interface FlaggedRecord {
  entity: MatchedEntity
  status: 'mismatched' | 'missing' | 'extra'
  sourceId?: string
  qboId?: string
  differences?: FieldDifference[]
}

export interface UnmatchedRow {
  /** `not migrated`: the source had it, and the migration leaves it out by design (see `reason`). */
  side: 'source' | 'qbo' | 'not migrated'
  doc: SourceDoc | QboDoc
  reason: string
}

/** Everything the workbook shows. */
export interface ReconcileReport {
  result: ReconcileResult
  generatedAt: string
  sourceSystems: string[]
  pairs: Map<MatchedEntity, MatchedPair[]>
  unmatched: UnmatchedRow[]
  trialBalance: TrialBalanceComparison
  receivables: AgingComparison
  payables: AgingComparison
  /** Income and expense per month where a source trial balance shows the month. */
  monthly: BalanceChecks['monthly']
  /** Which source report each balance check used; absent: figures rebuilt from the staged records. */
  basis: BalanceChecks['basis']
  /** A conversion-date migration: its date, how open documents were loaded, how many records it made itself. */
  conversion?: {date: string; openDocuments: 'outstanding' | 'full'; made: number}
  periods: PeriodRow[]
  parked: ParkedRecord[]
  decisions: Decision[]
  unreadable: {entity: string; id: string; problem: string}[]
  /** Differences absorbed by the tolerance policy (count and sum of absolute amounts). */
  absorbed: {documents: number; amount: Dec}
}
