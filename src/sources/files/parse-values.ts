import {civilDate, type CivilDate, isValidYmd, parseIsoDate} from '../../domain/civil-date.js'
import {D, type Dec} from '../../domain/money.js'

export type DateOrder = 'dmy' | 'mdy'

const SLASH_DATE = /^(\d{1,4})[^\d](\d{1,2})[^\d](\d{1,4})$/
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const NAMED_DATE = /^(\d{1,2})[\s-/]([A-Za-z]{3})[A-Za-z]*[\s-/](\d{2,4})$/

/**
 * A date as Xero and MYOB write it: `1/07/2020`, `01/07/2020`, `2020/07/01`, `2020-07-01` or `02 Sep 2026`.
 * Day-month order is the caller's (detected per file, or set by the user); any non-digit separates the parts.
 */
export function parseDate(text: string, order: DateOrder): CivilDate | undefined {
  const t = text.trim()
  const iso = parseIsoDate(t)
  if (iso) return iso
  const m = SLASH_DATE.exec(t)
  if (m) {
    const [a, b, c] = [m[1] as string, m[2] as string, m[3] as string]
    if (a.length === 4) return ymd(Number(a), Number(b), Number(c))
    if (c.length !== 4 && c.length !== 2) return undefined
    const year = c.length === 2 ? 2000 + Number(c) : Number(c)
    return order === 'dmy' ? ymd(year, Number(b), Number(a)) : ymd(year, Number(a), Number(b))
  }
  const n = NAMED_DATE.exec(t)
  if (n) {
    const month = MONTHS.indexOf((n[2] as string).toLowerCase()) + 1
    const y = n[3] as string
    return month ? ymd(y.length === 2 ? 2000 + Number(y) : Number(y), month, Number(n[1])) : undefined
  }
  return undefined
}

function ymd(y: number, m: number, d: number): CivilDate | undefined {
  return isValidYmd(y, m, d) ? civilDate(y, m, d) : undefined
}

/**
 * What one date says about the order: 'dmy' when its first part cannot be a month, 'mdy' when its second
 * cannot; undefined when both fit (or it is year-first or unparsable).
 */
export function dateOrderHint(text: string): DateOrder | undefined {
  const m = SLASH_DATE.exec(text.trim())
  if (!m || (m[1] as string).length === 4) return undefined
  const a = Number(m[1])
  const b = Number(m[2])
  if (a > 12 && b <= 12) return 'dmy'
  if (b > 12 && a <= 12) return 'mdy'
  return undefined
}

/** Settles the order from samples; 'conflict' when both orders are evidenced (mixed formats). */
export class DateOrderDetector {
  private dmy = 0
  private mdy = 0
  /** Day-month dates seen that fit either order (ISO and named-month dates are never ambiguous). */
  ambiguous = 0
  add(text: string): void {
    const hint = dateOrderHint(text)
    if (hint === 'dmy') this.dmy++
    else if (hint === 'mdy') this.mdy++
    else if (SLASH_DATE.test(text.trim()) && !/^\d{4}/.test(text.trim())) this.ambiguous++
  }
  get settled(): boolean {
    return this.dmy + this.mdy > 0
  }
  result(): DateOrder | 'conflict' | undefined {
    if (this.dmy && this.mdy) return 'conflict'
    if (this.dmy) return 'dmy'
    if (this.mdy) return 'mdy'
    return undefined
  }
}

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/**
 * A number as Xero writes it: dot decimal, optional minus or brackets for negatives, no currency sign.
 * Thousands separators are tolerated only as commas in groups of three (Excel re-saves).
 */
export function parseXeroNumber(text: string): Dec | undefined {
  let t = text.trim()
  if (t === '') return undefined
  let negative = false
  if (/^\(.*\)$/.test(t)) {
    negative = true
    t = t.slice(1, -1).trim()
  }
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, '')
  if (!PLAIN.test(t)) return undefined
  const v = new D(t)
  return negative ? v.negated() : v
}

/**
 * Money as MYOB writes it, following the PC's regional settings: `$11.5000`, `$.3200`, `"$1,035.00"`,
 * `-$10.00`, `($10.00)`, `$-10.00`, `Rp60.450,4504`, `0%`. The decimal mark is the last `.` or `,` that is
 * not followed by exactly three digits-then-separator groups; a lone `,` with 1–2 or 4+ digits after is a
 * decimal comma.
 */
export function parseMyobMoney(text: string): Dec | undefined {
  let t = text.trim()
  if (t === '') return undefined
  let negative = false
  if (/^\(.*\)$/.test(t)) {
    negative = true
    t = t.slice(1, -1).trim()
  }
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1).trim()
  }
  t = t.replace(/^[^\d.,-]*/, '') // currency sign or code ($, Rp, NZ$)
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1)
  }
  if (t.endsWith('-')) {
    negative = !negative
    t = t.slice(0, -1)
  }
  t = t.replace(/%$/, '').trim()
  const normalized = normalizeSeparators(t)
  if (normalized === undefined || !PLAIN.test(normalized)) return undefined
  const v = new D(normalized)
  return negative ? v.negated() : v
}

/**
 * Plain decimal text from a number written with the PC's separators, or undefined when the separators are
 * in places no locale puts them (`12,34.50`, `1.234,5.6`): such a value is refused, not read as if the
 * stray marks were not there. Thousands groups are three digits after a first group of one to three.
 */
function normalizeSeparators(t: string): string | undefined {
  const lastDot = t.lastIndexOf('.')
  const lastComma = t.lastIndexOf(',')
  if (lastDot < 0 && lastComma < 0) return t
  if (lastDot >= 0 && lastComma >= 0) {
    // both present: the later one is the decimal mark, the other groups thousands
    const [mark, group] = lastDot > lastComma ? ['.', ','] : [',', '.']
    const at = t.lastIndexOf(mark)
    const whole = t.slice(0, at)
    const fraction = t.slice(at + 1)
    if (!/^\d*$/.test(fraction) || !grouped(whole, group)) return undefined
    return `${whole.split(group).join('')}.${fraction}`
  }
  const mark = lastComma >= 0 ? ',' : '.'
  const parts = t.split(mark)
  if (parts.length > 2) {
    // `1,234,567` or `1.234.567`: thousands only; a decimal part cannot repeat
    return grouped(t, mark) ? parts.join('') : undefined
  }
  if (mark === '.') return t
  // One comma: thousands when a group of three follows a first group of one to three, else a decimal comma.
  return grouped(t, ',') ? parts.join('') : parts.join('.')
}

/** `1,234,567` (or with `.`): a first group of 1–3 digits, then groups of exactly three. */
function grouped(text: string, separator: string): boolean {
  const parts = text.split(separator)
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((g) => /^\d{3}$/.test(g))
}
