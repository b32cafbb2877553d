import {addDays, type CivilDate, civilDate, daysBetween} from '../../domain/civil-date.js'
import type {SplitUnit} from './additivity.js'

export interface DateRange {
  start: CivilDate
  end: CivilDate
}

/**
 * Cuts a range in two near its middle, on a boundary of `unit` so that no month (week) column is shared by
 * both halves. Undefined when the range cannot be cut that way (one day, or inside one month).
 */
export function splitRange(range: DateRange, unit: SplitUnit): [DateRange, DateRange] | undefined {
  const days = daysBetween(range.start, range.end)
  if (days < 1) return undefined
  const mid = addDays(range.start, Math.ceil(days / 2))
  const candidates = boundaries(range, unit)
  if (candidates.length === 0) return undefined
  const cut = candidates.reduce((best, c) =>
    Math.abs(daysBetween(c, mid)) < Math.abs(daysBetween(best, mid)) ? c : best,
  )
  return [
    {start: range.start, end: addDays(cut, -1)},
    {start: cut, end: range.end},
  ]
}

/** Days inside (start, end] on which a new `unit` begins: every day, Sundays (QBO's weeks), or the 1st. */
function boundaries(range: DateRange, unit: SplitUnit): CivilDate[] {
  const out: CivilDate[] = []
  if (unit === 'month') {
    let [y, m] = range.start.split('-').map(Number) as [number, number]
    for (;;) {
      m += 1
      if (m > 12) {
        m = 1
        y += 1
      }
      const first = civilDate(y, m, 1)
      if (first > range.end) return out
      out.push(first)
    }
  }
  for (let d = addDays(range.start, 1); d <= range.end; d = addDays(d, 1)) {
    if (unit === 'day' || new Date(`${d}T00:00:00Z`).getUTCDay() === 0) out.push(d)
  }
  return out
}
