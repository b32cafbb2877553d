import assert from 'node:assert/strict'
import {join} from 'node:path'
import {it} from 'node:test'

import ExcelJS from 'exceljs'

import {writeWorkbook} from '../../src/extracts/output/xlsx.js'
import {tempDir} from '../helpers/temp.js'

it('an extract sheet: frozen filtered house header, formats by column kind, real numbers and dates, sections grouped and bold', async (t) => {
  const file = join(tempDir(t), 'extract.xlsx')
  await writeWorkbook(file, [
    {
      name: 'P&L',
      columns: [
        {name: 'Account', kind: 'text'},
        {name: 'Amount', kind: 'money'},
        {name: 'Qty', kind: 'quantity'},
        {name: 'Date', kind: 'date'},
      ],
      rows: [
        {values: ['Income', '', '', ''], style: 'section'},
        {values: ['Sales', '1234.5', '2.125', '2025-03-31'], level: 1},
        {values: ['Note', 'n/a', 3, ''], level: 9},
      ],
    },
  ])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.getWorksheet('P&L')!
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['Account', 'Amount', 'Qty', 'Date'])
  assert.equal(ws.getRow(1).getCell(2).font?.bold, true)
  assert.equal((ws.getRow(1).getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFD9E1F2')
  assert.deepEqual([ws.views[0]?.state, (ws.views[0] as {ySplit?: number}).ySplit], ['frozen', 1])
  assert.ok(ws.autoFilter)
  assert.deepEqual(
    [1, 2, 3, 4].map((c) => ws.getColumn(c).width),
    [18, 12, 12, 12],
  )
  assert.deepEqual(
    [2, 3, 4].map((c) => ws.getColumn(c).numFmt),
    ['#,##0.00', '#,##0.####', 'yyyy-mm-dd'],
  )
  const sales = ws.getRow(3)
  assert.deepEqual([sales.getCell(2).value, sales.getCell(3).value], [1234.5, 2.125])
  assert.equal((sales.getCell(4).value as Date).toISOString(), '2025-03-31T00:00:00.000Z')
  assert.equal(ws.getRow(4).getCell(2).value, 'n/a', 'text that is not a number stays text')
  assert.equal(ws.getRow(2).font?.bold, true, 'a section row is bold')
  assert.deepEqual(
    [2, 3, 4].map((n) => ws.getRow(n).outlineLevel ?? 0),
    [0, 1, 7],
  )
  assert.equal(ws.properties.outlineProperties?.summaryBelow, true)
})
