import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {XMLParser} from 'fast-xml-parser'

import {ReportParamError, createReportBuilder} from '../../../src/emulator/qbo/ledger/index.js'
import {fixedClock, makeBook} from './company.js'

type Json = Record<string, unknown>
interface Cell {
  value: string
  id?: string
}
interface Row {
  type: string
  group?: string
  ColData?: Cell[]
  Header?: {ColData: Cell[]}
  Rows?: {Row: Row[]}
  Summary?: {ColData: Cell[]}
}
interface Report {
  Header: Json & {Option: {Name: string; Value: string}[]}
  Columns: {Column: {ColTitle: string; ColType: string; MetaData?: {Name: string; Value: string}[]}[]}
  Rows: {Row: Row[]}
}

const build = createReportBuilder(fixedClock('2025-03-01T09:00:00Z'))

const gst = (amount: number, item = '1') => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: {ItemRef: {value: item}, TaxCodeRef: {value: '10'}},
})
const tax = (amount: number, rate = '1') => ({
  TotalTax: amount,
  TaxLine: [{Amount: amount, DetailType: 'TaxLineDetail', TaxLineDetail: {TaxRateRef: {value: rate}}}],
})

/** Last fiscal year: a 1000 capital journal and 100 of income; this year: sales, a partial payment, a bill. */
const book = makeBook({
  JournalEntry: [
    {
      Id: '1',
      TxnDate: '2024-03-01',
      Line: [
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 1100,
          JournalEntryLineDetail: {PostingType: 'Debit', AccountRef: {value: '35'}},
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 1000,
          JournalEntryLineDetail: {PostingType: 'Credit', AccountRef: {value: '34'}},
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 100,
          JournalEntryLineDetail: {PostingType: 'Credit', AccountRef: {value: '29'}},
        },
      ],
    },
  ],
  Invoice: [
    {
      Id: '130',
      DocNumber: 'INV-1',
      TxnDate: '2024-11-01',
      DueDate: '2024-12-01',
      CustomerRef: {value: '58'},
      Line: [gst(200)],
      TxnTaxDetail: tax(20),
      TotalAmt: 220,
      Balance: 120,
    },
    {
      Id: '131',
      DocNumber: 'INV-2',
      TxnDate: '2025-02-20',
      DueDate: '2025-03-20',
      CustomerRef: {value: '59'},
      Line: [gst(50, '2')],
      TxnTaxDetail: tax(5),
      TotalAmt: 55,
      Balance: 55,
    },
  ],
  Payment: [
    {
      Id: '160',
      TxnDate: '2025-01-10',
      CustomerRef: {value: '58'},
      DepositToAccountRef: {value: '35'},
      TotalAmt: 100,
      Line: [{Amount: 100, LinkedTxn: [{TxnId: '130', TxnType: 'Invoice'}]}],
    },
  ],
  Bill: [
    {
      Id: '151',
      TxnDate: '2024-10-01',
      DueDate: '2024-10-31',
      VendorRef: {value: '56'},
      Line: [
        {
          DetailType: 'AccountBasedExpenseLineDetail',
          Amount: 300,
          AccountBasedExpenseLineDetail: {AccountRef: {value: '17'}, TaxCodeRef: {value: '10'}},
        },
      ],
      TxnTaxDetail: tax(30, '2'),
      TotalAmt: 330,
      Balance: 330,
    },
  ],
})

function report(name: string, params: Record<string, string> = {}): Report {
  return build(name, new URLSearchParams(params), book) as Report
}

function findRow(rows: Row[], predicate: (row: Row) => boolean): Row | undefined {
  for (const row of rows) {
    if (predicate(row)) return row
    const inner = row.Rows ? findRow(row.Rows.Row, predicate) : undefined
    if (inner) return inner
  }
  return undefined
}

const accountValue = (r: Report, id: string) =>
  findRow(r.Rows.Row, (row) => row.ColData?.[0]?.id === id)?.ColData
const groupSummary = (r: Report, group: string) =>
  findRow(r.Rows.Row, (row) => row.group === group)?.Summary?.ColData

