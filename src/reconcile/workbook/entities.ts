import type ExcelJS from 'exceljs'

import type {FieldDifference, MatchedEntity, MatchedPair, QboDoc, SourceDoc} from '../docs.js'
import type {UnmatchedRow} from '../result.js'
import {writeTableSheet} from '../../workbooks/sheet.js'
import {type Column, excelDate, excelMoney, FILL} from '../../workbooks/style.js'
import {wrapColumn} from './balances.js'
import {printed} from './print.js'

export const PAIR_COLUMNS: readonly Column[] = [
  {header: 'Status', key: 'status', width: 12},
  {header: 'Matched by', key: 'method', width: 11},
  {header: 'Source id', key: 'sourceId', width: 24},
  {header: 'Source number', key: 'number', width: 16},
  {header: 'QBO Id', key: 'qboId', width: 10},
  {header: 'QBO DocNumber', key: 'docNumber', width: 16},
  {header: 'Source date', key: 'sourceDate', width: 12, kind: 'date'},
  {header: 'QBO date', key: 'qboDate', width: 12, kind: 'date'},
  {header: 'Source contact', key: 'sourceContact', width: 24},
  {header: 'QBO contact', key: 'qboContact', width: 24},
  {header: 'Source total', key: 'sourceTotal', width: 14, kind: 'money'},
  {header: 'QBO total', key: 'qboTotal', width: 14, kind: 'money'},
  {header: 'Total difference', key: 'totalDiff', width: 14, kind: 'money'},
  {header: 'Source tax', key: 'sourceTax', width: 12, kind: 'money'},
  {header: 'QBO tax', key: 'qboTax', width: 12, kind: 'money'},
  {header: 'Tax difference', key: 'taxDiff', width: 12, kind: 'money'},
  {header: 'Source lines', key: 'sourceLines', width: 8},
  {header: 'QBO lines', key: 'qboLines', width: 8},
  {header: 'Source balance', key: 'sourceBalance', width: 14, kind: 'money'},
  {header: 'QBO balance', key: 'qboBalance', width: 14, kind: 'money'},
  {header: 'Balance difference', key: 'balanceDiff', width: 14, kind: 'money'},
  {header: 'Differences', key: 'notes', width: 40},
]

/** Which cells light up for a differing field (1-based columns of PAIR_COLUMNS). */
const FIELD_CELLS: Record<FieldDifference['field'], number[]> = {
  date: [8],
  contact: [10],
  total: [12, 13],
  tax: [15, 16],
  lineCount: [18],
  balance: [20, 21],
}

/** The difference cell: QBO minus source when they differ, 0 when both sides have the amount, blank otherwise. */
function diffCell(p: MatchedPair, field: 'total' | 'tax' | 'balance', bothPresent: boolean): number | string {
  const d = p.differences.find((x) => x.field === field)
  return d?.difference !== undefined ? excelMoney(d.difference) : bothPresent ? 0 : ''
}

/** One sheet per entity: every matched pair side by side, differing cells filled, mismatched rows highlighted. */
export function writeEntitySheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  entity: MatchedEntity,
  pairs: readonly MatchedPair[],
  qboContact: (q: QboDoc) => string,
): void {
  writeTableSheet(
    wb,
    {
      name: entity,
      options: printed(),
      columns: PAIR_COLUMNS,
      setup: (ws) => wrapColumn(ws, PAIR_COLUMNS.length),
      cells: (p) => {
        const s = p.source
        const q = p.qbo
        return [
          p.status,
          p.method,
          s.sourceId,
          s.numbers[0] ?? '',
          q.id,
          q.docNumber ?? '',
          excelDate(s.date),
          excelDate(q.date),
          s.contactName ?? s.contactId ?? '',
          qboContact(q),
          excelMoney(s.total),
          excelMoney(q.total),
          diffCell(p, 'total', true),
          excelMoney(s.tax),
          excelMoney(q.tax),
          diffCell(p, 'tax', s.tax !== undefined && q.tax !== undefined),
          s.lineCount,
          q.lineCount,
          excelMoney(s.balance),
          excelMoney(q.balance),
          diffCell(p, 'balance', s.balance !== undefined && q.balance !== undefined),
          p.differences.map(describe).join('; '),
        ]
      },
      style: (row, p) => {
        for (const d of p.differences) {
          for (const c of FIELD_CELLS[d.field])
            row.getCell(c).fill = d.withinTolerance ? FILL.warn : FILL.fail
        }
        if (p.status === 'mismatched') row.getCell(1).fill = FILL.fail
      },
      highlight: ['mismatched'],
    },
    pairs,
  )
}

function describe(d: FieldDifference): string {
  const diff = d.difference ? ` (${d.difference})` : ''
  return `${d.field}: source ${d.source}, QBO ${d.qbo}${diff}${d.withinTolerance ? ' within tolerance' : ''}`
}

const UNMATCHED_COLUMNS: readonly Column[] = [
  {header: 'Side', key: 'side', width: 16},
  {header: 'Entity', key: 'entity', width: 14},
  {header: 'Id', key: 'id', width: 24},
  {header: 'Number', key: 'number', width: 16},
  {header: 'Date', key: 'date', width: 12, kind: 'date'},
  {header: 'Contact', key: 'contact', width: 26},
  {header: 'Total', key: 'total', width: 14, kind: 'money'},
  {header: 'Reason', key: 'reason', width: 56},
]

/**
 * Source documents with no QBO record ("missing"), QBO records with no source ("extra"), and what the source
 * had that this migration does not carry by design ("not migrated", with the reason: a route that cannot
 * carry payments, or a document settled before the conversion date).
 */
export function writeUnmatched(wb: ExcelJS.stream.xlsx.WorkbookWriter, rows: readonly UnmatchedRow[]): void {
  writeTableSheet(
    wb,
    {
      name: 'Unmatched',
      options: printed(),
      columns: UNMATCHED_COLUMNS,
      setup: (ws) => wrapColumn(ws, UNMATCHED_COLUMNS.length),
      cells: (u) => {
        const source = u.side !== 'qbo' ? (u.doc as SourceDoc) : undefined
        const qbo = u.side === 'qbo' ? (u.doc as QboDoc) : undefined
        return [
          u.side === 'not migrated' ? 'not migrated' : source ? 'missing in QBO' : 'extra in QBO',
          u.doc.entity,
          source ? source.sourceId : qbo!.id,
          source ? (source.numbers[0] ?? '') : (qbo!.docNumber ?? ''),
          excelDate(u.doc.date),
          source
            ? (source.contactName ?? source.contactId ?? '')
            : (qbo!.contactName ?? qbo!.contactId ?? ''),
          excelMoney(u.doc.total),
          u.reason,
        ]
      },
      style: (row, u) => (row.getCell(1).fill = u.side === 'not migrated' ? FILL.warn : FILL.fail),
    },
    rows,
  )
}
