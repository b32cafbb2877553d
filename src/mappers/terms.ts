import type {Terms} from '../domain/canonical.js'
import type {z} from 'zod'
import {findByName, refTo, type MappingContext} from './context.js'
import type {Ref} from './refs.js'
import {Notes, type MapResult} from './result.js'

export type PaymentTerms = z.infer<typeof Terms>

/** One Term per distinct source terms; the id is derived from the terms so contacts can refer to it. */
export function termSourceId(t: PaymentTerms): string {
  return t.days === undefined ? t.type : `${t.type}:${t.days}`
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${s}`
}

/** Source terms -> QBO Term (name ≤31 chars; STANDARD DueDays or DATE_DRIVEN DayOfMonthDue). */
export function mapTerm(t: PaymentTerms, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const days = t.days ?? 0
  let payload: Record<string, unknown>
  switch (t.type) {
    case 'daysAfterInvoice':
      payload = {Name: `Net ${days}`, DueDays: days}
      break
    case 'cod':
    case 'prepaid':
      payload = {Name: 'Due on receipt', DueDays: 0}
      break
    case 'dayOfFollowingMonth':
      // Due on day N of the next month whatever the invoice date: push every invoice into the next month.
      payload = {
        Name: `${ordinal(Math.min(Math.max(days, 1), 31))} of next month`,
        DayOfMonthDue: Math.min(Math.max(days, 1), 31),
        DueNextMonthDays: 31,
      }
      break
    case 'dayOfCurrentMonth':
      payload = {
        Name: `${ordinal(Math.min(Math.max(days, 1), 31))} of this month`,
        DayOfMonthDue: Math.min(Math.max(days, 1), 31),
        DueNextMonthDays: 0,
      }
      break
    case 'daysAfterEndOfMonth': {
      // N days after the end of the month is the Nth of the next month; past 31 QBO cannot say it.
      const due = Math.min(Math.max(days, 1), 31)
      payload = {Name: `${ordinal(due)} of next month`, DayOfMonthDue: due, DueNextMonthDays: 31}
      if (due !== days) {
        notes.decide(
          'TERM_APPROXIMATED',
          `"${days} days after end of month" becomes "${String(payload.Name)}"`,
          {days},
        )
      }
      break
    }
  }
  const name = String(payload.Name).slice(0, 31)
  const existing = findByName(ctx.target.terms, (x) => x.Name, name)
  if (existing) {
    return {
      ...notes.result('Term', termSourceId(t)),
      disposition: {action: 'adopt', qboId: existing.Id, reason: `QBO term "${existing.Name}" exists`},
    }
  }
  return notes.result('Term', termSourceId(t), {...payload, Name: name})
}

export function termRef(ctx: MappingContext, t: PaymentTerms | undefined): Ref | undefined {
  return t ? refTo(ctx, 'Term', termSourceId(t)) : undefined
}
