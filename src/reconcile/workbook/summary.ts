import type ExcelJS from 'exceljs'

import {D} from '../../domain/money.js'
import {MATCHED_ENTITIES} from '../docs.js'
import type {ReconcileReport} from '../result.js'
import {describePolicy} from '../tolerance.js'
import {excelMoney, FILL, MONEY, PERCENT} from '../../workbooks/style.js'

/** Fixed cells users and scripts rely on (docs/reconcile.md). */
export const SUMMARY_CELLS = {result: 'B3', matchRate: 'B4', withinTolerance: 'B5'} as const
export const ENTITY_TABLE_HEADER_ROW = 15

export function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: ReconcileReport): void {
  const ws = wb.addWorksheet('Summary')
  const r = report.result
  ws.columns = [
    {width: 34},
    {width: 16},
    {width: 12},
    {width: 12},
    {width: 10},
    {width: 10},
    {width: 12},
    {width: 10},
    {width: 10},
    {width: 12},
    {width: 16},
    {width: 16},
    {width: 14},
  ]
  const pass = r.withinTolerance
  ws.addRow(['Reconciliation: source vs QuickBooks Online']).font = {bold: true, size: 14}
  ws.addRow([])
  const result = ws.addRow(['Result', pass ? 'PASS' : 'FAIL'])
  result.getCell(2).fill = pass ? FILL.pass : FILL.fail
  result.getCell(2).font = {bold: true}
  ws.addRow(['Backfill match rate (matched / source)', r.matchRate]).getCell(2).numFmt = PERCENT
  ws.addRow(['Within tolerance', pass ? 'yes' : 'no'])
  ws.addRow(['As at', r.asOf])
  ws.addRow(['QBO realm', r.realmId])
  ws.addRow(['Source systems', report.sourceSystems.join(', ')])
  ws.addRow(['Run id', r.runId])
  ws.addRow(['Generated at (UTC)', report.generatedAt])
  ws.addRow(['Input hash (sha256 of staged records and mappings)', r.inputHash])
  ws.addRow(['Tolerance policy', describePolicy(r.tolerance)])
  ws.addRow([
    'Differences inside tolerance',
    `${report.absorbed.documents} documents, ${report.absorbed.amount.toFixed(2)} in total (listed amber on the entity sheets)`,
  ])
  ws.addRow([])
  const header = ws.addRow([
    'Entity',
    'Source',
    'Matched',
    'Mismatched',
    'Missing',
    'Extra',
    'Match rate',
    'By id map',
    'By marker',
    'By heuristic',
    'Source total',
    'QBO total',
    'Difference',
  ])
  header.eachCell((c) => {
    c.font = {bold: true}
    c.fill = FILL.header
  })
  for (const entity of MATCHED_ENTITIES) {
    const s = r.entities[entity]
    if (!s) continue
    const row = ws.addRow([
      entity,
      s.source,
      s.matched,
      s.mismatched,
      s.missing,
      s.extra,
      s.matchRate,
      s.byMethod.idMap,
      s.byMethod.marker,
      s.byMethod.heuristic,
      excelMoney(s.sourceTotal),
      excelMoney(s.qboTotal),
      excelMoney(new D(s.qboTotal).minus(s.sourceTotal)),
    ])
    row.getCell(7).numFmt = PERCENT
    for (const c of [11, 12, 13]) row.getCell(c).numFmt = MONEY
    if (s.mismatched + s.missing + s.extra > 0) row.getCell(1).fill = FILL.fail
  }
  ws.addRow([])
  const checks = ws.addRow(['Balance check', 'Rows', 'Variance', 'Status'])
  checks.eachCell((c) => {
    c.font = {bold: true}
    c.fill = FILL.header
  })
  const balance = (name: string, rows: number, variance: {toFixed(dp: number): string}, ok: boolean) => {
    const row = ws.addRow([name, rows, excelMoney(variance), ok ? 'agrees' : 'differs'])
    row.getCell(3).numFmt = MONEY
    row.getCell(4).fill = ok ? FILL.pass : FILL.fail
  }
  balance(
    'Trial balance (accounts)',
    report.trialBalance.accounts,
    report.trialBalance.variance,
    report.trialBalance.withinTolerance,
  )
  balance(
    'AR aging (customers)',
    report.receivables.contacts,
    report.receivables.variance,
    report.receivables.withinTolerance,
  )
  balance(
    'AP aging (vendors)',
    report.payables.contacts,
    report.payables.variance,
    report.payables.withinTolerance,
  )
  ws.addRow([])
  ws.addRow([pass ? 'Nothing outside tolerance.' : 'Outside tolerance:']).font = {bold: true}
  for (const reason of r.failures) ws.addRow(['', reason])
  for (const u of report.unreadable) ws.addRow(['', `Unreadable QBO ${u.entity} ${u.id}: ${u.problem}`])
  ws.commit()
}
