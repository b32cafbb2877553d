import {type Dec, amountText} from '../../../../domain/money.js'

/** QBO's report JSON (Report.xsd): Header, Columns.Column[], Rows.Row[] of Data and Section rows. */
export interface ColData {
  value: string
  id?: string
}
export interface DataRow {
  type: 'Data'
  group?: string
  ColData: ColData[]
}
export interface SectionRow {
  type: 'Section'
  group?: string
  Header?: {ColData: ColData[]}
  Rows?: {Row: Row[]}
  Summary?: {ColData: ColData[]}
}
export type Row = DataRow | SectionRow

export interface Column {
  ColTitle: string
  ColType: string
  MetaData?: {Name: string; Value: string}[]
}

export interface Report {
  Header: Record<string, unknown>
  Columns: {Column: Column[]}
  Rows: {Row: Row[]}
}

export function column(title: string, type: string, key?: string): Column {
  if (key === undefined) return {ColTitle: title, ColType: type}
  return {ColTitle: title, ColType: type, MetaData: [{Name: 'ColKey', Value: key}]}
}

/** Amounts are strings with two decimals; an empty cell is "". */
export function money(value: Dec | undefined): string {
  return value === undefined ? '' : amountText(value)
}

export function cell(value: string, id?: string): ColData {
  return id === undefined ? {value} : {value, id}
}

export function dataRow(cells: ColData[], group?: string): DataRow {
  return group === undefined ? {type: 'Data', ColData: cells} : {type: 'Data', group, ColData: cells}
}

export interface HeaderInput {
  name: string
  now: Date
  start: string
  end: string
  currency: string
  macro?: string
  hasData: boolean
  basis?: boolean
  options?: {Name: string; Value: string}[]
}

export function header(input: HeaderInput): Record<string, unknown> {
  const out: Record<string, unknown> = {Time: input.now.toISOString(), ReportName: input.name}
  if (input.macro !== undefined) out.DateMacro = input.macro
  if (input.basis !== false) out.ReportBasis = 'Accrual'
  out.StartPeriod = input.start
  out.EndPeriod = input.end
  out.SummarizeColumnsBy = 'Total'
  out.Currency = input.currency
  out.Option = [...(input.options ?? []), {Name: 'NoReportData', Value: input.hasData ? 'false' : 'true'}]
  return out
}
