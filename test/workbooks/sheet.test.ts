import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'

import ExcelJS from 'exceljs'

import {writeTableSheet} from '../../src/workbooks/sheet.js'
import {FILL} from '../../src/workbooks/style.js'

test('writeTableSheet: the house header frozen and filtered, every row, styles and the status highlight', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheet-'))
  try {
    const file = join(dir, 'out.xlsx')
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useStyles: true})
    const count = writeTableSheet(
      wb,
      {
        name: 'Orders',
        columns: [
          {header: 'Status', key: 'status', width: 10},
          {header: 'Order', key: 'order', width: 10},
          {header: 'Total', key: 'total', width: 12, kind: 'money'},
        ],
        style: (row) => (row.getCell(3).fill = FILL.warn),
        highlight: ['differs'],
      },
      [
        ['agrees', '#1001', 10.5],
        ['differs', '#1002', 7],
      ],
    )
    await wb.commit()
    assert.equal(count, 2)

    const read = new ExcelJS.Workbook()
    await read.xlsx.readFile(file)
    const ws = read.getWorksheet('Orders')!
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['Status', 'Order', 'Total'])
    assert.equal(ws.getRow(1).getCell(1).font?.bold, true)
    assert.equal(ws.views[0]?.state, 'frozen')
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['differs', '#1002', 7])
    assert.equal(ws.getRow(2).getCell(3).numFmt, '#,##0.00')
    assert.deepEqual(
      (ws.getRow(2).getCell(3).fill as ExcelJS.FillPattern).fgColor,
      (FILL.warn as ExcelJS.FillPattern).fgColor,
    )
    const rules = (ws as unknown as {conditionalFormattings?: {ref: string}[]}).conditionalFormattings ?? []
    assert.equal(rules[0]?.ref, 'A2:C3')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test('writeTableSheet: an in-memory workbook, rows written from records, styled from the record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheet-'))
  try {
    const file = join(dir, 'out.xlsx')
    const wb = new ExcelJS.Workbook()
    const records = [
      {sku: 'A1', cost: 2.5, flagged: false},
      {sku: 'B2', cost: 3, flagged: true},
    ]
    const count = writeTableSheet(
      wb,
      {
        name: 'Items',
        columns: [
          {header: 'SKU', key: 'sku', width: 10},
          {header: 'Cost', key: 'cost', width: 12, numFmt: '#,##0.00###'},
        ],
        cells: (r) => [r.sku, r.cost],
        style: (row, r) => {
          if (r.flagged) row.getCell(1).fill = FILL.warn
        },
      },
      records,
    )
    assert.equal(count, 2)
    await wb.xlsx.writeFile(file)

    const read = new ExcelJS.Workbook()
    await read.xlsx.readFile(file)
    const ws = read.getWorksheet('Items')!
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['B2', 3])
    assert.equal(ws.views[0]?.state, 'frozen')
    assert.ok(ws.autoFilter)
    assert.equal(ws.getRow(2).getCell(2).numFmt, '#,##0.00###')
    assert.notEqual(ws.getRow(1).getCell(2).numFmt, '#,##0.00###', 'the header is text, whatever its column')
    assert.equal(ws.getRow(2).getCell(1).fill, undefined)
    assert.deepEqual(
      (ws.getRow(3).getCell(1).fill as ExcelJS.FillPattern).fgColor,
      (FILL.warn as ExcelJS.FillPattern).fgColor,
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})
