import {D, type Dec} from '../../../../domain/money.js'
import {type Ledger, balances} from '../ledger.js'
import type {Posting} from '../types.js'
import {PROFIT_AND_LOSS_TYPES, parentSection, shown, summaryRow, typeSection} from './account-rows.js'
import {fiscalYearStart, type Period} from './dates.js'
import {cell, column, dataRow, money, type Report, type Row} from './shape.js'

export interface ReportInput {
  ledger: Ledger
  period: Period
  fiscalStartMonth: number
  header: (hasData: boolean) => Record<string, unknown>
}

const BALANCE_SHEET_ORDER = [
  'Bank',
  'Accounts Receivable',
  'Other Current Asset',
  'Fixed Asset',
  'Other Asset',
  'Accounts Payable',
  'Credit Card',
  'Other Current Liability',
  'Long Term Liability',
  'Equity',
  'Income',
  'Cost of Goods Sold',
  'Expense',
  'Other Income',
  'Other Expense',
]

/**
 * Balances as of `end`: balance-sheet accounts from the beginning, profit-and-loss accounts from the start
 * of the fiscal year only; earlier years' profit is closed into Retained Earnings, as QBO does.
 */
function closingBalances(input: ReportInput): {values: Map<string, Dec>; priorEarnings: Dec} {
  const {ledger, period} = input
  const yearStart = fiscalYearStart(period.end, input.fiscalStartMonth)
  const isPl = (p: Posting) => PROFIT_AND_LOSS_TYPES.has(ledger.chart.get(p.accountId).type)
  const values = balances(ledger.postings, (p) => p.date <= period.end && (!isPl(p) || p.date >= yearStart))
  const prior = balances(ledger.postings, (p) => p.date < yearStart && isPl(p))
  let priorEarnings = new D(0)
  for (const value of prior.values()) priorEarnings = priorEarnings.plus(value)
  return {values, priorEarnings}
}

