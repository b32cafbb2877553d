import type {Account, CanonicalRecord, ManualJournal} from '../../domain/canonical.js'
import {amountText, D, type Dec} from '../../domain/money.js'
import {ReportAccounts} from '../../domain/report-accounts.js'
import type {SourceReport, SourceTrialBalance} from '../../domain/source-reports.js'
import {decision, issue} from '../result.js'
import {openingJournals} from './opening-journals.js'
import type {Posting, PostingAccounts} from './postings.js'
import {CONVERSION_IDS, type ConversionPlan} from './settings.js'

/**
 * The opening balance journal at the conversion date (and, with monthly history, a summary journal at each
 * earlier month end whose trial balance was extracted), as canonical journals the mappers map like any other.
 */
export function journalRecords(
  plan: ConversionPlan,
  reports: readonly SourceReport[],
  accounts: Account[],
  postings: Posting[],
  postingAccounts: PostingAccounts,
  keys: {
    clearing: string
    fiscalYearStartMonth: number
    retainedKey: () => string
    exchangeKey: () => string
  },
): CanonicalRecord[] {
  const date = plan.settings.date
  const trialBalances = reports
    .filter((r): r is SourceTrialBalance => r.kind === 'trialBalance')
    .sort((a, b) => (a.asAt < b.asAt ? -1 : 1))
  const atDate = trialBalances.find((r) => r.asAt === date)
  const journalId = CONVERSION_IDS.journal(date)
  if (!atDate) {
    plan.blocked.push({
      entity: 'JournalEntry',
      sourceId: journalId,
      label: `Opening balances at ${date}`,
      issues: [
        issue(
          'CONVERSION_TRIAL_BALANCE_MISSING',
          `no source trial balance as at the conversion date ${date} was extracted, so the opening balances cannot be built`,
          `Export the Trial Balance as at ${date} from the source (Excel or CSV), put it in the export folder and run qbo migrate extract again.`,
        ),
      ],
      decisions: [],
    })
    return []
  }
  const used = plan.settings.history === 'monthly' ? trialBalances.filter((r) => r.asAt <= date) : [atDate]
  const ties = new ReportAccounts(accounts)
  const profitAndLoss = new Set(
    accounts.filter((a) => a.class === 'revenue' || a.class === 'expense').map((a) => a.id),
  )
  const unknown: string[] = []
  const periods = used.map((tb) => {
    const balances = new Map<string, Dec>()
    for (const row of tb.rows) {
      const tie = ties.tie(row)
      if (!tie) {
        if (tb.asAt === date) unknown.push(row.label)
        continue
      }
      const key =
        tie.kind === 'account'
          ? tie.accountId
          : tie.system === 'retainedEarnings'
            ? keys.retainedKey()
            : keys.exchangeKey()
      balances.set(key, (balances.get(key) ?? new D(0)).plus(row.balance))
    }
    return {date: tb.asAt, balances}
  })
  if (unknown.length > 0) {
    plan.blocked.push({
      entity: 'JournalEntry',
      sourceId: journalId,
      label: `Opening balances at ${date}`,
      issues: [
        issue(
          'CONVERSION_ACCOUNT_UNKNOWN',
          `the source's trial balance at ${date} lists accounts no staged account matches by code or name: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`,
          'Extract the chart of accounts export with the trial balance, then plan again.',
        ),
      ],
      decisions: [],
    })
    return []
  }
  const exchange = postingAccounts.exchangeGainLoss
  const journals = openingJournals({
    periods,
    postings: postings.map((p) => (p.account === exchange ? {...p, account: keys.exchangeKey()} : p)),
    isProfitAndLoss: (k) => profitAndLoss.has(k) || k === CONVERSION_IDS.exchangeGainLoss,
    retainedEarnings: keys.retainedKey(),
    fiscalYearStartMonth: keys.fiscalYearStartMonth,
    clearing: keys.clearing,
    controls: new Set([postingAccounts.receivable, postingAccounts.payable]),
  })
  const out: CanonicalRecord[] = []
  for (const j of journals) {
    if (j.lines.size < 2) continue
    const id = CONVERSION_IDS.journal(j.date)
    const last = j.date === date
    const record: ManualJournal = {
      id,
      number: `Opening ${j.date}`,
      date: j.date,
      narration: last
        ? `Opening balances at ${j.date} from the source's trial balance`
        : `History to ${j.date} from the source's trial balance (monthly summary)`,
      amountsAre: 'noTax',
      lines: [...j.lines]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([accountId, amount], i) => ({
          lineNo: i + 1,
          accountId,
          amount: amountText(amount),
          tracking: [],
        })),
    }
    out.push({kind: 'manualJournal', record})
    const moved = j.toClearing.map(
      (m) =>
        `${amountText(m.amount)} ${m.why === 'control' ? `on ${m.account} (QBO builds receivables and payables from open documents, and they differ from the trial balance by this)` : 'by which the trial balance does not balance'}`,
    )
    plan.decisions.set(`manualJournal:${id}`, [
      decision(
        'OPENING_BALANCES_FROM_TRIAL_BALANCE',
        `${last ? 'opening balances' : 'a monthly summary'} at ${j.date}: the source's trial balance at that date less what the documents open at the conversion date (and any earlier summary) already put in QBO, on ${j.lines.size} accounts`,
        {accounts: j.lines.size},
      ),
      ...(moved.length
        ? [decision('CONVERSION_CLEARING_DIFFERENCE', `left in Conversion Clearing: ${moved.join('; ')}`, {})]
        : []),
    ])
  }
  return out
}
