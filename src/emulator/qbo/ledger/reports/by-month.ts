import {addDays, type CivilDate, civilDate, daysInMonth} from '../../../../domain/civil-date.js'
import type {Period} from './dates.js'
import {cell, type ColData, type Column, type Report, type Row} from './shape.js'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The calendar months a period touches, each cut to the period. */
export function monthSlices(period: Period): Period[] {
  const out: Period[] = []
  let start = period.start
  while (start <= period.end) {
    const [y, m] = start.split('-').map(Number) as [number, number]
    const monthEnd = civilDate(y, m, daysInMonth(y, m))
    const end = monthEnd < period.end ? monthEnd : period.end
    out.push({start, end})
    start = addDays(end, 1)
  }
  return out
}

/** QBO's month column titles: "Jan 2024" for a whole month, "Jan 15-31, 2024" for part of one. */
export function monthTitle(slice: Period): string {
  const [y, m, d1] = slice.start.split('-').map(Number) as [number, number, number]
  const d2 = Number(slice.end.slice(8, 10))
  const name = MONTHS[m - 1] ?? ''
  return d1 === 1 && d2 === daysInMonth(y, m) ? `${name} ${y}` : `${name} ${d1}-${d2}, ${y}`
}

function label(cells: ColData[] | undefined): string {
  const c = cells?.[0]
  return c ? `${c.value}\u001f${c.id ?? ''}` : ''
}

/** Each row's value cell (the second), by the row's place: section path, kind and label. */
function values(rows: Row[], path = '', out = new Map<string, ColData>()): Map<string, ColData> {
  for (const r of rows) {
    if (r.type === 'Data') {
      if (r.ColData[1]) out.set(`${path}|D|${r.group ?? ''}|${label(r.ColData)}`, r.ColData[1])
      continue
    }
    const own = `${path}|S|${r.group ?? ''}|${label(r.Header?.ColData ?? r.Summary?.ColData)}`
    if (r.Header?.ColData[1]) out.set(`${own}|H`, r.Header.ColData[1])
    if (r.Summary?.ColData[1]) out.set(`${own}|T`, r.Summary.ColData[1])
    values(r.Rows?.Row ?? [], own, out)
  }
  return out
}

/**
 * summarize_column_by=Month for a two-column report (label, Total): the report for the whole period gives
 * the rows (every account with activity in any month), each month's own report gives that month's column,
 * and the Total column stays last. A row absent in a month has an empty cell there, as in QBO.
 */
export function byMonth(build: (period: Period) => Report, period: Period): Report {
  const total = build(period)
  const slices = monthSlices(period).map((p) => ({period: p, values: values(build(p).Rows.Row)}))
  const widen = (rows: Row[], path = ''): Row[] =>
    rows.map((r): Row => {
      if (r.type === 'Data') {
        const key = `${path}|D|${r.group ?? ''}|${label(r.ColData)}`
        return {
          ...r,
          ColData: [
            r.ColData[0] ?? cell(''),
            ...slices.map((s) => s.values.get(key) ?? cell('')),
            r.ColData[1] ?? cell(''),
          ],
        }
      }
      const own = `${path}|S|${r.group ?? ''}|${label(r.Header?.ColData ?? r.Summary?.ColData)}`
      const line = (cells: ColData[], suffix: string) => [
        cells[0] ?? cell(''),
        ...slices.map((s) => s.values.get(`${own}|${suffix}`) ?? cell('')),
        cells[1] ?? cell(''),
      ]
      return {
        ...r,
        ...(r.Header ? {Header: {ColData: line(r.Header.ColData, 'H')}} : {}),
        ...(r.Rows ? {Rows: {Row: widen(r.Rows.Row, own)}} : {}),
        ...(r.Summary ? {Summary: {ColData: line(r.Summary.ColData, 'T')}} : {}),
      }
    })
  const [first, last] = [total.Columns.Column[0], total.Columns.Column[total.Columns.Column.length - 1]]
  const monthColumns: Column[] = slices.map((s) => ({
    ColTitle: monthTitle(s.period),
    ColType: 'Money',
    MetaData: [
      {Name: 'StartDate', Value: s.period.start as CivilDate},
      {Name: 'EndDate', Value: s.period.end as CivilDate},
      {Name: 'ColKey', Value: s.period.start.slice(0, 7)},
    ],
  }))
  return {
    Header: {...total.Header, SummarizeColumnsBy: 'Month'},
    Columns: {Column: [...(first ? [first] : []), ...monthColumns, ...(last ? [last] : [])]},
    Rows: {Row: widen(total.Rows.Row)},
  }
}
