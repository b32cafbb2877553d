import type {ColumnKind} from '../report/columns.js'
import {idColumns, type ReportTable, type RowKind} from '../report/table.js'
import type {FlatTable, FlatValue} from '../query/flatten.js'

/** One table as every output writes it: CSV, an xlsx sheet, or part of a workbook. */
export interface Sheet {
  name: string
  columns: {name: string; kind: ColumnKind | 'number'}[]
  rows: SheetRow[]
}

export interface SheetRow {
  values: FlatValue[]
  /** Outline level in the xlsx (a report section's rows are grouped under its header). */
  level?: number
  style?: 'section' | 'subtotal'
}

const ROW_LABEL: Record<RowKind, string> = {header: 'section', data: 'data', summary: 'subtotal'}

/**
 * A report table as a sheet: a Section column (the path of section titles, " > " between them), a Row
 * column (section, data or subtotal), then the report's columns, each followed by "<name> Id" when its
 * cells link to QBO records.
 */
export function reportSheet(table: ReportTable, name = table.name): Sheet {
  const withIds = new Set(idColumns(table))
  const columns: Sheet['columns'] = [
    {name: 'Section', kind: 'text'},
    {name: 'Row', kind: 'text'},
  ]
  table.columns.forEach((c, i) => {
    columns.push({name: c.name, kind: c.kind})
    if (withIds.has(i)) columns.push({name: `${c.name} Id`, kind: 'text'})
  })
  const rows = table.rows.map((r): SheetRow => {
    const values: FlatValue[] = [r.path.join(' > '), ROW_LABEL[r.kind]]
    r.values.forEach((v, i) => {
      values.push(v)
      if (withIds.has(i)) values.push(r.ids[i] ?? '')
    })
    const style = r.kind === 'header' ? 'section' : r.kind === 'summary' ? 'subtotal' : undefined
    return {values, level: r.kind === 'data' ? r.depth : r.depth, ...(style ? {style} : {})}
  })
  return {name, columns, rows}
}

/** Query or change rows as a sheet: columns where every value was a JSON number are numbers. */
export function flatSheet(name: string, table: FlatTable, leading: string[] = []): Sheet {
  const columns = [...leading, ...table.columns.filter((c) => !leading.includes(c))]
  return {
    name,
    columns: columns.map((c) => ({
      name: c,
      kind:
        table.rows.every((r) => r[c] === undefined || typeof r[c] === 'number') &&
        table.rows.some((r) => typeof r[c] === 'number')
          ? 'number'
          : 'text',
    })),
    rows: table.rows.map((r) => ({values: columns.map((c) => r[c] ?? '')})),
  }
}
