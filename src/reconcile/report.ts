import {z} from 'zod'

import {QboValidationError} from '../domain/errors.js'
import {D, type Dec, parseDecimal} from '../domain/money.js'

const ColData = z.object({value: z.string().optional(), id: z.string().optional()})
type Row = {
  type?: string
  ColData?: z.infer<typeof ColData>[]
  Header?: {ColData?: z.infer<typeof ColData>[]}
  Rows?: {Row?: Row[]}
  Summary?: {ColData?: z.infer<typeof ColData>[]}
  group?: string
}
const RowSchema: z.ZodType<Row> = z.lazy(() =>
  z.looseObject({
    type: z.string().optional(),
    group: z.string().optional(),
    ColData: z.array(ColData).optional(),
    Header: z.looseObject({ColData: z.array(ColData).optional()}).optional(),
    Rows: z.looseObject({Row: z.array(RowSchema).optional()}).optional(),
    Summary: z.looseObject({ColData: z.array(ColData).optional()}).optional(),
  }),
)
const ReportSchema = z.looseObject({
  Header: z.looseObject({ReportName: z.string().optional()}).optional(),
  Columns: z
    .looseObject({
      Column: z
        .array(
          z.looseObject({
            ColTitle: z.string().optional(),
            ColType: z.string().optional(),
            MetaData: z.array(z.looseObject({Name: z.string(), Value: z.string()})).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  Rows: z.looseObject({Row: z.array(RowSchema).optional()}).optional(),
})

export interface ReportColumn {
  title: string
  type: string
  key?: string
}

/** One data row of a report: the first cell's label and id (account, customer, vendor) and every cell. */
export interface ReportDataRow {
  label: string
  id?: string
  cells: string[]
}

export interface ParsedReport {
  name: string
  columns: ReportColumn[]
  rows: ReportDataRow[]
}

/**
 * Reads a QBO report (qbo-api.md §12): Sections nest Header/Rows/Summary; only Data rows carry figures (the
 * Summary rows are QBO's own subtotals and would double count). A report can come back as HTTP 200 holding a
 * Fault, which is reported, not parsed as empty.
 */
export function parseReport(name: string, raw: unknown): ParsedReport {
  const fault = (raw as {Fault?: {Error?: {Message?: string; Detail?: string}[]}} | undefined)?.Fault
  if (fault) {
    const e = fault.Error?.[0]
    throw new QboValidationError(
      `QBO refused the ${name} report: ${e?.Message ?? 'fault'} ${e?.Detail ?? ''}`.trim(),
      {
        next: 'Check the --as-of date (YYYY-MM-DD), then run qbo migrate reconcile again',
      },
    )
  }
  const parsed = ReportSchema.safeParse(raw)
  if (!parsed.success) {
    throw new QboValidationError(
      `QBO's ${name} report is not in the documented shape: ${parsed.error.message}`,
      {
        next: 'Run qbo migrate reconcile --verbose and report the response shape',
      },
    )
  }
  const columns = (parsed.data.Columns?.Column ?? []).map((c) => {
    const key = c.MetaData?.find((m) => m.Name === 'ColKey')?.Value
    return {title: c.ColTitle ?? '', type: c.ColType ?? '', ...(key ? {key} : {})}
  })
  const rows: ReportDataRow[] = []
  const walk = (list: Row[] | undefined) => {
    for (const row of list ?? []) {
      if (row.Rows?.Row) walk(row.Rows.Row)
      if (row.ColData && row.type !== 'Section') {
        const [first, ...rest] = row.ColData
        rows.push({
          label: first?.value ?? '',
          ...(first?.id ? {id: first.id} : {}),
          cells: rest.map((c) => c.value ?? ''),
        })
      }
    }
  }
  walk(parsed.data.Rows?.Row)
  return {name: parsed.data.Header?.ReportName ?? name, columns, rows}
}

/** Index (into a data row's `cells`, which exclude the label column) of the column matching a test. */
export function columnIndex(report: ParsedReport, test: (c: ReportColumn) => boolean): number {
  const i = report.columns.findIndex(test)
  return i <= 0 ? -1 : i - 1
}

/** A report amount: "" is zero, "1,234.50" is tolerated. */
export function reportAmount(text: string | undefined, where: string): Dec {
  const t = (text ?? '').replace(/,/g, '').trim()
  if (t === '') return new D(0)
  const value = parseDecimal(t)
  if (!value) {
    throw new QboValidationError(`QBO's report has "${t}" where an amount belongs (${where})`, {
      next: 'Run qbo migrate reconcile --verbose and report the response shape',
    })
  }
  return value
}