describe('report shapes', () => {
  it('answers undefined for a report it does not know', () => {
    assert.equal(build('CashFlowForecast', new URLSearchParams(), book), undefined)
  })

  it('TrialBalance: Header, Debit/Credit columns with ColKeys, one row per account by Id, TOTAL that balances', () => {
    const tb = report('TrialBalance', {end_date: '2025-02-28'})
    assert.equal(tb.Header.ReportName, 'TrialBalance')
    assert.equal(tb.Header.ReportBasis, 'Accrual')
    assert.equal(tb.Header.StartPeriod, '2024-07-01')
    assert.equal(tb.Header.EndPeriod, '2025-02-28')
    assert.equal(tb.Header.Currency, 'AUD')
    assert.equal(tb.Header.Time, '2025-03-01T09:00:00.000Z')
    assert.deepEqual(tb.Header.Option, [{Name: 'NoReportData', Value: 'false'}])
    assert.deepEqual(
      tb.Columns.Column.map((c) => [c.ColTitle, c.ColType, c.MetaData?.[0]?.Value]),
      [
        ['', 'Account', 'account'],
        ['Debit', 'Money', 'debit'],
        ['Credit', 'Money', 'credit'],
      ],
    )
    // Checking: 1100 + 100 = 1200 debit; AR: 275 − 100 = 175; income of last year is in Retained Earnings.
    assert.deepEqual(accountValue(tb, '35'), [{value: 'Checking', id: '35'}, {value: '1200.00'}, {value: ''}])
    assert.deepEqual(accountValue(tb, '84'), [
      {value: 'Accounts Receivable (A/R)', id: '84'},
      {value: '175.00'},
      {value: ''},
    ])
    assert.deepEqual(accountValue(tb, '2'), [
      {value: 'Retained Earnings', id: '2'},
      {value: ''},
      {value: '100.00'},
    ])
    assert.equal(accountValue(tb, '29'), undefined, 'last year income is closed out')
    const total = tb.Rows.Row.at(-1)
    assert.equal(total?.type, 'Section')
    assert.deepEqual(total?.Summary?.ColData, [{value: 'TOTAL'}, {value: '1686.00'}, {value: '1686.00'}])
  })

  it('ProfitAndLoss: QBO sections and summaries for the period, sub-accounts nested under their parent', () => {
    const pl = report('ProfitAndLoss', {start_date: '2024-07-01', end_date: '2025-02-28'})
    assert.deepEqual(
      pl.Rows.Row.map((r) => r.group),
      ['Income', 'COGS', 'GrossProfit', 'Expenses', 'NetOperatingIncome', 'NetOtherIncome', 'NetIncome'],
    )
    const services = findRow(pl.Rows.Row, (row) => row.Header?.ColData[0]?.id === '1')
    assert.equal(services?.type, 'Section')
    assert.deepEqual(services?.Rows?.Row[0]?.ColData, [{value: 'Consulting', id: '43'}, {value: '200.00'}])
    assert.deepEqual(services?.Summary?.ColData, [{value: 'Total Services'}, {value: '200.00'}])
    assert.deepEqual(groupSummary(pl, 'Income'), [{value: 'Total Income'}, {value: '250.00'}])
    assert.deepEqual(groupSummary(pl, 'COGS'), [{value: 'Total Cost of Goods Sold'}, {value: '6.00'}])
    assert.deepEqual(groupSummary(pl, 'GrossProfit'), [{value: 'Gross Profit'}, {value: '244.00'}])
    assert.deepEqual(groupSummary(pl, 'NetIncome'), [{value: 'Net Income'}, {value: '-56.00'}])
  })

  it('BalanceSheet: assets equal liabilities and equity, with Retained Earnings and a Net Income line', () => {
    const bs = report('BalanceSheet', {end_date: '2025-02-28'})
    assert.deepEqual(
      bs.Rows.Row.map((r) => r.group),
      ['TotalAssets', 'TotalLiabilitiesAndEquity'],
    )
    const assets = groupSummary(bs, 'TotalAssets')
    const claims = groupSummary(bs, 'TotalLiabilitiesAndEquity')
    assert.deepEqual(assets, [{value: 'TOTAL ASSETS'}, {value: '1369.00'}])
    assert.deepEqual(claims, [{value: 'TOTAL LIABILITIES AND EQUITY'}, {value: '1369.00'}])
    const equity = findRow(bs.Rows.Row, (row) => row.group === 'Equity')
    assert.deepEqual(
      equity?.Rows?.Row.map((r) => r.ColData),
      [
        [{value: 'Opening Balance Equity', id: '34'}, {value: '1000.00'}],
        [{value: 'Retained Earnings', id: '2'}, {value: '100.00'}],
        [{value: 'Net Income'}, {value: '-56.00'}],
      ],
    )
  })

  it('a period with no activity says NoReportData true', () => {
    const pl = report('ProfitAndLoss', {start_date: '2020-01-01', end_date: '2020-12-31'})
    assert.deepEqual(pl.Header.Option, [{Name: 'NoReportData', Value: 'true'}])
  })

  it('defaults to this fiscal year to date and accepts date_macro', () => {
    const pl = report('ProfitAndLoss')
    assert.equal(pl.Header.DateMacro, 'this fiscal year-to-date')
    assert.deepEqual([pl.Header.StartPeriod, pl.Header.EndPeriod], ['2024-07-01', '2025-03-01'])
    const last = report('ProfitAndLoss', {date_macro: 'Last Fiscal Year'})
    assert.deepEqual([last.Header.StartPeriod, last.Header.EndPeriod], ['2023-07-01', '2024-06-30'])
    assert.deepEqual(groupSummary(last, 'NetIncome'), [{value: 'Net Income'}, {value: '100.00'}])
  })

  it('rejects a malformed date or an unknown macro with ReportParamError', () => {
    assert.throws(() => report('TrialBalance', {end_date: '2025-02-30'}), ReportParamError)
    assert.throws(() => report('TrialBalance', {date_macro: 'Someday'}), ReportParamError)
    assert.throws(
      () => report('TrialBalance', {start_date: '2025-02-01', end_date: '2025-01-01'}),
      ReportParamError,
    )
  })

  it('AgedReceivables: one row per customer by Id, buckets by days past due, GrandTotal', () => {
    const aged = report('AgedReceivables', {report_date: '2025-02-28'})
    assert.deepEqual(
      aged.Columns.Column.map((c) => c.ColTitle),
      ['', 'Current', '1 - 30', '31 - 60', '61 - 90', '91 and over', 'Total'],
    )
    assert.equal(aged.Columns.Column[0]?.ColType, 'Customer')
    assert.deepEqual(
      aged.Columns.Column.map((c) => c.MetaData?.[0]?.Value),
      [undefined, 'current', '0', '1', '2', '3', 'total'],
    )
    assert.deepEqual(aged.Header.Option, [
      {Name: 'report_date', Value: '2025-02-28'},
      {Name: 'NoReportData', Value: 'false'},
    ])
    // INV-1 due 2024-12-01 is 89 days late with 120 open; INV-2 is not yet due.
    assert.deepEqual(aged.Rows.Row[0]?.ColData, [
      {value: 'Acme Pty Ltd', id: '58'},
      {value: ''},
      {value: ''},
      {value: ''},
      {value: '120.00'},
      {value: ''},
      {value: '120.00'},
    ])
    assert.deepEqual(aged.Rows.Row[1]?.ColData?.[0], {value: 'Bondi Cafe', id: '59'})
    assert.deepEqual(
      groupSummary(aged, 'GrandTotal')?.map((c) => c.value),
      ['TOTAL', '55.00', '0.00', '0.00', '120.00', '0.00', '175.00'],
    )
  })

  it('AgedReceivables as of an earlier date ignores later payments and documents', () => {
    const aged = report('AgedReceivables', {report_date: '2025-01-01', customer: '58'})
    assert.equal(aged.Rows.Row.length, 2)
    assert.deepEqual(
      aged.Rows.Row[0]?.ColData?.map((c) => c.value),
      ['Acme Pty Ltd', '', '', '220.00', '', '', '220.00'],
    )
  })

  it('AgedPayables and AgedPayableDetail age the open bill', () => {
    const aged = report('AgedPayables', {report_date: '2025-02-28'})
    assert.deepEqual(
      aged.Rows.Row[0]?.ColData?.map((c) => c.value),
      ['Smith Supplies', '', '', '', '', '330.00', '330.00'],
    )
    const detail = report('AgedPayableDetail', {report_date: '2025-02-28'})
    assert.deepEqual(
      detail.Columns.Column.map((c) => c.MetaData?.[0]?.Value),
      [
        'tx_date',
        'txn_type',
        'doc_num',
        'vend_name',
        'due_date',
        'past_due',
        'subt_neg_amount',
        'subt_neg_open_bal',
      ],
    )
    const section = detail.Rows.Row[0]
    assert.equal(section?.Header?.ColData[0]?.value, '91 or more days past due')
    assert.deepEqual(section?.Rows?.Row[0]?.ColData, [
      {value: '2024-10-01'},
      {value: 'Bill', id: '151'},
      {value: ''},
      {value: 'Smith Supplies', id: '56'},
      {value: '2024-10-31'},
      {value: '120'},
      {value: '330.00'},
      {value: '330.00'},
    ])
  })
})

