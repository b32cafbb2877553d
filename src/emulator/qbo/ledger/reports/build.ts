import {todayUtc} from '../../../../domain/civil-date.js'
import {homeCurrencyOf} from '../context.js'
import {postBook} from '../ledger.js'
import type {Book, ReportBuilder} from '../types.js'
import {type AgedSide, agedDetail, agedSummary} from './aged.js'
import {byMonth} from './by-month.js'
import {dateParam, fiscalStartMonth, type Period, reportPeriod} from './dates.js'
import type {DetailInput} from './detail-context.js'
import {balanceSheet, profitAndLoss, type ReportInput, trialBalance} from './financial.js'
import {generalLedger} from './general-ledger.js'
import {customerSales, itemSales} from './sales.js'
import {header, type Report} from './shape.js'
import {transactionList} from './transaction-list.js'
import {DEFAULT_CELL_LIMIT, truncateReport} from './truncate.js'

type FinancialReport = (input: ReportInput) => Report

const FINANCIAL: Record<string, FinancialReport> = {
  TrialBalance: trialBalance,
  ProfitAndLoss: profitAndLoss,
  BalanceSheet: balanceSheet,
}

/** Reports over the transactions of a period (they need the book's names and lines besides the postings). */
const DETAIL: Record<string, (input: DetailInput) => Report> = {
  GeneralLedger: generalLedger,
  TransactionList: transactionList,
  CustomerSales: customerSales,
  ItemSales: itemSales,
}

/** Two-column reports that also answer summarize_column_by=Month. */
const MONTHLY = new Set(['ProfitAndLoss', 'CustomerSales'])

const AGED: Record<string, {side: AgedSide; detail: boolean}> = {
  AgedReceivables: {side: 'Receivable', detail: false},
  AgedReceivableDetail: {side: 'Receivable', detail: true},
  AgedPayables: {side: 'Payable', detail: false},
  AgedPayableDetail: {side: 'Payable', detail: true},
}

/** Report names this builder answers; any other name is unknown (undefined). */
export const REPORT_NAMES = [...Object.keys(FINANCIAL), ...Object.keys(DETAIL), ...Object.keys(AGED)]

/**
 * The report builder with an injected clock (Header.Time, and "today" for date_macro and report_date).
 * Accrual basis only: accounting_method=Cash is answered on the accrual basis and says so in ReportBasis.
 * A report past `cellLimit` cells (QBO's 400,000 by default) is cut short with QBO's notice.
 */
export function createReportBuilder(
  clock: {now: () => Date},
  options: {cellLimit?: number} = {},
): ReportBuilder {
  const build = reportsOn(clock)
  const limit = options.cellLimit ?? DEFAULT_CELL_LIMIT
  return (name, params, book) => {
    const report = build(name, params, book)
    return report === undefined ? undefined : truncateReport(report, limit)
  }
}

function reportsOn(clock: {
  now: () => Date
}): (name: string, params: URLSearchParams, book: Book) => Report | undefined {
  return (name: string, params: URLSearchParams, book: Book) => {
    const financial = FINANCIAL[name]
    const detail = DETAIL[name]
    const aged = AGED[name]
    if (!financial && !detail && !aged) return undefined
    const now = clock.now()
    const today = todayUtc(now)
    const startMonth = fiscalStartMonth(book)
    const currency = homeCurrencyOf(book)
    if (financial || detail) {
      const period = reportPeriod(params, today, startMonth)
      const ledger = postBook(book)
      const one = (p: Period): Report => {
        const input = {
          book,
          ledger,
          period: p,
          fiscalStartMonth: startMonth,
          header: (hasData: boolean) => header({name, now, ...periodHeader(p), currency, hasData}),
        }
        return financial ? financial(input) : detail!(input)
      }
      const monthly = params.get('summarize_column_by')?.toLowerCase() === 'month' && MONTHLY.has(name)
      return monthly ? byMonth(one, period) : one(period)
    }
    if (!aged) return undefined
    // Aged reports take report_date (default today); a date_macro or end_date also sets it, as in QBO.
    const explicit = dateParam(params, 'report_date')
    const period: Period = explicit
      ? {start: explicit, end: explicit}
      : params.has('date_macro') || params.has('end_date')
        ? reportPeriod(params, today, startMonth)
        : {start: today, end: today}
    const asOf = period.end
    return (aged.detail ? agedDetail : agedSummary)({
      book,
      side: aged.side,
      asOf,
      params,
      header: (hasData) =>
        header({
          name,
          now,
          ...periodHeader(period),
          currency,
          hasData,
          basis: false,
          options: [{Name: 'report_date', Value: asOf}],
        }),
    })
  }
}

function periodHeader(period: Period): {start: string; end: string; macro?: string} {
  return period.macro === undefined
    ? {start: period.start, end: period.end}
    : {start: period.start, end: period.end, macro: period.macro.toLowerCase()}
}

export const buildReport: ReportBuilder = createReportBuilder({now: () => new Date()})
