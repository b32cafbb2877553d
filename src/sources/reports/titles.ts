import {civilDate, type CivilDate, daysInMonth} from '../../domain/civil-date.js'
import type {ReportKind} from '../../domain/source-reports.js'
import {type DateOrder, parseDate} from '../files/parse-values.js'
import type {Grid} from './cells.js'

/** What a report's title rows say: which report, for which organisation, as at when, on which basis. */
export interface ReportHead {
  kind: ReportKind
  title: string
  organisation?: string
  asAt?: CivilDate
  basis?: string
  /** Index into grid.rows of the first row after the titles (the header row is searched from here). */
  bodyFrom: number
}

/** A report we know but do not read, refused with what to export instead. */
export interface OtherReport {
  title: string
  refusal: string
}

const MONTHS = [
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

/**
 * The kind of report a title names. Xero: "Trial Balance", "Aged Receivables Summary", "Aged Payables
 * Summary" (sources.md §7.1, §7.2). MYOB AccountRight: "Trial Balance", "Aged Receivables [Summary]",
 * "Aged Payables [Summary]", later "Ageing Summary" on the Sales or Purchases tab (§7.3), so "receivable(s)"
 * or "payable(s)" with "aged", "ageing" or "aging" anywhere in the title, and "detail" not in it.
 */
export function reportKindOf(title: string): ReportKind | 'detail' | undefined {
  const t = title.toLowerCase().replace(/[[\]]/g, ' ').replace(/\s+/g, ' ').trim()
  if (/^trial balance\b/.test(t)) return 'trialBalance'
  const aged = /\b(aged|ageing|aging)\b/.test(t)
  if (!aged) return undefined
  const side = /\breceivables?\b|\bdebtors\b|\bsales\b/.test(t)
    ? 'agedReceivables'
    : /\bpayables?\b|\bcreditors\b|\bpurchases\b/.test(t)
      ? 'agedPayables'
      : undefined
  if (!side) return undefined
  return /\bdetail/.test(t) ? 'detail' : side
}

const nonEmpty = (cells: string[]) => cells.filter((c) => c !== '')

/** A title line holds one text (Excel exports may repeat it merged across columns: the same text). */
function titleText(cells: string[]): string | undefined {
  const texts = [...new Set(nonEmpty(cells))]
  return texts.length === 1 ? texts[0] : undefined
}

/**
 * Reads the title rows at the top of a report export: title, organisation, "As at <date>", an ageing basis
 * line. Up to the first row that is not a single text (the column header), within the first ten rows.
 * Undefined when the file does not start like a report we read.
 */
export function readHead(grid: Grid, order: DateOrder = 'dmy'): ReportHead | OtherReport | undefined {
  const titles: string[] = []
  let i = 0
  for (; i < Math.min(grid.rows.length, 12); i++) {
    const cells = grid.rows[i]!.cells
    if (nonEmpty(cells).length === 0) continue
    const text = titleText(cells)
    if (text === undefined) break
    titles.push(text)
  }
  const found = titles.findIndex((t) => reportKindOf(t) !== undefined)
  if (found < 0) return undefined
  const title = titles[found]!
  const kind = reportKindOf(title)!
  if (kind === 'detail') {
    return {
      title,
      refusal: `"${title}" lists documents, not contacts: the reconciliation reads the summary report`,
    }
  }
  const others = titles.filter((_, n) => n !== found)
  const dated = others.find((t) => dateIn(t, order) !== undefined)
  const basis = others.find((t) => /\b(ageing|aging|basis|accrual|cash)\b/i.test(t) && t !== dated)
  // The organisation is the line that is neither the date nor the basis (Xero prints it second, MYOB first).
  const organisation = others.find((t) => t !== dated && t !== basis)
  const asAt = dated === undefined ? undefined : dateIn(dated, order)
  return {
    kind,
    title,
    ...(organisation ? {organisation} : {}),
    ...(asAt ? {asAt} : {}),
    ...(basis ? {basis} : {}),
    bodyFrom: i,
  }
}

const NAMED = /(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})/g
const NUMERIC = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}\/\d{1,2}\/\d{1,2})\b/g
const MONTH_YEAR = /\b([A-Za-z]{3,9})\.?\s+(\d{4})\b/g

/**
 * The as-at date in a title line: "As at 30 June 2024", "As of 30/06/2024", "30 Jun 2024", "For the period
 * 1 July 2023 to 30 June 2024" (the last date is the as-at date), "June 2024" (its last day).
 */
export function dateIn(text: string, order: DateOrder = 'dmy'): CivilDate | undefined {
  const found: {at: number; date: CivilDate}[] = []
  for (const m of text.matchAll(NAMED)) {
    const d = parseDate(`${m[1]} ${m[2]} ${m[3]}`, order)
    if (d && MONTHS.some((name) => name.startsWith((m[2] as string).toLowerCase().slice(0, 3))))
      found.push({at: m.index ?? 0, date: d})
  }
  for (const m of text.matchAll(NUMERIC)) {
    const d = parseDate(m[1] as string, order)
    if (d) found.push({at: m.index ?? 0, date: d})
  }
  if (found.length === 0) {
    for (const m of text.matchAll(MONTH_YEAR)) {
      const month = MONTHS.findIndex((name) => name.startsWith((m[1] as string).toLowerCase().slice(0, 3)))
      if (month < 0 || (m[1] as string).length < 3) continue
      const year = Number(m[2])
      found.push({at: m.index ?? 0, date: civilDate(year, month + 1, daysInMonth(year, month + 1))})
    }
  }
  return found.sort((a, b) => a.at - b.at).at(-1)?.date
}
