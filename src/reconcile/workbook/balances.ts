import type ExcelJS from 'exceljs'

import {D} from '../../domain/money.js'
import {type AgingComparison, BUCKETS} from '../aging.js'
import type {PeriodRow} from '../periods.js'
import type {TrialBalanceComparison} from '../trial-balance.js'
import {type Column, excelMoney, FILL, FROZEN_HEADER, statusHighlight, table} from '../../workbooks/style.js'

export function writeTrialBalance(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  tb: TrialBalanceComparison,
  asOf: string,
) {
  const ws = wb.addWorksheet('Trial Balance', FROZEN_HEADER)
  table(ws, [
    {header: 'Status', key: 'status', width: 10},
    {header: 'QBO account', key: 'account', width: 14},
    {header: 'Name', key: 'name', width: 36},
    {header: 'Source accounts', key: 'sources', width: 24},
    {header: `Source balance at ${asOf} (Dr +)`, key: 'source', width: 18, kind: 'money'},
    {header: `QBO balance at ${asOf} (Dr +)`, key: 'qbo', width: 18, kind: 'money'},
    {header: 'Variance (QBO - source)', key: 'variance', width: 16, kind: 'money'},
    {header: 'Foreign-currency documents', key: 'fx', width: 14},
  ])
  ws.getRow(1).commit()
  for (const r of tb.rows) {
    const row = ws.addRow([
      r.status,
      r.account,
      r.name,
      r.sourceAccounts.join(', '),
      excelMoney(r.source),
      excelMoney(r.qbo),
      excelMoney(r.variance),
      r.fxDocuments.toNumber(),
    ])
    // The FX rounding allowance is listed (amber), never passed off as agreeing.
    if (r.status === 'fx rounding') row.getCell(7).fill = FILL.warn
    else if (r.status !== 'agrees') row.getCell(7).fill = FILL.fail
    row.commit()
  }
  statusHighlight(ws, 'H', tb.rows.length + 1, ['variance', 'unmapped'])
  ws.commit()
}

export function writeAging(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: 'AR Aging' | 'AP Aging',
  aging: AgingComparison,
) {
  const ws = wb.addWorksheet(name, FROZEN_HEADER)
  const money = (prefix: string): Column[] =>
    [...BUCKETS, 'Total'].map((b) => ({
      header: `${prefix} ${b}`,
      key: `${prefix}${b}`,
      width: 13,
      kind: 'money',
    }))
  table(ws, [
    {header: 'Status', key: 'status', width: 10},
    {header: name === 'AR Aging' ? 'Customer' : 'Vendor', key: 'contact', width: 30},
    {header: 'QBO Id', key: 'qboId', width: 10},
    ...money('Source'),
    ...money('QBO'),
    {header: 'Variance (QBO - source)', key: 'variance', width: 16, kind: 'money'},
    {header: 'Foreign-currency documents', key: 'fx', width: 14},
  ])
  ws.getRow(1).commit()
  for (const r of aging.rows) {
    const row = ws.addRow([
      r.status,
      r.contact,
      r.qboId ?? '',
      ...r.source.map(excelMoney),
      excelMoney(r.sourceTotal),
      ...r.qbo.map(excelMoney),
      excelMoney(r.qboTotal),
      excelMoney(r.variance),
    ])
    if (r.status !== 'agrees') row.getCell(16).fill = FILL.fail
    row.commit()
  }
  statusHighlight(ws, 'P', aging.rows.length + 1, ['variance'])
  ws.commit()
}

export function writePeriods(wb: ExcelJS.stream.xlsx.WorkbookWriter, rows: readonly PeriodRow[]) {
  const ws = wb.addWorksheet('Monthly Totals', FROZEN_HEADER)
  table(ws, [
    {header: 'Entity', key: 'entity', width: 14},
    {header: 'Month', key: 'month', width: 10},
    {header: 'Source count', key: 'sc', width: 12},
    {header: 'QBO count', key: 'qc', width: 12},
    {header: 'Count difference', key: 'cd', width: 12},
    {header: 'Source total', key: 'st', width: 16, kind: 'money'},
    {header: 'QBO total', key: 'qt', width: 16, kind: 'money'},
    {header: 'Total difference', key: 'td', width: 16, kind: 'money'},
  ])
  ws.getRow(1).commit()
  for (const r of rows) {
    const diff = new D(r.qboTotal).minus(r.sourceTotal)
    const row = ws.addRow([
      r.entity,
      r.month,
      r.sourceCount,
      r.qboCount,
      r.qboCount - r.sourceCount,
      excelMoney(r.sourceTotal),
      excelMoney(r.qboTotal),
      excelMoney(diff),
    ])
    if (r.qboCount !== r.sourceCount) row.getCell(5).fill = FILL.fail
    if (!diff.isZero()) row.getCell(8).fill = FILL.fail
    row.commit()
  }
  ws.commit()
}
