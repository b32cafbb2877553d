import ExcelJS from 'exceljs'

import type {CanonicalOf} from '../../src/domain/canonical.js'
import {buildPlan} from '../../src/load/plan.js'
import {buildContext, type Overrides, type TargetCompany} from '../../src/mappers/index.js'
import type {MappingExportInput} from '../../src/workbooks/index.js'
import {loadCompany, loadTarget} from '../mappers/helpers.js'

/** The demo company and its AU target, planned with `overrides`, as the export command would pass them. */
export function exportInput(
  overrides: Overrides = {},
  target: Partial<TargetCompany> = {},
): MappingExportInput {
  const company = loadCompany()
  const of = <K extends 'account' | 'taxRate' | 'trackingCategory'>(kind: K) =>
    company.records.filter((r) => r.kind === kind).map((r) => r.record as CanonicalOf<K>)
  const fullTarget = {...loadTarget(), ...target}
  const ctx = buildContext({system: company.system, target: fullTarget, overrides, records: company.records})
  return {
    system: company.system,
    target: fullTarget,
    accounts: of('account'),
    taxRates: of('taxRate'),
    trackingCategories: of('trackingCategory'),
    plan: buildPlan(company.records, ctx),
    overrides,
  }
}

export async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb
}

export function headersOf(ws: ExcelJS.Worksheet): string[] {
  return (ws.getRow(1).values as unknown[]).slice(1).map(String)
}

export function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const i = headersOf(ws).indexOf(header)
  if (i < 0) throw new Error(`${ws.name} has no column "${header}"`)
  return i + 1
}

/** The row whose first cells equal `keys` (e.g. source code and direction). */
export function rowOf(ws: ExcelJS.Worksheet, ...keys: string[]): ExcelJS.Row {
  let found: ExcelJS.Row | undefined
  ws.eachRow((row, n) => {
    if (
      n > 1 &&
      !found &&
      keys.every((k, i) => String(row.getCell(i === 0 ? 1 : columnFor(ws, i)).value) === k)
    )
      found = row
  })
  if (!found) throw new Error(`${ws.name} has no row ${keys.join(' / ')}`)
  return found
}

// Tax codes are keyed by code (A) and direction (D); every other sheet by its first column.
const columnFor = (ws: ExcelJS.Worksheet, i: number) => (ws.name === 'Tax codes' && i === 1 ? 4 : i + 1)

/** Sets a cell of the row keyed by `keys` under `header`. */
export function edit(
  wb: ExcelJS.Workbook,
  sheet: string,
  keys: string[],
  header: string,
  value: ExcelJS.CellValue,
) {
  const ws = wb.getWorksheet(sheet)!
  rowOf(ws, ...keys).getCell(columnOf(ws, header)).value = value
}
