import type ExcelJS from 'exceljs'

import {shown} from '../../load/payload-diff.js'
import type {Plan} from '../../load/plan.js'
import {writeTableSheet} from '../sheet.js'
import {FILL, fillRow, type Column} from '../style.js'
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
  const fix = BLOCKED_COLUMNS.length
  writeTableSheet(
    wb,
    {
      name: 'Blocked',
      columns: BLOCKED_COLUMNS,
      style: (row) => {
        fillRow(row, fix - 1, FILL.fail)
        row.getCell(fix).fill = FILL.warn
        row.getCell(fix).alignment = {wrapText: true, vertical: 'top'}
      },
    },
    plan.records.flatMap((r) =>
      r.action === 'blocked'
        ? r.issues.map((i) => [r.entity, r.sourceId, r.label, i.code, i.message, i.fix])
        : [],
    ),
  )
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
  writeTableSheet(
    wb,
    {name: 'Decisions', columns: DECISION_COLUMNS},
    plan.records.flatMap((r) =>
      r.decisions.map((d) => [r.entity, r.sourceId, r.label, d.code, d.message, readableDetail(d.detail)]),
    ),
  )
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
  writeTableSheet(
    wb,
    {name: 'Corrections', columns: CORRECTION_COLUMNS, style: (row) => (row.getCell(7).fill = FILL.warn)},
    plan.records.flatMap((r) =>
      (r.changes ?? []).map((c) => [
        r.entity,
        r.sourceId,
        r.label,
        r.qboId ?? '',
        c.field,
        shown(c.before),
        shown(c.after),
      ]),
    ),
  )
}
