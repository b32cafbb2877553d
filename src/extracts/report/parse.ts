import {z} from 'zod'

import {QboValidationError} from '../../domain/errors.js'

/**
 * QBO's report JSON (Report.xsd): Header, Columns.Column[] (a column may nest Columns, as ItemSales does
 * under "Total"), Rows.Row[] where a Section row has Header/Rows/Summary and a Data row has ColData.
 * Public samples differ in small ways, so the reader accepts each variant it has seen: `type` missing (inferred
 * from the row's parts), a single object where an array is usual (XML-to-JSON converters), numbers where QBO
 * sends strings, ColType holding a column key ("subt_nat_amount"), rows with fewer or more cells than columns.
 */
export interface Cell {
  value: string
  id?: string
}

export type RowNode =
  | {type: 'Data'; group?: string; cells: Cell[]}
  | {type: 'Section'; group?: string; header?: Cell[]; rows: RowNode[]; summary?: Cell[]}

export interface Column {
  title: string
  type: string
  /** MetaData ColKey, when QBO sends one. */
  key?: string
  /** The titles of the columns it is nested under (ItemSales: ["Total"] for "Quantity"). */
  parents: string[]
  meta: Record<string, string>
}

export interface ParsedReport {
  name: string
  header: Record<string, unknown>
  /** Leaf columns, in ColData order. */
  columns: Column[]
  rows: RowNode[]
}

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String)
const cellSchema = z.union([
  z.object({value: scalar.optional(), id: scalar.optional()}).loose(),
  // XML-style `<ColData><value>x</value></ColData>` converted to JSON sometimes leaves a bare string.
  scalar.transform((value) => ({value, id: undefined})),
])
const metaSchema = z.object({Name: scalar, Value: scalar.optional()}).loose()

function many(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

function cells(container: unknown): Cell[] | undefined {
  if (container === undefined || container === null) return undefined
  const raw = typeof container === 'object' && 'ColData' in container ? container.ColData : container
  return many(raw).map((c) => {
    const parsed = cellSchema.parse(c)
    return parsed.id === undefined || parsed.id === ''
      ? {value: parsed.value ?? ''}
      : {value: parsed.value ?? '', id: parsed.id}
  })
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function rowNode(raw: unknown): RowNode {
  const r = obj(raw)
  const group = typeof r.group === 'string' && r.group !== '' ? r.group : undefined
  const isSection =
    r.type === 'Section' || (r.type !== 'Data' && (r.Rows !== undefined || r.Summary !== undefined))
  if (!isSection) return {type: 'Data', ...(group ? {group} : {}), cells: cells(r) ?? []}
  const header = cells(r.Header)
  const summary = cells(r.Summary)
  return {
    type: 'Section',
    ...(group ? {group} : {}),
    ...(header ? {header} : {}),
    rows: many(obj(r.Rows).Row).map(rowNode),
    ...(summary ? {summary} : {}),
  }
}

function columns(raw: unknown, parents: string[]): Column[] {
  return many(obj(raw).Column).flatMap((c): Column[] => {
    const col = obj(c)
    const title = col.ColTitle === undefined || col.ColTitle === null ? '' : String(col.ColTitle as string)
    const nested = many(obj(col.Columns).Column)
    if (nested.length > 0) return columns(col.Columns, [...parents, title])
    const meta: Record<string, string> = {}
    for (const m of many(col.MetaData)) {
      const parsed = metaSchema.safeParse(m)
      if (parsed.success) meta[parsed.data.Name] = parsed.data.Value ?? ''
    }
    const type = col.ColType === undefined ? '' : String(col.ColType as string)
    return [{title, type, ...(meta.ColKey ? {key: meta.ColKey} : {}), parents, meta}]
  })
}

/** Reads one report answer; anything that is not a report (a Fault, HTML, nothing) is a clear error. */
export function parseReport(data: unknown): ParsedReport {
  const body = obj(data)
  const header = obj(body.Header)
  if (!('Header' in body) || !('Columns' in body || 'Rows' in body)) {
    throw new QboValidationError(
      'QuickBooks Online answered without a report (no Header, Columns and Rows).',
      {
        next: 'Check the report name and parameters (qbo report --help lists the common ones).',
        data: {answer: JSON.stringify(data).slice(0, 300)},
      },
    )
  }
  try {
    return {
      name: typeof header.ReportName === 'string' ? header.ReportName : '',
      header,
      columns: columns(body.Columns, []),
      rows: many(obj(body.Rows).Row).map(rowNode),
    }
  } catch (e) {
    throw new QboValidationError('The report from QuickBooks Online has a shape this tool cannot read.', {
      next: 'Run again with --verbose and report the output (it contains no secrets).',
      cause: e,
    })
  }
}

export const TRUNCATION_TEXT = 'Unable to display more data. Please reduce the date range.'

/**
 * QBO does not page reports: past its cell limit it ends the report early with this sentence (as a row in
 * the samples seen, possibly in the header), in an HTTP 200. Looked for anywhere in the answer.
 */
export function isTruncated(data: unknown): boolean {
  return JSON.stringify(data).toLowerCase().includes('unable to display more data')
}

/** The header's Option value with this name (e.g. NoReportData, report_date). */
export function headerOption(report: ParsedReport, name: string): string | undefined {
  for (const o of many(report.header.Option)) {
    const parsed = metaSchema.safeParse(o)
    if (parsed.success && parsed.data.Name === name) return parsed.data.Value
  }
  return undefined
}
