import {civilDate} from '../domain/civil-date.js'
import {D, type Dec} from '../domain/money.js'
import {ReportAccounts} from '../domain/report-accounts.js'
import type {SourceAgedSummary, SourceTrialBalance} from '../domain/source-reports.js'
import type {StagedReport} from '../staging/source-reports.js'
import {type AgingComparison, compareAging, qboAging} from './aging.js'
import {normalName} from './contacts.js'
import {describeOf, foldTax, targetOf} from './account-targets.js'
import type {BalanceInput} from './balance-input.js'
import {compareAgingReport} from './report-aging.js'
import {parseReport} from './report.js'
import {NO_ACCOUNT, type SourceLedger} from '../domain/source-ledger.js'
import {
  compareTrialBalance,
  qboTrialBalance,
  type QboBalances,
  type TrialBalanceComparison,
} from './trial-balance.js'
import {closeEarlierYears, fiscalYearStart, SOURCE_RETAINED_EARNINGS} from './year-end.js'

/** Which source report a comparison used (undefined: the figures were rebuilt from the staged records). */
export interface ReportRef {
  title: string
  organisation?: string
  asAt: string
  path: string
  basis?: string
}

/** Income and expense for one month: the source's trial balance month column vs QBO's ProfitAndLoss. */
export interface MonthlyComparison {
  month: string
  from: string
  to: string
  report: ReportRef
  comparison: TrialBalanceComparison
}

export interface BalanceChecks {
  trialBalance: TrialBalanceComparison
  receivables: AgingComparison
  payables: AgingComparison
  monthly: MonthlyComparison[]
  basis: {trialBalance?: ReportRef; receivables?: ReportRef; payables?: ReportRef}
}

export type {BalanceInput}

const ref = (r: StagedReport): ReportRef => ({
  title: r.report.title,
  ...(r.report.organisation ? {organisation: r.report.organisation} : {}),
  asAt: r.report.asAt,
  path: r.path,
  ...(r.report.basis ? {basis: r.report.basis} : {}),
})

/**
 * The trial balance and AR/AP aging, each compared with the source's own report at the date when one was
 * extracted, else with figures rebuilt from the staged records (and said so). The source side of a report
 * comparison is the report alone: the only thing taken from the migration is which QBO account (or contact)
 * each source account (or contact) corresponds to, the correspondence the accountant approved.
 */
export async function compareBalances(input: BalanceInput): Promise<BalanceChecks> {
  const {staging, asOf} = input
  const tbReport = staging.sourceReports.at('trialBalance', asOf)
  const arReport = staging.sourceReports.at('agedReceivables', asOf)
  const apReport = staging.sourceReports.at('agedPayables', asOf)
  const trialBalance = await compareTrialBalanceAt(input, tbReport?.report as SourceTrialBalance | undefined)
  labelPeriods(input, trialBalance)
  const monthly: MonthlyComparison[] = []
  for (const r of staging.sourceReports.list('trialBalance')) {
    const month = await compareMonth(input, r)
    if (month) monthly.push(month)
  }
  const receivables = await compareAgingAt(
    input,
    'AgedReceivables',
    arReport?.report as SourceAgedSummary | undefined,
  )
  const payables = await compareAgingAt(
    input,
    'AgedPayables',
    apReport?.report as SourceAgedSummary | undefined,
  )
  return {
    trialBalance,
    receivables,
    payables,
    monthly,
    basis: {
      ...(tbReport ? {trialBalance: ref(tbReport)} : {}),
      ...(arReport ? {receivables: ref(arReport)} : {}),
      ...(apReport ? {payables: ref(apReport)} : {}),
    },
  }
}

/** Says on each row whether it is a balance at the date or income and expense for the fiscal year to date. */
function labelPeriods(input: BalanceInput, tb: TrialBalanceComparison): void {
  const yearStart = fiscalYearStart(input.asOf, input.books.fiscalYearStartMonth)
  const pl = new Set(['Revenue', 'Expense'])
  for (const row of tb.rows) {
    const cls = input.books.classification.get(row.account)
    const profitAndLoss = cls
      ? pl.has(cls)
      : row.sourceAccounts.length > 0 &&
        row.sourceAccounts.every((a) => input.source.profitAndLossAccounts.has(a))
    row.period = profitAndLoss ? `${yearStart} to ${input.asOf} (year to date)` : `Balance at ${input.asOf}`
  }
}

async function qboTb(input: BalanceInput, from: string): Promise<QboBalances> {
  const params = {start_date: from, end_date: input.asOf, accounting_method: 'Accrual'}
  const raw = await input.port.report('TrialBalance', params)
  return foldTax(input, qboTrialBalance(parseReport('TrialBalance', raw)))
}

async function compareTrialBalanceAt(
  input: BalanceInput,
  report: SourceTrialBalance | undefined,
): Promise<TrialBalanceComparison> {
  const {source, policy, asOf} = input
  // Counted like balances, so earlier years' counts on income and expense move to retained earnings.
  const closing = (read: (ledger: SourceLedger) => Map<string, Dec>) =>
    source.ledgerBeforeYear
      ? closeEarlierYears(
          read(source.ledger),
          read(source.ledgerBeforeYear),
          source.profitAndLossAccounts,
          source.retainedEarnings ?? SOURCE_RETAINED_EARNINGS,
        )
      : read(source.ledger)
  const fxDocuments = closing((ledger) => ledger.fxDocuments())
  const qbo = await qboTb(input, source.window?.from ?? asOf)
  if (!report) {
    return compareTrialBalance({
      sourceBalances: closing((ledger) => ledger.balances()),
      target: targetOf(input),
      sourceNames: source.accountNames,
      describe: describeOf(input, source.accountNames),
      fxDocuments,
      qbo,
      policy,
    })
  }
  const {balances, names, unknown} = reportBalances(
    input,
    report.rows.map((r) => ({...r, value: r.balance})),
  )
  return compareTrialBalance({
    sourceBalances: balances,
    target: (id) => (unknown.has(id) ? undefined : targetOf(input)(id)),
    sourceNames: names,
    describe: describeOf(input, names),
    unmappedReason: (id) =>
      unknown.has(id) ? 'no staged account has its code or name' : 'not mapped to a QBO account',
    fxDocuments,
    qbo,
    policy,
  })
}

