import type ExcelJS from 'exceljs'

import {headerKey} from './layout.js'

/** A sheet as plain data: its header texts by column and the raw cell values of every later row. */
export interface Grid {
  sheet: string
  /** Header key (headerKey) -> 1-based column; the first column with that header wins. */
  columns: Map<string, number>
  headers: string[]
  rows: {row: number; cells: unknown[]}[]
}

export function gridOf(ws: ExcelJS.Worksheet): Grid {
  const columns = new Map<string, number>()
  const headers: string[] = []
  ws.getRow(1).eachCell((cell, col) => {
    const text = typeof cell.value === 'string' ? cell.value : cell.text
    headers[col] = text
    if (!columns.has(headerKey(text))) columns.set(headerKey(text), col)
  })
  const rows: Grid['rows'] = []
  ws.eachRow((row, n) => {
    if (n === 1) return
    const cells: unknown[] = []
    row.eachCell({includeEmpty: false}, (cell, col) => (cells[col] = cell.value))
    rows.push({row: n, cells})
  })
  return {sheet: ws.name, columns, headers, rows}
}
