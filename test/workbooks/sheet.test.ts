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
