import ExcelJS from 'exceljs'

import type {Decision} from '../../staging/decisions.js'
import {writeAtomically} from '../../workbooks/atomic.js'
import {
  FILL,
  FROZEN_HEADER,
  excelDate,
  excelMoney,
  fillRow,
  headerRow,
  statusHighlight,
  table,
} from '../../workbooks/style.js'
import type {StoreReconciliation} from './reconcile.js'

type Book = ExcelJS.stream.xlsx.WorkbookWriter

/**
 * One store's reconciliation for the accountant (house style of src/workbooks/style.ts): Summary with the
 * totals per currency side by side, one row per order, what differs, every QBO document the sync keeps, and
 * documents QBO holds that the sync does not (duplicates or strays), then the decisions the sync took.
 */
export async function writeShopifyWorkbook(
  file: string,
  r: StoreReconciliation,
  decisions: readonly Decision[],
): Promise<void> {
  await writeAtomically(file, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useStyles: true,
      useSharedStrings: false,
    })
    wb.creator = 'qbo-toolkit'
    summary(wb, r)
    orders(wb, r)
    differences(wb, r)
    documents(wb, r)
    extra(wb, r)
    decisionSheet(wb, decisions)
    await wb.commit()
  })
}

function summary(wb: Book, r: StoreReconciliation): void {
  const ws = wb.addWorksheet('Summary')
  ws.columns = [{width: 28}, {width: 16}, {width: 16}, {width: 16}, {width: 16}]
  const pass = r.differ + r.notPosted + r.extra.length === 0
  ws.addRow(['Shopify reconciliation', r.shop]).font = {bold: true}
  ws.addRow(['DocNumber prefix', r.prefix])
  ws.addRow(['As of', r.asOf])
  ws.addRow(['Orders', r.orders])
  ws.addRow(['Agree to the cent', r.agree])
  ws.addRow(['Differ', r.differ])
  ws.addRow(['Not posted', r.notPosted])
  ws.addRow(['QBO documents the sync does not know', r.extra.length])
  const verdict = ws.addRow(['Result', pass ? 'AGREES' : 'DIFFERS'])
  fillRow(verdict, 2, pass ? FILL.pass : FILL.fail)
  ws.addRow([])
  for (const t of r.totals) {
    headerRow(ws.addRow([`${t.currency} (${t.orders} orders)`, 'Shopify', 'QBO', 'Difference']))
    for (const [label, s, q] of [
      ['Current total', t.shopify.currentTotal, t.qbo.currentTotal],
      ['Received', t.shopify.received, t.qbo.received],
      ['Refunded', t.shopify.refunded, t.qbo.refunded],
      ['Outstanding / balance', t.shopify.outstanding, t.qbo.balance],
    ] as const) {
      const diff = Number(s) - Number(q)
      const row = ws.addRow([label, excelMoney(s), excelMoney(q), Number(diff.toFixed(2))])
      for (const c of [2, 3, 4]) row.getCell(c).numFmt = '#,##0.00'
      row.getCell(4).fill = Math.abs(diff) < 0.005 ? FILL.pass : FILL.fail
    }
    ws.addRow([])
  }
  ws.commit()
}

