import {overlappingRates, type SuppliedRate, invertRate} from '../../domain/supplied-facts.js'
import {type DateOrder, parseXeroNumber} from '../files/parse-values.js'
import type {HeaderMap, TableRow} from '../files/table.js'
import type {XeroContext} from './context.js'

const NEXT =
  'Name the rate column by its direction: "AUD per unit" (home units for one foreign unit) or "Units per AUD" (foreign units for one AUD, as Xero quotes it).'

/**
 * Which way a rates file quotes its rates, from its rate column's header: home units per foreign unit
 * (QBO's ExchangeRate) or foreign units per home unit (Xero's CurrencyRate, MYOB's Exchange Rate). A header
 * naming a currency other than the home currency is refused: the direction would be a guess.
 */
export function rateDirection(
  headers: HeaderMap,
  home: string,
): {key: 'home per unit' | 'units per home'; invert: boolean; fail?: string} {
  const key = headers.has('home per unit') ? 'home per unit' : 'units per home'
  const i = headers.indexOf(key) as number
  const named = /\b([A-Za-z]{3})\b/.exec(
    (headers.names[i] ?? '').replace(/\b(per|unit|units|rate|home)\b/gi, ''),
  )
  const code = named?.[1]?.toUpperCase()
  const fail =
    code && code !== home
      ? `the rate column "${(headers.names[i] ?? '').trim()}" names ${code}, but the home currency is ${home}`
      : undefined
  return {key, invert: key === 'units per home', ...(fail ? {fail} : {})}
}

/** One row of a rates file: a currency, a day (Date) or a range (From, To; no To: from then on), a rate. */
export function rateFromRow(
  row: TableRow,
  order: DateOrder,
  direction: ReturnType<typeof rateDirection>,
  ctx: XeroContext,
): SuppliedRate {
  if (direction.fail) throw row.fail(direction.key, direction.fail, NEXT)
  const currency = row.required('currency', 'currency').toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency))
    throw row.fail('currency', `"${currency}" is not a 3-letter currency code`)
  if (currency === ctx.homeCurrency)
    throw row.fail('currency', `${currency} is the home currency: it takes no exchange rate`)
  const day = row.date('date', order)
  const from = day ?? row.date('from', order, true)
  const to = day ?? row.date('to', order) ?? '9999-12-31'
  if (to < from) throw row.fail('to', `the range ends (${to}) before it starts (${from})`)
  const value = row.number(direction.key, parseXeroNumber, true)
  if (!value.isPositive() || value.isZero()) throw row.fail(direction.key, `the rate must be above zero`)
  return {currency, from, to, rate: direction.invert ? invertRate(value.toString()) : value.toString()}
}

/** Two rows of one currency covering the same day: which rate applies would be a guess. */
export function checkOverlaps(rows: {row: TableRow; rate: SuppliedRate}[], ctx: XeroContext): void {
  const clash = overlappingRates([...ctx.rates, ...rows.map((r) => r.rate)])
  if (!clash) return
  const [a, b] = clash
  const at = rows.find((r) => r.rate === b) ?? rows.find((r) => r.rate === a)
  if (!at) return
  throw at.row.fail(
    'currency',
    `two rates for ${b.currency} cover the same days (${a.from} to ${a.to} and ${b.from} to ${b.to})`,
    'Give each day of a currency one rate (ranges must not overlap), then run the extract again.',
  )
}