/** The report's rows by source account key (several rows may tie to one account), with their labels. */
function reportBalances(
  input: BalanceInput,
  rows: {label: string; code?: string; name: string; value: string}[],
): {balances: Map<string, Dec>; names: Map<string, string>; unknown: Set<string>} {
  const accounts = new ReportAccounts(input.source.accounts)
  const balances = new Map<string, Dec>()
  const names = new Map<string, string>()
  const unknown = new Set<string>()
  for (const row of rows) {
    const tie = accounts.tie(row)
    const key =
      tie?.kind === 'account'
        ? tie.accountId
        : tie?.system === 'retainedEarnings'
          ? (input.source.retainedEarnings ?? SOURCE_RETAINED_EARNINGS)
          : tie
            ? NO_ACCOUNT.FX
            : `report:${row.label}`
    if (!tie) unknown.add(key)
    balances.set(key, (balances.get(key) ?? new D(0)).plus(row.value))
    const prior = names.get(key)
    names.set(key, prior && prior !== row.label ? `${prior}; ${row.label}` : row.label)
  }
  return {balances, names, unknown}
}

/**
 * The month of a source trial balance (Xero's Debit / Credit columns: the month of the report up to its date)
 * for income and expense accounts, against QBO's ProfitAndLoss for the same days.
 */
async function compareMonth(
  input: BalanceInput,
  staged: StagedReport,
): Promise<MonthlyComparison | undefined> {
  const report = staged.report as SourceTrialBalance
  const pl = report.rows.filter((r) => r.month !== undefined)
  if (pl.length === 0) return undefined
  const [y, m] = report.asAt.split('-').map(Number) as [number, number]
  const from = civilDate(y, m, 1)
  const {balances, names, unknown} = reportBalances(
    input,
    pl.map((r) => ({...r, value: r.month!})),
  )
  const profitAndLoss = input.source.profitAndLossAccounts
  for (const key of [...balances.keys()]) if (!profitAndLoss.has(key)) balances.delete(key)
  const params = {start_date: from, end_date: report.asAt, accounting_method: 'Accrual'}
  const parsed = parseReport('ProfitAndLoss', await input.port.report('ProfitAndLoss', params))
  const byId = new Map<string, {name: string; balance: Dec}>()
  for (const row of parsed.rows) {
    if (!row.id) continue
    const shown = new D((row.cells[0] ?? '').replace(/,/g, '') || 0)
    // The report shows each account on its normal side: income credit, expense debit.
    const debit = input.books.classification.get(row.id) === 'Revenue' ? shown.negated() : shown
    byId.set(row.id, {name: row.label, balance: (byId.get(row.id)?.balance ?? new D(0)).plus(debit)})
  }
  const comparison = compareTrialBalance({
    sourceBalances: balances,
    target: (id) => (unknown.has(id) ? undefined : targetOf(input)(id)),
    sourceNames: names,
    describe: describeOf(input, names),
    qbo: foldTax(input, {byId}),
    policy: input.policy,
  })
  return {month: report.asAt.slice(0, 7), from, to: report.asAt, report: ref(staged), comparison}
}

async function compareAgingAt(
  input: BalanceInput,
  name: 'AgedReceivables' | 'AgedPayables',
  report: SourceAgedSummary | undefined,
): Promise<AgingComparison> {
  const {source, policy} = input
  const side = name === 'AgedReceivables' ? 'Customer' : 'Vendor'
  const qbo = qboAging(parseReport(name, await input.port.report(name, {report_date: input.asOf})))
  if (!report) {
    return compareAging({
      source: (name === 'AgedReceivables' ? source.receivables : source.payables).balances(),
      qboIdOf: (contactId) => input.qboIdOf(side, contactId),
      qbo,
      policy,
    })
  }
  // A report row names its contact as the source writes it: matched to the staged contact of exactly that
  // name, else to the one contact whose name is the same but for case and spacing (never to one of several
  // look-alikes, which the source keeps apart).
  const exact = new Map<string, string[]>()
  const loose = new Map<string, string[]>()
  for (const [id, contactName] of source.contactNames) {
    exact.set(contactName, [...(exact.get(contactName) ?? []), id])
    loose.set(normalName(contactName), [...(loose.get(normalName(contactName)) ?? []), id])
  }
  return compareAgingReport({
    report,
    qboIdOf: (contactName) => {
      const looseIds = loose.get(normalName(contactName)) ?? []
      const ids = exact.get(contactName) ?? (looseIds.length === 1 ? looseIds : [])
      for (const id of ids) {
        const qboId = input.qboIdOf(side, id)
        if (qboId) return qboId
      }
      return undefined
    },
    qbo,
    qboBuckets: 5,
    policy,
  })
}
