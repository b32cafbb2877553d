import {D, type Dec} from '../domain/money.js'
import {normalName} from './contacts.js'
import {columnIndex, type ParsedReport, reportAmount} from './report.js'
import type {TolerancePolicy} from './tolerance.js'

export interface TrialBalanceRow {
  /** The QBO account Id, or a source key in brackets when the account is not mapped. */
  account: string
  name: string
  sourceAccounts: string[]
  /** How each source account reached this QBO account, one sentence each ("200 Sales: your mapping"). */
  mapping: string[]
  source: Dec
  qbo: Dec
  variance: Dec
  /** Foreign-currency documents posted to the row's source accounts (lines or tax, not the control line). */
  fxDocuments: Dec
  /** What the figures are: a balance at the date, or income and expense for the fiscal year to date. */
  period?: string
  /** `fx rounding`: outside the absolute tolerance but within the FX rounding allowance (tolerance.ts). */
  status: 'agrees' | 'fx rounding' | 'variance' | 'unmapped'
}

export interface TrialBalanceComparison {
  rows: TrialBalanceRow[]
  accounts: number
  /** Sum of absolute variances. */
  variance: Dec
  withinTolerance: boolean
}

export interface QboBalances {
  byId: Map<string, {name: string; balance: Dec}>
}

/** QBO's TrialBalance report as balances by account Id (debit minus credit; Debit/Credit columns found by title). */
export function qboTrialBalance(report: ParsedReport): QboBalances {
  const debit = columnIndex(report, (c) => c.key === 'debit' || /^debit$/i.test(c.title))
  const credit = columnIndex(report, (c) => c.key === 'credit' || /^credit$/i.test(c.title))
  const byId = new Map<string, {name: string; balance: Dec}>()
  for (const row of report.rows) {
    if (!row.id && /^total$/i.test(row.label.trim())) continue
    const key = row.id ?? `name:${row.label}`
    const where = `TrialBalance row ${row.label}`
    const balance = reportAmount(row.cells[debit], where).minus(reportAmount(row.cells[credit], where))
    const prior = byId.get(key)
    byId.set(key, {name: row.label, balance: (prior?.balance ?? new D(0)).plus(balance)})
  }
  return {byId}
}

/**
 * Compares the source ledger, carried to QBO accounts through the account mapping, with QBO's trial balance,
 * account by account. Several source accounts may map to one QBO account; a source account with no mapping
 * (or mapped to "do not migrate") keeps its own row, so its balance is never silently dropped.
 */
export function compareTrialBalance(input: {
  sourceBalances: ReadonlyMap<string, Dec>
  /** Source account id -> QBO account (an Id, or a name), undefined/null when unmapped. */
  target: (sourceAccountId: string) => string | null | undefined
  sourceNames: ReadonlyMap<string, string>
  /** Source account id -> foreign-currency documents posted to it (SourceLedger.fxDocuments). */
  fxDocuments?: ReadonlyMap<string, Dec>
  /** A sentence on how a source account reached its QBO account (the Trial Balance sheet shows it). */
  describe?: (sourceAccountId: string) => string
  /** Why a source account has no QBO account (default: not mapped). */
  unmappedReason?: (sourceAccountId: string) => string
  qbo: QboBalances
  policy: TolerancePolicy
}): TrialBalanceComparison {
  const byName = new Map<string, string>()
  for (const [id, v] of input.qbo.byId) byName.set(normalName(v.name), id)
  const rows = new Map<string, TrialBalanceRow>()
  const row = (account: string, name: string, status: TrialBalanceRow['status']) => {
    let r = rows.get(account)
    if (!r) {
      r = {
        account,
        name,
        sourceAccounts: [],
        mapping: [],
        source: new D(0),
        qbo: new D(0),
        variance: new D(0),
        fxDocuments: new D(0),
        status,
      }
      rows.set(account, r)
    }
    return r
  }
  for (const [sourceId, balance] of input.sourceBalances) {
    const target = input.target(sourceId)
    const sourceName = input.sourceNames.get(sourceId) ?? sourceId
    const id = target
      ? input.qbo.byId.has(target)
        ? target
        : (byName.get(normalName(target)) ?? target)
      : undefined
    const r = id
      ? row(id, input.qbo.byId.get(id)?.name ?? target ?? '', 'agrees')
      : row(
          `[${sourceId}]`,
          `${sourceName} (${input.unmappedReason?.(sourceId) ?? 'not mapped to a QBO account'})`,
          'unmapped',
        )
    r.sourceAccounts.push(sourceId)
    if (input.describe) r.mapping.push(input.describe(sourceId))
    r.source = r.source.plus(balance)
    r.fxDocuments = r.fxDocuments.plus(input.fxDocuments?.get(sourceId) ?? 0)
  }
  for (const [id, v] of input.qbo.byId) row(id, v.name, 'agrees').qbo = v.balance
  const limit = new D(input.policy.amount)
  let variance = new D(0)
  let within = true
  const out = [...rows.values()].filter((r) => !(r.source.isZero() && r.qbo.isZero()))
  for (const r of out) {
    r.variance = r.qbo.minus(r.source)
    variance = variance.plus(r.variance.abs())
    if (r.status === 'agrees' && r.variance.abs().greaterThan(limit)) {
      const fxLimit = limit.plus(new D(input.policy.fxRoundingPerDocument).times(r.fxDocuments))
      r.status = r.variance.abs().greaterThan(fxLimit) ? 'variance' : 'fx rounding'
    }
    if (r.status === 'variance' || r.status === 'unmapped') within = false
  }
  out.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0))
  return {rows: out, accounts: out.length, variance, withinTolerance: within}
}
