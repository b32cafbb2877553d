import {UsageError} from '../../domain/errors.js'

export interface ReportOptions {
  name: string
  start?: string
  end?: string
  dateMacro?: string
  accountingMethod?: 'Cash' | 'Accrual'
  summarizeBy?: string
  columns?: string[]
  /** Any other QBO report parameter (customer=1,2, aging_period=30 …), passed as given. */
  params?: Record<string, string>
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The query parameters of GET /reports/{name}, from the flags or a saved definition. */
export function reportParams(o: ReportOptions): Record<string, string> {
  for (const [flag, value] of [
    ['--start', o.start],
    ['--end', o.end],
  ] as const) {
    if (value !== undefined && !DATE.test(value))
      throw new UsageError(`${flag} ${value} is not a date.`, {next: `Give ${flag} as YYYY-MM-DD.`})
  }
  if (o.dateMacro && (o.start || o.end))
    throw new UsageError('--date-macro and --start/--end both name the period.', {
      next: 'Give one or the other.',
    })
  if (o.start && o.end && o.start > o.end)
    throw new UsageError(`--start ${o.start} is after --end ${o.end}.`, {next: 'Swap them.'})
  const out: Record<string, string> = {...(o.params ?? {})}
  if (o.start) out.start_date = o.start
  if (o.end) out.end_date = o.end
  if (o.dateMacro) out.date_macro = o.dateMacro
  if (o.accountingMethod) out.accounting_method = o.accountingMethod
  if (o.summarizeBy) out.summarize_column_by = o.summarizeBy
  if (o.columns && o.columns.length > 0) out.columns = o.columns.join(',')
  return out
}

/** `--param k=v` flags as a record; a flag without "=" is a usage error. */
export function parseParamFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of flags) {
    const at = f.indexOf('=')
    if (at <= 0)
      throw new UsageError(`--param ${f} is not key=value.`, {next: 'Write it as --param customer=58,61.'})
    out[f.slice(0, at).trim()] = f.slice(at + 1).trim()
  }
  return out
}