function orders(wb: Book, r: StoreReconciliation): void {
  const ws = wb.addWorksheet('Orders', FROZEN_HEADER)
  table(ws, [
    {header: 'Status', key: 'status', width: 11},
    {header: 'Order', key: 'order', width: 10},
    {header: 'Order id', key: 'id', width: 16},
    {header: 'Date', key: 'date', width: 11, kind: 'date'},
    {header: 'Currency', key: 'cur', width: 9},
    {header: 'Shopify current total', key: 'st', width: 14, kind: 'money'},
    {header: 'QBO current total', key: 'qt', width: 14, kind: 'money'},
    {header: 'Shopify received', key: 'sr', width: 14, kind: 'money'},
    {header: 'QBO received', key: 'qr', width: 14, kind: 'money'},
    {header: 'Shopify refunded', key: 'sf', width: 14, kind: 'money'},
    {header: 'QBO refunded', key: 'qf', width: 14, kind: 'money'},
    {header: 'Shopify outstanding', key: 'so', width: 14, kind: 'money'},
    {header: 'QBO balance', key: 'qb', width: 14, kind: 'money'},
    {header: 'What differs', key: 'diff', width: 60},
  ])
  ws.getRow(1).commit()
  for (const o of r.rows) {
    ws.addRow([
      o.status,
      o.order,
      o.orderId,
      excelDate(o.date),
      o.currency,
      excelMoney(o.shopify.currentTotal),
      excelMoney(o.qbo.currentTotal),
      excelMoney(o.shopify.received),
      excelMoney(o.qbo.received),
      excelMoney(o.shopify.refunded),
      excelMoney(o.qbo.refunded),
      excelMoney(o.shopify.outstanding),
      excelMoney(o.qbo.balance),
      o.differences.join('; '),
    ]).commit()
  }
  statusHighlight(ws, 'N', r.rows.length + 1, ['differs', 'not posted'])
  ws.commit()
}

function differences(wb: Book, r: StoreReconciliation): void {
  const ws = wb.addWorksheet('Differences', FROZEN_HEADER)
  table(ws, [
    {header: 'Order', key: 'order', width: 10},
    {header: 'Order id', key: 'id', width: 16},
    {header: 'Currency', key: 'cur', width: 9},
    {header: 'What differs', key: 'what', width: 90},
  ])
  ws.getRow(1).commit()
  for (const o of r.rows)
    for (const d of o.differences) ws.addRow([o.order, o.orderId, o.currency, d]).commit()
  for (const x of r.extra)
    ws.addRow([
      '',
      '',
      '',
      `QBO ${x.entity} ${x.id} (${x.docNumber}, ${x.total}) carries ${x.marker} but the sync does not keep it: a duplicate or a stray`,
    ]).commit()
  ws.commit()
}

function documents(wb: Book, r: StoreReconciliation): void {
  const ws = wb.addWorksheet('QBO documents', FROZEN_HEADER)
  table(ws, [
    {header: 'Order', key: 'order', width: 10},
    {header: 'Key', key: 'key', width: 26},
    {header: 'Entity', key: 'entity', width: 14},
    {header: 'QBO id', key: 'id', width: 10},
    {header: 'DocNumber / ref', key: 'doc', width: 16},
    {header: 'Total', key: 'total', width: 13, kind: 'money'},
    {header: 'Balance / unapplied', key: 'bal', width: 13, kind: 'money'},
  ])
  ws.getRow(1).commit()
  for (const o of r.rows)
    for (const d of o.documents)
      ws.addRow([
        o.order,
        d.key,
        d.entity,
        d.id,
        d.docNumber,
        excelMoney(d.total),
        excelMoney(d.balance),
      ]).commit()
  ws.commit()
}

function extra(wb: Book, r: StoreReconciliation): void {
  const ws = wb.addWorksheet('Not kept by the sync', FROZEN_HEADER)
  table(ws, [
    {header: 'Entity', key: 'entity', width: 14},
    {header: 'QBO id', key: 'id', width: 10},
    {header: 'DocNumber / ref', key: 'doc', width: 16},
    {header: 'Total', key: 'total', width: 13, kind: 'money'},
    {header: 'Marker', key: 'marker', width: 70},
  ])
  ws.getRow(1).commit()
  for (const x of r.extra) ws.addRow([x.entity, x.id, x.docNumber, excelMoney(x.total), x.marker]).commit()
  ws.commit()
}

function decisionSheet(wb: Book, decisions: readonly Decision[]): void {
  const ws = wb.addWorksheet('Decisions', FROZEN_HEADER)
  table(ws, [
    {header: 'Order', key: 'order', width: 34},
    {header: 'Code', key: 'code', width: 24},
    {header: 'What the sync did', key: 'message', width: 100},
  ])
  ws.getRow(1).commit()
  for (const d of decisions) ws.addRow([d.sourceId, d.code, d.message]).commit()
  ws.commit()
}
