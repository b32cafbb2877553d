/**
 * The facts the source files lack, as the mapping workbook shows and reads them: the freight accounts
 * (Settings sheet; MYOB exports carry freight amounts but not MYOB's linked freight accounts) and exchange
 * rates (Exchange rates sheet; a Xero CSV export carries currencies but no rates). Both are applied when
 * records are staged, so the import's next step is `qbo migrate extract` again (docs/workbooks.md).
 */
import {parseIsoDate} from '../../domain/civil-date.js'
import {parseDecimal} from '../../domain/money.js'
import {
  type FreightAccounts,
  invertRate,
  overlappingRates,
  type Side,
  suggestFreightAccount,
  type SuppliedRate,
  suppliedRateFor,
} from '../../domain/supplied-facts.js'
import type {Overrides} from '../../mappers/index.js'
import type {Problems} from './cells.js'
import type {Grid} from './grid.js'
import {headerKey, SHEETS} from './layout.js'
import {loose, sheetRows, type CellRef} from './sheet-reader.js'
import type {MappingExportInput, MappingSubject} from './subject.js'

export interface FreightSetting {
  /** The value in force: the user's setting, else the chart's suggestion (a source account id). */
  value: string
  /** What the tool would choose, for the Meaning column. */
  suggestion: string
}

export function freightSettings(input: MappingExportInput): Record<Side, FreightSetting> {
  const of = (side: Side): FreightSetting => {
    const chosen = input.overrides.freightAccounts?.[side]
    // Only MYOB exports carry freight without its account; Xero's freight is an ordinary line.
    if (input.system !== 'myob')
      return {
        value: chosen ?? '',
        suggestion: 'only MYOB exports need it (Xero freight lines carry their account)',
      }
    const suggested = suggestFreightAccount(input.accounts, side)
    return {
      value: chosen ?? suggested?.id ?? '',
      suggestion: suggested
        ? `suggested from the chart: ${suggested.id} ${suggested.name}`
        : 'no account in the chart is named like "Freight": choose one, or the documents with freight stay blocked',
    }
  }
  return {sales: of('sales'), purchases: of('purchases')}
}

export interface RateRow {
  currency: string
  from: string
  to: string
  rate: string
  records: number
  note: string
}

/**
 * The rates in force, then one row per currency whose staged records still have no rate (first to last
 * date, rate blank, for the accountant to fill in or split into several ranges).
 */
export function rateRows(input: MappingExportInput): RateRow[] {
  const saved = input.overrides.exchangeRates ?? []
  const unrated = input.unratedRecords ?? []
  const rows: RateRow[] = saved.map((r) => ({
    ...r,
    to: r.to === OPEN_END ? '' : r.to,
    records: unrated.filter((u) => u.currency === r.currency && r.from <= u.date && u.date <= r.to).length,
    note: 'imported earlier; applied at the next `qbo migrate extract`',
  }))
  const gaps = new Map<string, string[]>()
  for (const u of unrated) {
    if (suppliedRateFor(saved, u.currency, u.date)) continue
    gaps.set(u.currency, [...(gaps.get(u.currency) ?? []), u.date])
  }
  for (const [currency, dates] of [...gaps].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = dates.sort()
    rows.push({
      currency,
      from: sorted[0] as string,
      to: sorted[sorted.length - 1] as string,
      rate: '',
      records: dates.length,
      note: `${dates.length} staged records in ${currency} have no rate: fill in the rate (or split the range into rows)`,
    })
  }
  return rows
}

/** A range without an end date runs on. */
const OPEN_END = '9999-12-31'
const HOME_PER_UNIT = /^([a-z]{3}|home) per (1 )?(unit|foreign unit)$/
const UNITS_PER_HOME = /^(units?|foreign units?) per (1 )?([a-z]{3}|home)$/

type Report = (cell: CellRef, message: string) => void

