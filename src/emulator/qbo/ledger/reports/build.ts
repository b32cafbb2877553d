import {todayUtc} from '../../../../domain/civil-date.js'
import {homeCurrencyOf} from '../context.js'
import {postBook} from '../ledger.js'
import type {Book, ReportBuilder} from '../types.js'
import {type AgedSide, agedDetail, agedSummary} from './aged.js'
import {dateParam, fiscalStartMonth, type Period, reportPeriod} from './dates.js'
import {balanceSheet, profitAndLoss, type ReportInput, trialBalance} from './financial.js'
import {header, type Report} from './shape.js'

type FinancialReport = (input: ReportInput) => Report

const FINANCIAL: Record<string, FinancialReport> = {
  TrialBalance: trialBalance,
  ProfitAndLoss: profitAndLoss,
  BalanceSheet: balanceSheet,
}

const AGED: Record<string, {side: AgedSide; detail: boolean}> = {
  AgedReceivables: {side: 'Receivable', detail: false},
  AgedReceivableDetail: {side: 'Receivable', detail: true},
  AgedPayables: {side: 'Payable', detail: false},
  AgedPayableDetail: {side: 'Payable', detail: true},
}

/** Report names this builder answers; any other name is unknown (undefined). */
export const REPORT_NAMES = [...Object.keys(FINANCIAL), ...Object.keys(AGED)]

/**
 * The report builder with an injected clock (Header.Time, and "today" for date_macro and report_date).
 * Accrual basis only: accounting_method=Cash is answered on the accrual basis and says so in ReportBasis.
 */
export function createReportBuilder(clock: {now: () => Date}): ReportBuilder {
  return (name: string, params: URLSearchParams, book: Book) => {
    const financial = FINANCIAL[name]
    const aged = AGED[name]
    if (!financial && !aged) return undefined
    const now = clock.now()
    const today = todayUtc(now)
    const startMonth = fiscalStartMonth(book)
    const currency = homeCurrencyOf(book)
    if (financial) {
      const period = reportPeriod(params, today, startMonth)
      return financial({
        ledger: postBook(book),
        period,
        fiscalStartMonth: startMonth,
        header: (hasData) => header({name, now, ...periodHeader(period), currency, hasData}),
      })
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
