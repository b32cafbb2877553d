import type ExcelJS from 'exceljs'

import {type Column, FROZEN_HEADER, statusHighlight, table} from './style.js'

/** A table sheet of a streamed workbook: its name, columns and what is special about it. */
export interface TableSheet {
  name: string
  columns: readonly Column[]
  /** Worksheet options (views, print setup); the frozen header row when absent. */
  options?: Partial<ExcelJS.AddWorksheetOptions>
  /** After the header is laid out and before it is committed: wrap a column, widen one … */
  setup?: (ws: ExcelJS.Worksheet) => void
  /** Each row as it is added, before it is committed: fills, alignment. */
  style?: (row: ExcelJS.Row) => void
  /** Statuses (column A) whose rows light up red (statusHighlight). */
  highlight?: readonly string[]
}

/**
 * The one sequence of every streamed table sheet (preview, reconciliation, Shopify reconciliation): add the
 * sheet, lay out the house header (style.ts `table`), commit it, commit each row as it is written, so that a
 * register of a large company never sits in memory, then the highlight and the sheet. Returns the data rows.
 */
export function writeTableSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: TableSheet,
  rows: Iterable<readonly unknown[]>,
): number {
  const ws = wb.addWorksheet(sheet.name, sheet.options ?? FROZEN_HEADER)
  table(ws, sheet.columns)
  sheet.setup?.(ws)
  ws.getRow(1).commit()
  let count = 0
  for (const cells of rows) {
    const row = ws.addRow([...cells])
    sheet.style?.(row)
    row.commit()
    count++
  }
  if (sheet.highlight) {
    statusHighlight(ws, ws.getColumn(sheet.columns.length).letter, count + 1, [...sheet.highlight])
  }
  ws.commit()
  return count
}
