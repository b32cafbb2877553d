import type ExcelJS from 'exceljs'

import {shown} from '../../load/payload-diff.js'
import type {Plan} from '../../load/plan.js'
import {FILL, fillRow, FROZEN_HEADER, table, type Column} from '../style.js'
import {readableDetail} from './fields.js'

export const BLOCKED_COLUMNS: readonly Column[] = [
  {header: 'Entity', key: 'entity', width: 14},
  {header: 'Source id', key: 'sourceId', width: 24},
  {header: 'Label', key: 'label', width: 36},
  {header: 'Code', key: 'code', width: 26},
  {header: 'Message', key: 'message', width: 70},
  {header: 'Fix', key: 'fix', width: 70},
]

/** One row per issue of a blocked record; the Fix column is what the accountant acts on. */
export function writeBlocked(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const ws = wb.addWorksheet('Blocked', FROZEN_HEADER)
  table(ws, BLOCKED_COLUMNS)
  ws.getRow(1).commit()
  for (const r of plan.records) {
    if (r.action !== 'blocked') continue
    for (const i of r.issues) {
      const row = ws.addRow([r.entity, r.sourceId, r.label, i.code, i.message, i.fix])
      fillRow(row, BLOCKED_COLUMNS.length - 1, FILL.fail)
      row.getCell(BLOCKED_COLUMNS.length).fill = FILL.warn
      row.getCell(BLOCKED_COLUMNS.length).alignment = {wrapText: true, vertical: 'top'}
      row.commit()
    }
  }
  ws.commit()
}

export const DECISION_COLUMNS: readonly Column[] = [
  {header: 'Entity', key: 'entity', width: 14},
  {header: 'Source id', key: 'sourceId', width: 24},
  {header: 'Label', key: 'label', width: 36},
  {header: 'Code', key: 'code', width: 28},
  {header: 'What the tool did', key: 'message', width: 70},
  {header: 'Detail', key: 'detail', width: 60},
]

export function writeDecisions(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const ws = wb.addWorksheet('Decisions', FROZEN_HEADER)
  table(ws, DECISION_COLUMNS)
  ws.getRow(1).commit()
  for (const r of plan.records) {
    for (const d of r.decisions) {
      ws.addRow([r.entity, r.sourceId, r.label, d.code, d.message, readableDetail(d.detail)]).commit()
    }
  }
  ws.commit()
}

export const CORRECTION_COLUMNS: readonly Column[] = [
  {header: 'Entity', key: 'entity', width: 14},
  {header: 'Source id', key: 'sourceId', width: 24},
  {header: 'Label', key: 'label', width: 36},
  {header: 'QBO id', key: 'qboId', width: 10},
  {header: 'Field', key: 'field', width: 22},
  {header: 'As loaded', key: 'before', width: 40},
  {header: 'As mapped now', key: 'after', width: 40},
]

/**
 * Loaded records the current mapping or source maps differently, field by field: what
 * `qbo migrate load --update` would change in QBO (docs/corrections.md).
 */
export function writeCorrections(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan): void {
  const ws = wb.addWorksheet('Corrections', FROZEN_HEADER)
  table(ws, CORRECTION_COLUMNS)
  ws.getRow(1).commit()
  for (const r of plan.records) {
    for (const c of r.changes ?? []) {
      const row = ws.addRow([
        r.entity,
        r.sourceId,
        r.label,
        r.qboId ?? '',
        c.field,
        shown(c.before),
        shown(c.after),
      ])
      row.getCell(7).fill = FILL.warn
      row.commit()
    }
  }
  ws.commit()
}