// Optional: QBO's own report groups, from a real BalanceSheet and ProfitAndLoss (skipped when absent).
// Optional real-world samples beside the repository (not part of it): reached by a relative path, skipped when absent.
const FIXTURES = ['../shared/realworld', '../../shared/realworld']
  .map((p) => join(p, 'ruckus-quickbooks-ruby/spec/fixtures'))
  .find((p) => existsSync(p))
describe(
  'report groups match real QBO reports',
  {skip: FIXTURES ? false : 'the real-world QBO samples (../shared/realworld) are absent'},
  () => {
    function groupsIn(file: string): Set<string> {
      const parser = new XMLParser({ignoreAttributes: false, attributeNamePrefix: ''})
      const groups = new Set<string>()
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk)
        if (typeof node !== 'object' || node === null) return
        for (const [key, value] of Object.entries(node)) {
          if (key === 'group' && typeof value === 'string') groups.add(value)
          else walk(value)
        }
      }
      walk(parser.parse(readFileSync(`${FIXTURES!}/${file}`, 'utf8')))
      return groups
    }
    const ours = (r: Report): string[] => {
      const out: string[] = []
      const walk = (rows: Row[]) =>
        rows.forEach((row) => {
          if (row.group) out.push(row.group)
          if (row.Rows) walk(row.Rows.Row)
        })
      walk(r.Rows.Row)
      return out
    }

    it('every BalanceSheet group we emit is one QBO uses', () => {
      const real = groupsIn('balancesheet.xml')
      for (const group of ours(report('BalanceSheet', {end_date: '2025-02-28'})))
        assert.ok(real.has(group), group)
    })

    it('every ProfitAndLoss group we emit is one QBO uses', () => {
      const real = groupsIn('profitloss.xml')
      for (const group of ours(report('ProfitAndLoss', {end_date: '2025-02-28'})))
        assert.ok(real.has(group), group)
    })
  },
)
