import type {Logger} from '../ui/logger.js'
import {writeCsv} from './output/csv.js'
import {outputFormat} from './output/format.js'
import {reportSheet, type Sheet} from './output/sheet.js'
import {writeWorkbook} from './output/xlsx.js'
import {fetchReport, type ReportSource} from './report/fetch.js'
import {type ReportOptions, reportParams} from './report/params.js'
import {type ReportTable, reportTable} from './report/table.js'

export interface ReportExtract {
  report: string
  params: Record<string, string>
  start: string
  end: string
  /** Date ranges fetched; more than one when QBO cut the report short and it was split. */
  parts: {start: string; end: string}[]
  rows: number
  warnings: string[]
  table: ReportTable
}

/** Fetches a report (splitting it when QBO truncates it) and flattens it to a table. */
export async function extractReport(
  source: ReportSource,
  options: ReportOptions,
  logger: Logger,
): Promise<ReportExtract> {
  const params = reportParams(options)
  const fetched = await fetchReport(source, options.name, params, logger)
  const table = reportTable(fetched.report)
  const header = fetched.report.header
  for (const w of fetched.warnings) logger.warn(w)
  return {
    report: options.name,
    params,
    start: typeof header.StartPeriod === 'string' ? header.StartPeriod : (params.start_date ?? ''),
    end: typeof header.EndPeriod === 'string' ? header.EndPeriod : (params.end_date ?? ''),
    parts: fetched.parts,
    rows: table.rows.length,
    warnings: fetched.warnings,
    table,
  }
}

export interface ReportFileResult extends Omit<ReportExtract, 'table'> {
  out: string
  format: 'csv' | 'xlsx'
  /** With `inline` (--json and no file): the table itself, instead of CSV on stdout. */
  data?: {columns: string[]; rows: unknown[][]}
}

/** `qbo report`: the extract written to CSV (a file or stdout) or to an xlsx sheet with the outline as row groups. */
export async function reportToFile(
  source: ReportSource,
  options: ReportOptions & {out: string; generatedAt: string; inline?: boolean},
  logger: Logger,
  stdout: (text: string) => void,
): Promise<ReportFileResult> {
  const format = outputFormat(options.out, undefined, ['csv', 'xlsx']) as 'csv' | 'xlsx'
  const extract = await extractReport(source, options, logger)
  const sheet: Sheet = reportSheet(extract.table)
  const {table: _table, ...rest} = extract
  if (options.inline && options.out === '-')
    return {
      ...rest,
      out: '-',
      format,
      data: {columns: sheet.columns.map((c) => c.name), rows: sheet.rows.map((r) => r.values)},
    }
  if (format === 'csv') await writeCsv(sheet, options.out, stdout)
  else await writeWorkbook(options.out, [sheet], coverOf(extract, options.generatedAt))
  return {...rest, out: options.out, format}
}

export function coverOf(extract: ReportExtract, generatedAt: string): {label: string; value: string}[] {
  return [
    {label: 'Report', value: extract.report},
    {label: 'Period', value: `${extract.start} to ${extract.end}`},
    {label: 'Parameters', value: new URLSearchParams(extract.params).toString()},
    {label: 'Generated at', value: generatedAt},
    ...(extract.parts.length > 1
      ? [{label: 'Fetched in parts', value: extract.parts.map((p) => `${p.start}..${p.end}`).join(', ')}]
      : []),
    ...extract.warnings.map((w) => ({label: 'Warning', value: w})),
  ]
}
