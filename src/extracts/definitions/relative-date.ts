import {addDays, type CivilDate, civilDate, daysInMonth, parseIsoDate} from '../../domain/civil-date.js'
import {UserInputError} from '../../domain/errors.js'

/**
 * Dates in a saved definition, relative to the day it runs so that it can be scheduled:
 * `2025-06-30`, `today`, `yesterday`, `start of this month`, `end of last month`, `start of last year`,
 * `start of this quarter` (calendar quarters), each optionally followed by `+ N days|months|years` or `- N …`.
 * Fiscal periods are QBO's to know: use `date_macro: Last Fiscal Year` for those.
 */
const PATTERN =
  /^(today|yesterday|(start|end) of (this|last|next) (month|quarter|year))(?:\s*([+-])\s*(\d+)\s*(day|days|month|months|year|years))?$/i

export function resolveDate(text: string, today: CivilDate): CivilDate {
  const iso = parseIsoDate(text)
  if (iso) return iso
  const m = PATTERN.exec(text.trim().replace(/\s+/g, ' '))
  if (!m)
    throw new UserInputError(`"${text}" is not a date this tool understands.`, {
      next: 'Use YYYY-MM-DD, today, yesterday, "start of last month", "end of this year", optionally "- 30 days".',
    })
  let date: CivilDate
  if (m[1]!.toLowerCase() === 'today') date = today
  else if (m[1]!.toLowerCase() === 'yesterday') date = addDays(today, -1)
  else
    date = anchor(
      today,
      m[2]!.toLowerCase() as 'start' | 'end',
      m[3]!.toLowerCase() as 'this' | 'last' | 'next',
      m[4]!.toLowerCase() as 'month' | 'quarter' | 'year',
    )
  if (m[5]) {
    const n = Number(m[6]) * (m[5] === '-' ? -1 : 1)
    const unit = m[7]!.toLowerCase()
    if (unit.startsWith('day')) date = addDays(date, n)
    else date = addMonths(date, unit.startsWith('month') ? n : n * 12)
  }
  return date
}

function ymd(d: CivilDate): [number, number, number] {
  return d.split('-').map(Number) as [number, number, number]
}

/** Adds months, keeping the day where the month has it and the month's last day otherwise (Jan 31 + 1 = Feb 28). */
function addMonths(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = ymd(date)
  const index = y * 12 + (m - 1) + months
  const [ny, nm] = [Math.floor(index / 12), (index % 12) + 1]
  return civilDate(ny, nm, Math.min(d, daysInMonth(ny, nm)))
}

function anchor(
  today: CivilDate,
  edge: 'start' | 'end',
  which: 'this' | 'last' | 'next',
  unit: 'month' | 'quarter' | 'year',
): CivilDate {
  const [y, m] = ymd(today)
  const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0
  const size = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12
  const firstMonth = unit === 'month' ? m : unit === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1
  const start = addMonths(civilDate(y, firstMonth, 1), shift * size)
  return edge === 'start' ? start : addDays(addMonths(start, size), -1)
}
