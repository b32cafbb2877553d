/**
 * Business dates are civil dates: `YYYY-MM-DD` strings with no time zone. A transaction dated
 * 30 June in Sydney is 30 June in QBO, whatever the machine's zone. Never convert through local time.
 */
export type CivilDate = string & {readonly __civilDate: unique symbol}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) return false
  if (!Number.isInteger(month) || month < 1 || month > 12) return false
  if (!Number.isInteger(day) || day < 1) return false
  return day <= daysInMonth(year, month)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  if (!isValidYmd(year, month, day)) throw new RangeError(`not a calendar date: ${year}-${month}-${day}`)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CivilDate
}

/** Parses `YYYY-MM-DD`; undefined when it is not a real calendar date. */
export function parseIsoDate(text: string): CivilDate | undefined {
  const m = ISO_DATE.exec(text.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return isValidYmd(y, mo, d) ? civilDate(y, mo, d) : undefined
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return civilDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  const toUtc = (x: CivilDate) => {
    const [y, m, d] = x.split('-').map(Number) as [number, number, number]
    return Date.UTC(y, m - 1, d)
  }
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000)
}

/** Today's date in UTC, from an injected clock. */
export function todayUtc(now: Date): CivilDate {
  return civilDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate())
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** 1-12 for an English month name in any case ("July", as QBO's FiscalYearStartMonth says), else undefined. */
export function monthNumber(name: string | undefined): number | undefined {
  const index = name === undefined ? -1 : MONTH_NAMES.indexOf(name.trim().toLowerCase())
  return index >= 0 ? index + 1 : undefined
}
