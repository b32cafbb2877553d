/**
 * Facts a source's files do not carry, which the user supplies for the migration (the mapping workbook's
 * Settings and Exchange rates sheets, or a rates file next to the exports): MYOB's linked freight accounts
 * and the exchange rates a Xero CSV export leaves out. Sources apply them as records are staged, so every
 * later step (plan, load, reconciliation) sees one and the same record.
 */
import {z} from 'zod'

import {D} from './money.js'

export type Side = 'sales' | 'purchases'

/** One supplied rate: home-currency units for one unit of `currency` (QBO's ExchangeRate), over a date range. */
export interface SuppliedRate {
  currency: string
  /** First and last day the rate applies to (YYYY-MM-DD, inclusive). */
  from: string
  to: string
  /** Decimal text, home units per foreign unit. */
  rate: string
}

/** The rate for a currency on a date; undefined when none is supplied. Ranges were checked not to overlap. */
export function suppliedRateFor(
  rates: readonly SuppliedRate[],
  currency: string,
  date: string,
): string | undefined {
  return rates.find((r) => r.currency === currency && r.from <= date && date <= r.to)?.rate
}

/** Two ranges of one currency that share a day: which rate applies would be a guess. */
export function overlappingRates(rates: readonly SuppliedRate[]): [SuppliedRate, SuppliedRate] | undefined {
  const sorted = [...rates].sort((a, b) =>
    a.currency === b.currency
      ? a.from < b.from
        ? -1
        : a.from > b.from
          ? 1
          : 0
      : a.currency < b.currency
        ? -1
        : 1,
  )
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as SuppliedRate
    const b = sorted[i] as SuppliedRate
    if (a.currency === b.currency && b.from <= a.to) return [a, b]
  }
  return undefined
}

/** The inverse of a rate quoted the other way (foreign units for one home unit, as Xero and MYOB quote it). */
export function invertRate(rate: string): string {
  return new D(1).div(rate).toDecimalPlaces(7, D.ROUND_HALF_UP).toString()
}

export interface FreightAccounts {
  /** Source account ids freight collected on sales, and freight paid on purchases, post to. */
  sales?: string
  purchases?: string
}

interface ChartAccount {
  id: string
  name: string
  class: string
  isHeader: boolean
  code?: string
}

const FREIGHT_NAMES = [/freight/i, /shipping|delivery|cartage|carriage|postage/i]

/**
 * The chart's account that freight most likely posts to: a detail account of the right class (income for
 * freight collected on sales, expense or cost of sales for freight paid on purchases) named like "Freight"
 * (else like shipping, delivery, cartage or postage), the lowest number first.
 */
export function suggestFreightAccount(
  accounts: readonly ChartAccount[],
  side: Side,
): ChartAccount | undefined {
  const wanted = side === 'sales' ? 'revenue' : 'expense'
  const fits = accounts.filter((a) => !a.isHeader && a.class === wanted)
  for (const name of FREIGHT_NAMES) {
    const found = fits
      .filter((a) => name.test(a.name))
      .sort((a, b) => (a.code ?? a.id).localeCompare(b.code ?? b.id, 'en', {numeric: true}))[0]
    if (found) return found
  }
  return undefined
}

const SavedRates = z.array(
  z.object({currency: z.string(), from: z.string(), to: z.string(), rate: z.string()}),
)

/**
 * The supplied facts saved by `qbo migrate mapping import` (the staging settings table): freight accounts
 * and exchange rates, read back by the extract (which applies them) and the plan (which checks them).
 */
export function suppliedFacts(settings: Record<string, string>): {
  freightAccounts?: FreightAccounts
  exchangeRates?: SuppliedRate[]
} {
  const freight = {
    ...(settings.freightIncomeAccount ? {sales: settings.freightIncomeAccount} : {}),
    ...(settings.freightExpenseAccount ? {purchases: settings.freightExpenseAccount} : {}),
  }
  const rates = settings.exchangeRates ? SavedRates.parse(JSON.parse(settings.exchangeRates)) : []
  return {
    ...(Object.keys(freight).length ? {freightAccounts: freight} : {}),
    ...(rates.length ? {exchangeRates: rates} : {}),
  }
}
