import {D, type Dec, amountText} from '../../domain/money.js'
import {type AgedRow, type ReportVendor, SourceAgedSummary} from '../../domain/source-reports.js'
import {fileError} from '../files/errors.js'
import {reportAmount} from './amounts.js'
import type {Grid} from './cells.js'
import {columnOf, headerKey} from './columns.js'
import type {ReportHead} from './titles.js'

const CONTACT = [
  'contact',
  'name',
  'customer',
  'supplier',
  'card name',
  'co last name',
  'customer name',
  'supplier name',
  'vendor',
]
const TOTAL = ['total', 'total due', 'balance due', 'total outstanding', 'balance']
/** Columns an aged summary may carry beside its buckets (Xero's optional "Outstanding GST", MYOB's card fields). */
const NOT_A_BUCKET = /gst|tax|percent|%|limit|phone|email|terms|card id|contact person/

function findHeader(grid: Grid, from: number) {
  for (let i = from; i < Math.min(grid.rows.length, from + 10); i++) {
    const cells = grid.rows[i]!.cells
    const total = columnOf(cells, TOTAL)
    if (total < 0) continue
    let contact = columnOf(cells, CONTACT)
    // Xero's first header cell may be blank above the contact names.
    if (contact < 0 && (cells[0] ?? '') === '' && total > 0) contact = 0
    if (contact < 0) continue
    const buckets = cells
      .map((h, index) => ({h, index}))
      .filter(
        ({h, index}) => index !== contact && index !== total && h !== '' && !NOT_A_BUCKET.test(headerKey(h)),
      )
    if (buckets.length === 0) continue
    return {index: i, contact, total, buckets}
  }
  return undefined
}

/**
 * An aged receivables or payables summary (sources.md §7.2 Xero, §7.3 MYOB): title rows, a header row with
 * the contact column, the ageing buckets (matched by text, not position: their periods are configurable)
 * and the total, then one row per contact, then `Total` and `Percentage of total` rows that are skipped.
 * Amounts are in home currency; a contact in credit shows negative amounts.
 */
export function parseAgedSummary(
  grid: Grid,
  head: ReportHead & {asAt: string; kind: 'agedReceivables' | 'agedPayables'},
  vendor: ReportVendor,
): {report: SourceAgedSummary; warnings: string[]} {
  const found = findHeader(grid, head.bodyFrom)
  if (!found) {
    throw fileError(
      {file: grid.path, line: grid.rows[head.bodyFrom]?.line ?? 1},
      'no column header with the contact, ageing periods and Total under the title rows',
      'Export the aged summary again from the source (Excel or CSV) without editing its columns.',
    )
  }
  const header = grid.rows[found.index]!.cells
  const rows: AgedRow[] = []
  const seen = new Map<string, number>()
  const warnings: string[] = []
  for (const {line, cells} of grid.rows.slice(found.index + 1)) {
    const contact = (cells[found.contact] ?? '').trim()
    if (contact === '' || /^(grand )?total\b|^percentage\b|^% of total/i.test(contact)) continue
    const amount = (i: number): Dec => {
      const v = reportAmount(cells[i] ?? '')
      if (!v) {
        throw fileError(
          {file: grid.path, line, column: header[i] || `#${i + 1}`},
          `"${cells[i] ?? ''}" is not an amount`,
        )
      }
      return v
    }
    const buckets = found.buckets.map((b) => amount(b.index))
    const total = amount(found.total)
    const sum = buckets.reduce((a, b) => a.plus(b), new D(0))
    if (!sum.equals(total)) {
      throw fileError(
        {file: grid.path, line, column: header[found.total] ?? 'Total'},
        `the ageing periods of ${contact} add up to ${amountText(sum)}, not the ${amountText(total)} in Total`,
      )
    }
    // Exactly as written: Xero keeps contacts whose names differ only in case or spacing apart, and an aged
    // report lists each on its own row (docs/sources-files.md, look-alike contacts).
    if (seen.has(contact)) {
      throw fileError({file: grid.path, line}, `${contact} appears twice (also at line ${seen.get(contact)})`)
    }
    seen.set(contact, line)
    if (total.isZero() && buckets.every((b) => b.isZero())) continue
    rows.push({contact, buckets: buckets.map(amountText), total: amountText(total)})
  }
  const report = SourceAgedSummary.parse({
    kind: head.kind,
    vendor,
    title: head.title,
    ...(head.organisation ? {organisation: head.organisation} : {}),
    asAt: head.asAt,
    ...(head.basis ? {basis: head.basis} : {}),
    buckets: found.buckets.map((b) => b.h),
    rows,
  })
  return {report, warnings}
}
