import type ExcelJS from 'exceljs'

import type {Plan} from '../../load/plan.js'
import {excelMoney, FILL, FROZEN_HEADER, table, type Column} from '../style.js'

export const TAX_TOTAL_COLUMNS: readonly Column[] = [
  {header: 'Source code', key: 'sourceCode', width: 16},
  {header: 'Direction', key: 'direction', width: 10},
  {header: 'Source rate %', key: 'sourceRate', width: 12},
  {header: 'QBO tax code', key: 'qboCode', width: 28},
  {header: 'QBO rate %', key: 'qboRate', width: 11},
  {header: 'Lines', key: 'lines', width: 8},
  {header: 'Net amount', key: 'net', width: 14, kind: 'money'},
  {header: 'Source tax', key: 'sourceTax', width: 14, kind: 'money'},
  {header: 'Planned tax', key: 'plannedTax', width: 14, kind: 'money'},
  {header: 'Difference', key: 'difference', width: 14, kind: 'money'},
]

/**
 * Tax per source code and the QBO code it goes to: the tax the source charged next to the tax at the QBO
 * code's rate on the same net amounts. A difference (orange) is what a mapping onto a code of another rate
 * does to the BAS; the Planned tax is blank when the QBO code's rate is unknown.
 */
export function writeTaxTotals(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const ws = wb.addWorksheet('Tax totals', FROZEN_HEADER)
  table(ws, TAX_TOTAL_COLUMNS)
  ws.getRow(1).commit()
  for (const t of plan.effect?.taxTotals ?? []) {
    const row = ws.addRow([
      t.sourceCode,
      t.direction,
      t.sourceRate === '' ? '' : Number(t.sourceRate),
      t.qboCode,
      t.qboRate === '' ? '' : Number(t.qboRate),
      t.lines,
      excelMoney(t.net),
      excelMoney(t.sourceTax),
      t.plannedTax === '' ? '' : excelMoney(t.plannedTax),
      t.difference === '' ? '' : excelMoney(t.difference),
    ])
    if (t.difference !== '' && Number(t.difference) !== 0) row.getCell(10).fill = FILL.fail
    row.commit()
  }
  ws.commit()
}

export const ACCOUNT_TOTAL_COLUMNS: readonly Column[] = [
  {header: 'QBO account', key: 'qboAccount', width: 40},
  {header: 'QBO type', key: 'qboType', width: 24},
  {header: 'Source accounts', key: 'sourceAccounts', width: 60},
  {header: 'Records', key: 'records', width: 10},
  {header: 'Balance', key: 'balance', width: 16, kind: 'money'},
]

/** What each QBO account receives: the source accounts mapped onto it, their records and balance. */
export function writeAccountTotals(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const ws = wb.addWorksheet('Account totals', FROZEN_HEADER)
  table(ws, ACCOUNT_TOTAL_COLUMNS)
  ws.getRow(1).commit()
  for (const a of plan.effect?.accountTotals ?? []) {
    const row = ws.addRow([
      a.qboAccount,
      a.qboType,
      a.sourceAccounts.join('; '),
      a.records,
      excelMoney(a.balance),
    ])
    // Two source accounts landing on one QBO account is worth a second look.
    if (a.sourceAccounts.length > 1) row.getCell(3).fill = FILL.warn
    row.commit()
  }
  ws.commit()
}

export const CHANGE_COLUMNS: readonly Column[] = [
  {header: 'What', key: 'area', width: 16},
  {header: 'Item', key: 'item', width: 50},
  {header: 'Previous plan', key: 'before', width: 20},
  {header: 'This plan', key: 'after', width: 20},
]

/** What changed since the previous `qbo migrate plan` of this migration file (counts, codes, totals, records). */
export function writeSincePrevious(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const ws = wb.addWorksheet('Since last plan', FROZEN_HEADER)
  table(ws, CHANGE_COLUMNS)
  ws.getRow(1).commit()
  const since = plan.sincePrevious
  if (!since) ws.addRow(['', 'No earlier plan of this migration file to compare with.']).commit()
  else if (since.changes.length === 0)
    ws.addRow(['', `Nothing changed since the plan of ${since.plannedAt}.`]).commit()
  for (const c of since?.changes ?? []) {
    const row = ws.addRow([c.area, c.item, c.before, c.after])
    row.getCell(4).fill = FILL.warn
    row.commit()
  }
  ws.commit()
}
