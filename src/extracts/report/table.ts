import {type ColumnKind, columnKind, columnName} from './columns.js'
import type {Cell, ParsedReport, RowNode} from './parse.js'

export type RowKind = 'header' | 'data' | 'summary'

export interface TableColumn {
  name: string
  kind: ColumnKind
  key?: string
}

export interface TableRow {
  kind: RowKind
  /** 0 for top-level rows; a section's own rows are one deeper than its header and summary. */
  depth: number
  /** Titles of the enclosing sections, outermost first. */
  path: string[]
  group?: string
  values: string[]
  /** The QBO Id a cell links to (account, customer, transaction …), by column. */
  ids: (string | undefined)[]
}

/** A report as one flat table: what the CSV and the xlsx sheet show. */
export interface ReportTable {
  name: string
  header: Record<string, unknown>
  columns: TableColumn[]
  rows: TableRow[]
}

/**
 * Walks the recursive rows depth first: a section gives a header row (when it has one), its rows one level
 * deeper, then its summary row; the section path is the chain of section titles above a row. A row with more
 * cells than the report has columns (seen in a public ProfitAndLossDetail sample) widens the table rather
 * than losing the value.
 */
export function reportTable(report: ParsedReport): ReportTable {
  const rows: TableRow[] = []
  const push = (kind: RowKind, depth: number, path: string[], cells: Cell[], group?: string) => {
    rows.push({
      kind,
      depth,
      path,
      ...(group ? {group} : {}),
      values: cells.map((c) => c.value),
      ids: cells.map((c) => c.id),
    })
  }
  const walk = (nodes: RowNode[], depth: number, path: string[]) => {
    for (const node of nodes) {
      if (node.type === 'Data') {
        push('data', depth, path, node.cells, node.group)
        continue
      }
      const title = node.header?.[0]?.value ?? ''
      if (node.header) push('header', depth, path, node.header, node.group)
      walk(node.rows, depth + 1, title ? [...path, title] : path)
      if (node.summary) push('summary', depth, path, node.summary, node.group)
    }
  }
  walk(report.rows, 0, [])
  const width = Math.max(report.columns.length, ...rows.map((r) => r.values.length))
  const columns: TableColumn[] = Array.from({length: width}, (_, i) => {
    const c = report.columns[i]
    if (!c) return {name: `Column ${i + 1}`, kind: 'text'}
    return {name: columnName(c, i), kind: columnKind(c), ...(c.key ? {key: c.key} : {})}
  })
  uniqueNames(columns)
  for (const r of rows) {
    while (r.values.length < width) r.values.push('')
    while (r.ids.length < width) r.ids.push(undefined)
  }
  return {name: report.name, header: report.header, columns, rows}
}

function uniqueNames(columns: TableColumn[]): void {
  const seen = new Map<string, number>()
  for (const c of columns) {
    const n = (seen.get(c.name) ?? 0) + 1
    seen.set(c.name, n)
    if (n > 1) c.name = `${c.name} (${n})`
  }
}

/** Columns whose cells carry a QBO Id somewhere: the flat outputs add an "<name> Id" column for each. */
export function idColumns(table: ReportTable): number[] {
  return table.columns.map((_, i) => i).filter((i) => table.rows.some((r) => r.ids[i] !== undefined))
}
