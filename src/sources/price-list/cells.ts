import type {CellValue} from 'exceljs'

import {D} from '../../domain/money.js'

/**
 * A workbook cell as text. Numbers are cut to the 15 significant digits Excel itself shows, so a price
 * computed by a formula (13.200000000000001) reads as the 13.2 the supplier saw.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('error' in value) return String(value.error)
    if ('result' in value) return cellText((value.result ?? null) as CellValue)
    if ('text' in value) return String(value.text)
  }
  return ''
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return ''
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n)
  return new D(n.toPrecision(15)).toFixed()
}

const CURRENCY_BEFORE = /^(?:AUD|NZD|USD|AU\$|A\$|NZ\$|US\$|\$|£|€)\s*/i
const CURRENCY_AFTER = /\s*(?:AUD|NZD|USD)$/i
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/
const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/

/**
 * A price as suppliers write it: `12.5`, `$1,234.50`, `AUD 12.50`, `(3.20)` or `-3.20` for a credit.
 * Returns decimal text, or undefined when the cell is not a price (a comma decimal such as `12,50` is
 * refused rather than guessed: it could be twelve and a half, or 1,250).
 */
export function parsePrice(text: string): string | undefined {
  let t = text.replace(/\u00a0/g, ' ').trim()
  let negative = false
  if (/^\(.*\)$/.test(t)) {
    negative = true
    t = t.slice(1, -1).trim()
  }
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1).trim()
  }
  t = t.replace(CURRENCY_BEFORE, '').replace(CURRENCY_AFTER, '').replace(/ /g, '')
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1)
  }
  if (GROUPED.test(t)) t = t.replace(/,/g, '')
  if (!PLAIN.test(t)) return undefined
  const value = new D(t)
  return (negative ? value.negated() : value).toFixed()
}

/**
 * A pack size: a plain number, or text holding exactly one number ("Pk 10", "10/PK", "Box of 100",
 * "CTN24"); "EA" / "EACH" is 1. Undefined when it cannot be told ("12 x 500ml" holds two numbers).
 */
export function parsePackSize(text: string): string | undefined {
  const t = text.trim()
  if (t === '') return undefined
  if (/^(ea|each|unit|single)$/i.test(t)) return '1'
  const numbers = t.match(/\d+(?:\.\d+)?/g) ?? []
  if (numbers.length !== 1) return undefined
  const value = new D(numbers[0]!)
  return value.gt(0) ? value.toFixed() : undefined
}

/** The placeholder a cell holds (as the profile spells it), compared ignoring case and surrounding dots. */
export function placeholderIn(text: string, placeholders: readonly string[]): string | undefined {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/^\.+|\.+$/g, '')
  const t = norm(text)
  if (t === '') return undefined
  return placeholders.find((p) => norm(p) === t)
}

/**
 * An item code from its cell: the first line, and the part before ": " when the cell reads
 * "<code>: <description>" (lists converted from PDF put both in one cell: pronto-spl-processor's readers).
 */
export function codeText(text: string): string {
  const first = (text.split(/\r\n|\n|\r/)[0] ?? '').trim()
  const colon = first.indexOf(': ')
  return (colon > 0 ? first.slice(0, colon) : first).trim()
}