export function trialBalance(input: ReportInput): Report {
  const {ledger} = input
  const {values, priorEarnings} = closingBalances(input)
  if (!priorEarnings.isZero()) {
    const re = ledger.chart.system('RetainedEarnings')
    values.set(re, (values.get(re) ?? new D(0)).plus(priorEarnings))
  }
  const accounts = ledger.chart
    .all()
    .filter((a) => values.has(a.id) && !values.get(a.id)?.isZero())
    .sort((a, b) => rank(a.type) - rank(b.type) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  let debit = new D(0)
  let credit = new D(0)
  const rows: Row[] = accounts.map((a) => {
    const value = values.get(a.id) ?? new D(0)
    if (value.isPositive()) debit = debit.plus(value)
    else credit = credit.minus(value)
    return dataRow([
      cell(a.name, a.id),
      cell(value.isPositive() ? money(value) : ''),
      cell(value.isNegative() ? money(value.negated()) : ''),
    ])
  })
  rows.push({
    type: 'Section',
    group: 'GrandTotal',
    Summary: {ColData: [cell('TOTAL'), cell(money(debit)), cell(money(credit))]},
  })
  return {
    Header: input.header(accounts.length > 0),
    Columns: {
      Column: [
        column('', 'Account', 'account'),
        column('Debit', 'Money', 'debit'),
        column('Credit', 'Money', 'credit'),
      ],
    },
    Rows: {Row: rows},
  }
}

function rank(type: string): number {
  const index = BALANCE_SHEET_ORDER.indexOf(type)
  return index < 0 ? BALANCE_SHEET_ORDER.length : index
}

function shownValues(input: ReportInput, include: (p: Posting) => boolean): Map<string, Dec> {
  const raw = balances(input.ledger.postings, include)
  const out = new Map<string, Dec>()
  for (const [id, value] of raw) out.set(id, shown(input.ledger.chart.get(id), value))
  return out
}

function totalColumns(): Report['Columns'] {
  return {Column: [column('', 'Account', 'account'), column('Total', 'Money', 'total')]}
}

export function profitAndLoss(input: ReportInput): Report {
  const {chart} = input.ledger
  const {start, end} = input.period
  const values = shownValues(
    input,
    (p) => p.date >= start && p.date <= end && PROFIT_AND_LOSS_TYPES.has(chart.get(p.accountId).type),
  )
  const zero = new D(0)
  const income = typeSection(chart, values, ['Income'], 'Income', 'Income')
  const cogs = typeSection(chart, values, ['Cost of Goods Sold'], 'Cost of Goods Sold', 'COGS')
  const expenses = typeSection(chart, values, ['Expense'], 'Expenses', 'Expenses')
  const otherIncome = typeSection(chart, values, ['Other Income'], 'Other Income', 'OtherIncome')
  const otherExpenses = typeSection(chart, values, ['Other Expense'], 'Other Expenses', 'OtherExpenses')
  const gross = (income?.total ?? zero).minus(cogs?.total ?? zero)
  const operating = gross.minus(expenses?.total ?? zero)
  const netOther = (otherIncome?.total ?? zero).minus(otherExpenses?.total ?? zero)
  const rows: Row[] = [
    ...(income ? [income.row] : []),
    ...(cogs ? [cogs.row] : []),
    summaryRow('Gross Profit', 'GrossProfit', gross),
    ...(expenses ? [expenses.row] : []),
    summaryRow('Net Operating Income', 'NetOperatingIncome', operating),
    ...(otherIncome ? [otherIncome.row] : []),
    ...(otherExpenses ? [otherExpenses.row] : []),
    summaryRow('Net Other Income', 'NetOtherIncome', netOther),
    summaryRow('Net Income', 'NetIncome', operating.plus(netOther)),
  ]
  return {Header: input.header(values.size > 0), Columns: totalColumns(), Rows: {Row: rows}}
}

export function balanceSheet(input: ReportInput): Report {
  const {chart} = input.ledger
  const {values: closing, priorEarnings} = closingBalances(input)
  const values = new Map<string, Dec>()
  let netIncome = new D(0)
  for (const [id, value] of closing) {
    const account = chart.get(id)
    if (PROFIT_AND_LOSS_TYPES.has(account.type)) netIncome = netIncome.minus(value)
    else values.set(id, shown(account, value))
  }
  const re = chart.system('RetainedEarnings')
  if (!priorEarnings.isZero() || !chart.get(re).synthetic) {
    values.set(re, (values.get(re) ?? new D(0)).minus(priorEarnings))
  }
  const section = (types: string[], title: string, group: string) =>
    typeSection(chart, values, types, title, group)
  const currentAssets = parentSection(
    [
      section(['Bank'], 'Bank Accounts', 'BankAccounts'),
      section(['Accounts Receivable'], 'Accounts Receivable', 'AR'),
      section(['Other Current Asset'], 'Other Current Assets', 'OtherCurrentAssets'),
    ],
    'Current Assets',
    'CurrentAssets',
  )
  const assets = parentSection(
    [
      currentAssets,
      section(['Fixed Asset'], 'Fixed Assets', 'FixedAssets'),
      section(['Other Asset'], 'Other Assets', 'OtherAssets'),
    ],
    'ASSETS',
    'TotalAssets',
    'TOTAL ASSETS',
  )
  const currentLiabilities = parentSection(
    [
      section(['Accounts Payable'], 'Accounts Payable', 'AP'),
      section(['Credit Card'], 'Credit Cards', 'CreditCards'),
      section(['Other Current Liability'], 'Other Current Liabilities', 'OtherCurrentLiabilities'),
    ],
    'Current Liabilities',
    'CurrentLiabilities',
  )
  const liabilities = parentSection(
    [currentLiabilities, section(['Long Term Liability'], 'Long-Term Liabilities', 'LongTermLiabilities')],
    'Liabilities',
    'Liabilities',
  )
  const equityAccounts = typeSection(chart, values, ['Equity'], 'Equity', 'Equity')
  const equityRows: Row[] = [
    ...((equityAccounts?.row.type === 'Section' ? equityAccounts.row.Rows?.Row : undefined) ?? []),
    dataRow([cell('Net Income'), cell(money(netIncome))], 'NetIncome'),
  ]
  const equityTotal = (equityAccounts?.total ?? new D(0)).plus(netIncome)
  const equity = {
    row: {
      type: 'Section' as const,
      group: 'Equity',
      Header: {ColData: [cell('Equity'), cell('')]},
      Rows: {Row: equityRows},
      Summary: {ColData: [cell('Total Equity'), cell(money(equityTotal))]},
    },
    total: equityTotal,
  }
  const liabilitiesAndEquity = parentSection(
    [liabilities, equity],
    'LIABILITIES AND EQUITY',
    'TotalLiabilitiesAndEquity',
    'TOTAL LIABILITIES AND EQUITY',
  )
  const rows: Row[] = [
    assets?.row ?? summaryRow('TOTAL ASSETS', 'TotalAssets', new D(0)),
    ...(liabilitiesAndEquity ? [liabilitiesAndEquity.row] : []),
  ]
  return {Header: input.header(closing.size > 0), Columns: totalColumns(), Rows: {Row: rows}}
}
