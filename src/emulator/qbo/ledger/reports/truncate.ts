import {cell, type ColData, type Report, type Row} from './shape.js'

/** QBO's words when a report passes its cell limit (qbo-api.md §1). */
export const TRUNCATION_MESSAGE = 'Unable to display more data. Please reduce the date range.'

/** QBO's documented limit: 400,000 cells per report response. */
export const DEFAULT_CELL_LIMIT = 400_000

function cells(row: Row): number {
  if (row.type === 'Data') return row.ColData.length
  return (
    (row.Header?.ColData.length ?? 0) +
    (row.Summary?.ColData.length ?? 0) +
    (row.Rows?.Row ?? []).reduce((n, r) => n + cells(r), 0)
  )
}

/**
 * A report past `limit` cells, cut as QBO cuts it: rows up to the limit (the section being filled loses its
 * Summary), then a Data row saying "Unable to display more data. Please reduce the date range.", in an
 * ordinary 200 answer. Reports within the limit are returned as they are.
 */
export function truncateReport(report: Report, limit: number): Report {
  const total = report.Rows.Row.reduce((n, r) => n + cells(r), 0)
  if (total <= limit) return report
  let budget = limit
  let full = false
  const keep = (rows: Row[]): Row[] => {
    const out: Row[] = []
    for (const row of rows) {
      if (full) break
      if (row.type === 'Data') {
        if (row.ColData.length > budget) {
          full = true
          break
        }
        budget -= row.ColData.length
        out.push(row)
        continue
      }
      const head = row.Header?.ColData.length ?? 0
      if (head > budget) {
        full = true
        break
      }
      budget -= head
      const inner = keep(row.Rows?.Row ?? [])
      const summary = row.Summary?.ColData.length ?? 0
      if (!full && summary <= budget) {
        budget -= summary
        out.push({...row, Rows: {Row: inner}})
      } else {
        full = true
        const open: Row = {...row, Rows: {Row: inner}}
        delete open.Summary
        out.push(open)
      }
    }
    return out
  }
  const kept = keep(report.Rows.Row)
  const width = Math.max(report.Columns.Column.length, 1)
  const notice: ColData[] = [cell(TRUNCATION_MESSAGE), ...Array.from({length: width - 1}, () => cell(''))]
  return {...report, Rows: {Row: [...kept, {type: 'Data', ColData: notice}]}}
}
