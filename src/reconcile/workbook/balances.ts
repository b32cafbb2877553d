import type ExcelJS from 'exceljs'

import {D} from '../../domain/money.js'
import {type AgingComparison, BUCKETS} from '../aging.js'
import type {MonthlyComparison, ReportRef} from '../balance-checks.js'
import type {PeriodRow} from '../periods.js'
import type {TrialBalanceComparison} from '../trial-balance.js'
import {writeTableSheet} from '../../workbooks/sheet.js'
import {type Column, excelMoney, FILL} from '../../workbooks/style.js'
import {printed} from './print.js'

/** Where a sheet's source figures come from, for its column titles. */
export const sourceOf = (basis: ReportRef | undefined) =>
  basis ? `source report as at ${basis.asAt}` : 'rebuilt from staged records'

export function writeTrialBalance(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  tb: TrialBalanceComparison,
  asOf: string,
  basis: ReportRef | undefined,
) {
  writeTableSheet(
    wb,
    {
      name: 'Trial Balance',
      options: printed(),
      columns: [
        {header: 'Status', key: 'status', width: 10},
        {header: 'QBO account', key: 'account', width: 9},
        {header: 'QBO account name', key: 'name', width: 30},
        {header: 'Source accounts, and how each reached this QBO account', key: 'sources', width: 52},
        {header: 'Figure', key: 'period', width: 24},
        {header: `Source (${sourceOf(basis)}), Dr +`, key: 'source', width: 17, kind: 'money'},
        {header: `QBO TrialBalance at ${asOf}, Dr +`, key: 'qbo', width: 17, kind: 'money'},
        {header: 'Variance (QBO - source)', key: 'variance', width: 14, kind: 'money'},
        {header: 'Foreign-currency documents', key: 'fx', width: 11},
      ],
      setup: (ws) => wrapColumn(ws, 4),
      cells: (r) => [
        r.status,
        r.account,
        r.name,
        (r.mapping.length ? r.mapping : r.sourceAccounts).join('\n'),
        r.period ?? '',
        excelMoney(r.source),
        excelMoney(r.qbo),
        excelMoney(r.variance),
        r.fxDocuments.toNumber(),
      ],
      // The FX rounding allowance is listed (amber), never passed off as agreeing.
      style: (row, r) => {
        if (r.status === 'fx rounding') row.getCell(8).fill = FILL.warn
        else if (r.status !== 'agrees') row.getCell(8).fill = FILL.fail
      },
      highlight: ['variance', 'unmapped'],
    },
    tb.rows,
  )
}

/** Income and expense per month where a source trial balance shows the month, against QBO's ProfitAndLoss. */
export function writeMonthly(wb: ExcelJS.stream.xlsx.WorkbookWriter, months: readonly MonthlyComparison[]) {
  writeTableSheet(
    wb,
    {
      name: 'Income and Expense by Month',
      options: printed(),
      columns: [
        {header: 'Status', key: 'status', width: 10},
        {header: 'Month', key: 'month', width: 9},
        {header: 'Days', key: 'days', width: 23},
        {header: 'QBO account', key: 'account', width: 9},
        {header: 'QBO account name', key: 'name', width: 30},
        {header: 'Source accounts', key: 'sources', width: 40},
        {header: 'Source month column, Dr +', key: 'source', width: 16, kind: 'money'},
        {header: 'QBO ProfitAndLoss, Dr +', key: 'qbo', width: 16, kind: 'money'},
        {header: 'Variance (QBO - source)', key: 'variance', width: 14, kind: 'money'},
      ],
      setup: (ws) => wrapColumn(ws, 6),
      cells: ({m, r}) => [
        r.status,
        m.month,
        `${m.from} to ${m.to}`,
        r.account,
        r.name,
        (r.mapping.length ? r.mapping : r.sourceAccounts).join('\n'),
        excelMoney(r.source),
        excelMoney(r.qbo),
        excelMoney(r.variance),
      ],
      style: (row, {r}) => {
        if (r.status !== 'agrees' && r.status !== 'fx rounding') row.getCell(9).fill = FILL.fail
      },
      highlight: ['variance', 'unmapped'],
    },
    months.flatMap((m) => m.comparison.rows.map((r) => ({m, r}))),
  )
}

export function writeAging(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: 'AR Aging' | 'AP Aging',
  aging: AgingComparison,
  basis: ReportRef | undefined,
) {
  const money = (prefix: string, titles: readonly string[], total: string): Column[] =>
    [...titles, total].map((b, i) => ({
      header: `${prefix} ${b}`,
      key: `${prefix}${i}`,
      width: 12,
      kind: 'money',
    }))
  const columns: Column[] = [
    {header: 'Status', key: 'status', width: 10},
    {header: name === 'AR Aging' ? 'Customer' : 'Vendor', key: 'contact', width: 30},
    {header: 'QBO Id', key: 'qboId', width: 8},
    ...money('Source', aging.sourceBuckets, `total (${sourceOf(basis)})`),
    ...money('QBO', BUCKETS, 'total'),
    {header: 'Variance (QBO - source total)', key: 'variance', width: 14, kind: 'money'},
  ]
  writeTableSheet(
    wb,
    {
      name,
      options: printed(),
      columns,
      cells: (r) => [
        r.status,
        r.contact,
        r.qboId ?? '',
        ...r.source.map(excelMoney),
        excelMoney(r.sourceTotal),
        ...r.qbo.map(excelMoney),
        excelMoney(r.qboTotal),
        excelMoney(r.variance),
      ],
      style: (row, r) => {
        if (r.status !== 'agrees') row.getCell(columns.length).fill = FILL.fail
      },
      highlight: ['variance'],
    },
    aging.rows,
  )
}

export function writePeriods(wb: ExcelJS.stream.xlsx.WorkbookWriter, rows: readonly PeriodRow[]) {
  const diff = (r: PeriodRow) => new D(r.qboTotal).minus(r.sourceTotal)
  writeTableSheet(
    wb,
    {
      name: 'Monthly Totals',
      options: printed(),
      columns: [
        {header: 'Entity', key: 'entity', width: 14},
        {header: 'Month', key: 'month', width: 10},
        {header: 'Source count', key: 'sc', width: 12},
        {header: 'QBO count', key: 'qc', width: 12},
        {header: 'Count difference', key: 'cd', width: 12},
        {header: 'Source total', key: 'st', width: 16, kind: 'money'},
        {header: 'QBO total', key: 'qt', width: 16, kind: 'money'},
        {header: 'Total difference', key: 'td', width: 16, kind: 'money'},
      ],
      cells: (r) => [
        r.entity,
        r.month,
        r.sourceCount,
        r.qboCount,
        r.qboCount - r.sourceCount,
        excelMoney(r.sourceTotal),
        excelMoney(r.qboTotal),
        excelMoney(diff(r)),
      ],
      style: (row, r) => {
        if (r.qboCount !== r.sourceCount) row.getCell(5).fill = FILL.warn
        if (!diff(r).isZero()) row.getCell(8).fill = FILL.warn
      },
    },
    rows,
  )
}

/** Long text wraps in its column instead of running under the next (and off the printed page). */
export function wrapColumn(ws: ExcelJS.Worksheet, column: number) {
  ws.getColumn(column).alignment = {wrapText: true, vertical: 'top'}
}
