import type ExcelJS from 'exceljs'

import type {Plan} from '../../load/plan.js'
import {writeTableSheet} from '../sheet.js'
import {excelMoney, FILL, type Column} from '../style.js'

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
  writeTableSheet(
    wb,
    {
      name: 'Tax totals',
      columns: TAX_TOTAL_COLUMNS,
      cells: (t) => [
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
      ],
      style: (row, t) => {
        if (t.difference !== '' && Number(t.difference) !== 0) row.getCell(10).fill = FILL.fail
      },
    },
    plan.effect?.taxTotals ?? [],
  )
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
  writeTableSheet(
    wb,
    {
      name: 'Account totals',
      columns: ACCOUNT_TOTAL_COLUMNS,
      cells: (a) => [a.qboAccount, a.qboType, a.sourceAccounts.join('; '), a.records, excelMoney(a.balance)],
      // Two source accounts landing on one QBO account is worth a second look.
      style: (row, a) => {
        if (a.sourceAccounts.length > 1) row.getCell(3).fill = FILL.warn
      },
    },
    plan.effect?.accountTotals ?? [],
  )
}

export const CHANGE_COLUMNS: readonly Column[] = [
  {header: 'What', key: 'area', width: 16},
  {header: 'Item', key: 'item', width: 50},
  {header: 'Previous plan', key: 'before', width: 20},
  {header: 'This plan', key: 'after', width: 20},
]

/** What changed since the previous `qbo migrate plan` of this migration file (counts, codes, totals, records). */
export function writeSincePrevious(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const since = plan.sincePrevious
  // With nothing to list, one line says why (unfilled); each change is filled amber.
  const note = !since
    ? 'No earlier plan of this migration file to compare with.'
    : since.changes.length === 0
      ? `Nothing changed since the plan of ${since.plannedAt}.`
      : undefined
  writeTableSheet(
    wb,
    {
      name: 'Since last plan',
      columns: CHANGE_COLUMNS,
      style: (row) => {
        if (!note) row.getCell(4).fill = FILL.warn
      },
    },
    note ? [['', note]] : (since?.changes ?? []).map((c) => [c.area, c.item, c.before, c.after]),
  )
}
