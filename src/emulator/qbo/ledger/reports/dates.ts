import {addDays, type CivilDate, civilDate, monthNumber, parseIsoDate} from '../../../../domain/civil-date.js'
import {str} from '../read.js'
import type {Book} from '../types.js'

/** A report parameter QBO would reject; the HTTP side answers it with a 400 ValidationFault. */
export class ReportParamError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message)
    this.name = 'ReportParamError'
  }
}

export interface Period {
  start: CivilDate
  end: CivilDate
  macro?: string
}

/** 1-12. CompanyInfo.FiscalYearStartMonth, else Preferences' FirstMonthOfFiscalYear, else July in AU, January elsewhere. */
export function fiscalStartMonth(book: Book): number {
  const named =
    str(book.companyInfo, 'FiscalYearStartMonth') ??
    str(book.preferences, 'AccountingInfoPrefs', 'FirstMonthOfFiscalYear')
  const month = monthNumber(named)
  if (month !== undefined) return month
  return str(book.companyInfo, 'Country') === 'AU' ? 7 : 1
}

function ymd(date: CivilDate): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number]
}

/** First day of the fiscal year that contains `date`. */
export function fiscalYearStart(date: CivilDate, startMonth: number): CivilDate {
  const [y, m] = ymd(date)
  return civilDate(m >= startMonth ? y : y - 1, startMonth, 1)
}

function monthStart(date: CivilDate, monthsBack = 0): CivilDate {
  const [y, m] = ymd(date)
  const index = y * 12 + (m - 1) - monthsBack
  return civilDate(Math.floor(index / 12), (index % 12) + 1, 1)
}

function monthsLater(date: CivilDate, months: number): CivilDate {
  const [y, m] = ymd(date)
  const index = y * 12 + (m - 1) + months
  return civilDate(Math.floor(index / 12), (index % 12) + 1, 1)
}

function quarterStart(date: CivilDate, startMonth: number): CivilDate {
  const fy = fiscalYearStart(date, startMonth)
  const [fy0, fm0] = ymd(fy)
  const [y, m] = ymd(date)
  const monthsIn = (y - fy0) * 12 + (m - fm0)
  return monthsLater(fy, Math.floor(monthsIn / 3) * 3)
}

/** The date_macro values QBO documents, lower-cased; weeks start on Sunday as in QBO. */
export function macroPeriod(
  macro: string,
  today: CivilDate,
  startMonth: number,
): {start: CivilDate; end: CivilDate} {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay()
  const weekStart = addDays(today, -weekday)
  const fy = fiscalYearStart(today, startMonth)
  const q = quarterStart(today, startMonth)
  const cy = civilDate(ymd(today)[0], 1, 1)
  const lastDay = (start: CivilDate, months: number) => addDays(monthsLater(start, months), -1)
  switch (macro.toLowerCase()) {
    case 'today':
      return {start: today, end: today}
    case 'yesterday':
      return {start: addDays(today, -1), end: addDays(today, -1)}
    case 'this week':
      return {start: weekStart, end: addDays(weekStart, 6)}
    case 'this week-to-date':
      return {start: weekStart, end: today}
    case 'last week':
      return {start: addDays(weekStart, -7), end: addDays(weekStart, -1)}
    case 'this month':
      return {start: monthStart(today), end: lastDay(monthStart(today), 1)}
    case 'this month-to-date':
      return {start: monthStart(today), end: today}
    case 'last month':
      return {start: monthStart(today, 1), end: addDays(monthStart(today), -1)}
    case 'this fiscal quarter':
      return {start: q, end: lastDay(q, 3)}
    case 'this fiscal quarter-to-date':
      return {start: q, end: today}
    case 'last fiscal quarter':
      return {start: monthsLater(q, -3), end: addDays(q, -1)}
    case 'this fiscal year':
      return {start: fy, end: lastDay(fy, 12)}
    case 'this fiscal year-to-date':
      return {start: fy, end: today}
    case 'last fiscal year':
      return {start: monthsLater(fy, -12), end: addDays(fy, -1)}
    case 'this calendar year':
      return {start: cy, end: lastDay(cy, 12)}
    case 'this calendar year-to-date':
      return {start: cy, end: today}
    case 'last calendar year':
      return {start: monthsLater(cy, -12), end: addDays(cy, -1)}
    default:
      throw new ReportParamError(`Unsupported date_macro: ${macro}`, 'date_macro')
  }
}

function dateParam(params: URLSearchParams, name: string): CivilDate | undefined {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  const parsed = parseIsoDate(raw)
  if (!parsed) throw new ReportParamError(`Invalid date for ${name}: ${raw} (expected YYYY-MM-DD)`, name)
  return parsed
}

/**
 * start_date/end_date win over date_macro. With only end_date the period starts at that fiscal year's
 * start; with only start_date it ends today. With neither, `defaultMacro` applies (QBO's default for
 * these reports is This Fiscal Year-to-date).
 */
export function reportPeriod(
  params: URLSearchParams,
  today: CivilDate,
  startMonth: number,
  defaultMacro = 'This Fiscal Year-to-date',
): Period {
  const start = dateParam(params, 'start_date')
  const end = dateParam(params, 'end_date')
  if (start === undefined && end === undefined) {
    const macro = params.get('date_macro') ?? defaultMacro
    return {...macroPeriod(macro, today, startMonth), macro}
  }
  const resolvedEnd = end ?? today
  const resolvedStart = start ?? fiscalYearStart(resolvedEnd, startMonth)
  if (resolvedStart > resolvedEnd) {
    throw new ReportParamError(`start_date ${resolvedStart} is after end_date ${resolvedEnd}`, 'start_date')
  }
  return {start: resolvedStart, end: resolvedEnd}
}

export {dateParam}
