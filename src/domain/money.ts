import {Decimal} from 'decimal.js'

/**
 * Money and quantities are decimals from parse to payload, never floats.
 * QBO's rules: amounts carry 2 decimal places; unit prices and quantities up to 7.
 * Rounding happens here and nowhere else, half away from zero as QBO rounds.
 */
export const D = Decimal.clone({precision: 40, rounding: Decimal.ROUND_HALF_UP})
export type Dec = InstanceType<typeof D>

export const AMOUNT_DP = 2
export const UNIT_DP = 7

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/** Parses a plain decimal string ("-12.5", ".32"). Returns undefined for anything else. */
export function parseDecimal(text: string): Dec | undefined {
  const trimmed = text.trim()
  if (!DECIMAL_TEXT.test(trimmed)) return undefined
  return new D(trimmed)
}

/** A decimal from a value already known to be decimal text or a safe number (e.g. a JSON field). */
export function dec(value: string | number | Dec): Dec {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError(`not a finite number: ${value}`)
  return new D(value)
}

export function roundAmount(value: Dec): Dec {
  return value.toDecimalPlaces(AMOUNT_DP, D.ROUND_HALF_UP)
}

export function roundUnit(value: Dec): Dec {
  return value.toDecimalPlaces(UNIT_DP, D.ROUND_HALF_UP)
}

/** Canonical text of an amount: always two decimals ("12.50"). Used in staged JSON and hashes. */
export function amountText(value: Dec): string {
  // One rounding toFixed instead of toDecimalPlaces then toFixed (the extract calls this for every line;
  // half the cost). A negative amount that rounds to zero must read "0.00", as the rounded -0 did.
  const text = value.toFixed(AMOUNT_DP, D.ROUND_HALF_UP)
  return text === '-0.00' ? '0.00' : text
}

/** Canonical text of a unit price or quantity: up to 7 decimals, trailing zeros dropped. */
export function unitText(value: Dec): string {
  return roundUnit(value).toString()
}

/** QBO's JSON wants numbers; a value rounded to 2 (or 7) dp converts exactly enough for its parser. */
export function toQboAmount(value: Dec): number {
  return Number(amountText(value))
}

export function toQboUnit(value: Dec): number {
  return Number(unitText(value))
}

export function sum(values: Iterable<Dec>): Dec {
  let total = new D(0)
  for (const v of values) total = total.plus(v)
  return total
}
