import type ExcelJS from 'exceljs'

import type {QboEntity} from '../../domain/entities.js'
import type {PlannedRecord} from '../../load/plan.js'
import {writeTableSheet} from '../sheet.js'
import {excelDate, FILL, fillRow, type Column} from '../style.js'
import {keyFields} from './fields.js'

export const ENTITY_COLUMNS: readonly Column[] = [
  {header: 'Source id', key: 'sourceId', width: 24},
  {header: 'Label', key: 'label', width: 40},
  {header: 'Action', key: 'action', width: 10},
  {header: 'QBO id', key: 'qboId', width: 10},
  {header: 'Reason', key: 'reason', width: 50},
  {header: 'Name', key: 'name', width: 30},
  {header: 'DocNumber', key: 'docNumber', width: 22},
  {header: 'TxnDate', key: 'txnDate', width: 12, kind: 'date'},
  {header: 'Customer / vendor', key: 'party', width: 20},
  {header: 'Currency', key: 'currency', width: 9},
  {header: 'Total', key: 'total', width: 14, kind: 'money'},
  {header: 'Type / tax', key: 'detail', width: 36},
  {header: 'Issues', key: 'issues', width: 60},
  {header: 'Decisions', key: 'decisions', width: 40},
  {header: 'Load order', key: 'step', width: 11, kind: 'int'},
]

const ACTION_FILL = {
  blocked: FILL.fail,
  adopt: FILL.pass,
  update: FILL.warn,
  skip: undefined,
  create: undefined,
}

/** One sheet per QBO entity: every planned record, blocked rows filled red, adopted ones green. */
export function writeEntitySheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  entity: QboEntity,
  records: readonly PlannedRecord[],
  /** Which step of the load a record is written in, counted from 1 (a lower one is written first). */
  loadOrder: (step: number) => number = (step) => step,
): void {
  writeTableSheet(
    wb,
    {
      name: entity,
      columns: ENTITY_COLUMNS,
      cells: (r) => {
        const k = keyFields(entity, r.payload)
        return [
          r.sourceId,
          r.label,
          r.action,
          r.qboId ?? '',
          r.reason ?? '',
          k.name,
          k.docNumber,
          excelDate(k.txnDate),
          k.party,
          k.currency,
          k.total === undefined ? '' : Number(k.total),
          k.detail,
          r.issues.map((i) => `${i.code}: ${i.message}`).join('; '),
          r.decisions.map((d) => d.code).join(', '),
          loadOrder(r.step),
        ]
      },
      style: (row, r) => {
        const fill = ACTION_FILL[r.action]
        if (fill) fillRow(row, ENTITY_COLUMNS.length, fill)
      },
    },
    records,
  )
}
