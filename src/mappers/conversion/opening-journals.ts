import {civilDate} from '../../domain/civil-date.js'
import {D, type Dec} from '../../domain/money.js'
import type {Posting} from './postings.js'

/** One journal's lines by source account key (debit positive), and what had to go to the clearing account. */
export interface OpeningJournal {
  date: string
  lines: Map<string, Dec>
  /** Amounts QBO will not take on a journal (AR, AP) or that left it unbalanced, put on Conversion Clearing. */
  toClearing: {account: string; amount: Dec; why: 'control' | 'unbalanced'}[]
}

export interface JournalInput {
  /** The source's trial balance at each period end, by source account key, oldest first; the last is the date. */
  periods: {date: string; balances: ReadonlyMap<string, Dec>}[]
  /** What the records this migration loads on or before the date will book (documents open at the date). */
  postings: readonly Posting[]
  isProfitAndLoss: (key: string) => boolean
  /** The key of the account QBO closes earlier years' income and expense into. */
  retainedEarnings: string
  fiscalYearStartMonth: number
  clearing: string
  /** Accounts a QBO journal cannot post to without a customer or supplier (AR, AP). */
  controls: ReadonlySet<string>
}

function yearStart(date: string, month: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return civilDate(m >= month ? y : y - 1, month, 1)
}

/**
 * The journals that make QBO's trial balance equal the source's at each period end: at each date, the
 * source's balance of every account less what QBO will hold by then (the documents loaded, the journals
 * before), seen as QBO's trial balance sees it: income and expense of earlier fiscal years closed into
 * retained earnings. With one period (the conversion date) this is the single opening balance journal.
 */
export function openingJournals(input: JournalInput): OpeningJournal[] {
  const posted: Posting[] = [...input.postings]
  const out: OpeningJournal[] = []
  for (const period of input.periods) {
    const start = yearStart(period.date, input.fiscalYearStartMonth)
    const held = new Map<string, Dec>()
    const add = (k: string, v: Dec) => held.set(k, (held.get(k) ?? new D(0)).plus(v))
    for (const p of posted) {
      if (p.date > period.date) continue
      if (input.isProfitAndLoss(p.account) && p.date < start) add(input.retainedEarnings, p.amount)
      else add(p.account, p.amount)
    }
    const lines = new Map<string, Dec>()
    const toClearing: OpeningJournal['toClearing'] = []
    const moveToClearing = (account: string, amount: Dec, why: 'control' | 'unbalanced') => {
      toClearing.push({account, amount, why})
      lines.set(input.clearing, (lines.get(input.clearing) ?? new D(0)).plus(amount))
    }
    for (const key of new Set([...period.balances.keys(), ...held.keys()])) {
      const diff = (period.balances.get(key) ?? new D(0)).minus(held.get(key) ?? 0)
      if (diff.isZero()) continue
      if (input.controls.has(key)) moveToClearing(key, diff, 'control')
      else lines.set(key, (lines.get(key) ?? new D(0)).plus(diff))
    }
    const imbalance = [...lines.values()].reduce((s, v) => s.plus(v), new D(0))
    if (!imbalance.isZero()) moveToClearing('(the trial balance)', imbalance.negated(), 'unbalanced')
    for (const [k, v] of lines) if (v.isZero()) lines.delete(k)
    for (const [account, amount] of lines) posted.push({date: period.date, account, amount})
    out.push({date: period.date, lines, toClearing})
  }
  return out
}