/** The Exchange rates sheet -> rates (home units per foreign unit). An older workbook without it sets none. */
export function parseRates(
  grids: ReadonlyMap<string, Grid>,
  subject: MappingSubject,
  problems: Problems,
  out: Overrides,
): void {
  const sheet = SHEETS.exchangeRates
  const grid = [...grids.values()].find((g) => headerKey(g.sheet) === headerKey(sheet))
  if (!grid) return
  const report: Report = (c, message) => problems.add({sheet, ...c, message})
  const home = subject.target.homeCurrency
  const headers = grid.headers.map((h) => headerKey(h ?? ''))
  const homePer = headers.find((h) => HOME_PER_UNIT.exec(h)?.[1] === home.toLowerCase() || /^home/.test(h))
  const perHome = headers.find((h) => {
    const m = UNITS_PER_HOME.exec(h)
    return m !== null && (m[3] === home.toLowerCase() || m[3] === 'home')
  })
  const rateHeader = homePer ?? perHome ?? `${home} per unit`
  const rows = sheetRows(grids, sheet, ['Currency', 'From', 'To', rateHeader], problems)
  const rates: {rate: SuppliedRate; cell: CellRef}[] = []
  for (const r of rows ?? []) {
    const currencyCell = r.cell('Currency')
    const rateCell = r.cell(rateHeader)
    if (!rateCell.text) continue
    const currency = currencyCell.text.toUpperCase()
    if (!/^[A-Z]{3}$/.test(currency)) {
      report(currencyCell, `"${currencyCell.text}" is not a 3-letter currency code`)
      continue
    }
    if (currency === home) {
      report(currencyCell, `${home} is the home currency: it takes no exchange rate`)
      continue
    }
    const from = dateOf(r.cell('From'), report, true)
    const toCell = r.cell('To')
    const to = toCell.text ? dateOf(toCell, report, false) : OPEN_END
    const value = typeof rateCell.value === 'number' ? String(rateCell.value) : rateCell.text
    const rate = parseDecimal(value)
    if (!rate || !rate.isPositive() || rate.isZero()) {
      report(rateCell, `"${rateCell.text}" is not a rate above zero`)
      continue
    }
    if (!from || !to) continue
    if (to < from) {
      report(toCell, `the range ends (${to}) before it starts (${from})`)
      continue
    }
    const text = rate.toString()
    rates.push({
      rate: {currency, from, to, rate: homePer ? text : invertRate(text)},
      cell: currencyCell,
    })
  }
  const clash = overlappingRates(rates.map((r) => r.rate))
  if (clash) {
    const at = rates.find((r) => r.rate === clash[1]) as (typeof rates)[0]
    report(
      at.cell,
      `two rows give ${clash[1].currency} a rate for the same days (${clash[0].from} to ${clash[0].to} and ${clash[1].from} to ${clash[1].to}); give each day one rate`,
    )
    return
  }
  if (rates.length) out.exchangeRates = rates.map((r) => r.rate)
}

function dateOf(cell: CellRef, report: Report, required: boolean): string | undefined {
  if (!cell.text) {
    if (required) report(cell, 'a date is needed here (YYYY-MM-DD)')
    return undefined
  }
  const date = cell.value instanceof Date ? cell.text : parseIsoDate(cell.text)
  if (!date) report(cell, `"${cell.text}" is not a date; write it as YYYY-MM-DD (e.g. 2024-07-01)`)
  return date
}

/** A freight setting's value: a staged detail account (its source id), or blank for none. */
export function freightAccount(
  subject: MappingSubject,
  side: Side,
  cell: CellRef,
  report: Report,
  out: Overrides,
): void {
  const account =
    subject.accounts.find((a) => a.id === cell.text) ??
    subject.accounts.find((a) => loose(a.code ?? '') === loose(cell.text))
  if (!account) {
    report(cell, `no staged account has the source id "${cell.text}" (see the Accounts sheet)`)
    return
  }
  if (account.isHeader) {
    report(cell, `${account.id} ${account.name} is a header account, which takes no postings`)
    return
  }
  const freight: FreightAccounts = {...out.freightAccounts, [side]: account.id}
  out.freightAccounts = freight
}
