import {civilDate, type CivilDate, monthNumber} from '../domain/civil-date.js'
import {D, type Dec} from '../domain/money.js'
import type {QboEntity} from '../domain/entities.js'
import type {QboReadPort} from './port.js'

/** The retained earnings line of a source that has no such account of its own. */
export const SOURCE_RETAINED_EARNINGS = '(retained earnings)'

/** The first day of the fiscal year that holds `asOf`, for a year starting in month `startMonth` (1-12). */
export function fiscalYearStart(asOf: string, startMonth: number): CivilDate {
  const [y, m] = asOf.split('-').map(Number) as [number, number]
  return civilDate(m >= startMonth ? y : y - 1, startMonth, 1)
}

/**
 * QBO's trial balance closes every earlier fiscal year's income and expense into Retained Earnings; the
 * source ledger is closed the same way before the two are compared, account by account.
 */
export function closeEarlierYears(
  balances: Map<string, Dec>,
  beforeYear: Map<string, Dec>,
  profitAndLoss: ReadonlySet<string>,
  retainedEarnings: string,
): Map<string, Dec> {
  const out = new Map(balances)
  let closed = new D(0)
  for (const [account, amount] of beforeYear) {
    if (!profitAndLoss.has(account)) continue
    out.set(account, (out.get(account) ?? new D(0)).minus(amount))
    closed = closed.plus(amount)
  }
  if (!closed.isZero()) out.set(retainedEarnings, (out.get(retainedEarnings) ?? new D(0)).plus(closed))
  return out
}

export interface QboBooks {
  fiscalYearStartMonth: number
  /** QBO's own accounts the source's unnamed control lines land in. */
  retainedEarnings: string | undefined
  gstPayable: string | undefined
  /** Where QBO posts realised exchange gains and losses on foreign payments. */
  exchangeGainLoss: string | undefined
  /** Account Id -> Classification (Asset, Liability, Equity, Revenue, Expense). */
  classification: Map<string, string>
}

/** Reads the fiscal year start and QBO's retained earnings, GST and exchange gain/loss accounts (by subtype, never by Id). */
export async function readQboBooks(port: QboReadPort): Promise<QboBooks> {
  let month = 7
  for await (const page of port.pages('CompanyInfo' as QboEntity)) {
    month = monthNumber(String(page[0]?.FiscalYearStartMonth ?? '')) ?? month
  }
  let retainedEarnings: string | undefined
  let gstPayable: string | undefined
  let exchangeGainLoss: string | undefined
  const classification = new Map<string, string>()
  for await (const page of port.pages('Account')) {
    for (const a of page) {
      if (typeof a.Classification === 'string') classification.set(String(a.Id), a.Classification)
      if (a.AccountSubType === 'RetainedEarnings') retainedEarnings ??= String(a.Id)
      if (a.AccountSubType === 'GlobalTaxPayable') gstPayable ??= String(a.Id)
      if (a.AccountSubType === 'ExchangeGainOrLoss') exchangeGainLoss ??= String(a.Id)
    }
  }
  return {fiscalYearStartMonth: month, retainedEarnings, gstPayable, exchangeGainLoss, classification}
}
