import type ExcelJS from 'exceljs'

import {type Column, FROZEN_HEADER, statusHighlight, table} from './style.js'

/** A streamed workbook (reconciliation, preview: a large company's registers) or one built in memory. */
export type Book = ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook

/** A table sheet: its name, columns and what is special about it. `T` is what each row is written from. */
export type TableSheet<T = readonly unknown[]> = {
  name: string
  columns: readonly Column[]
  /** Worksheet options (views, print setup); the frozen header row when absent. */
  options?: Partial<ExcelJS.AddWorksheetOptions>
  /** After the header is laid out and before it is committed: wrap a column, widen one … */
  setup?: (ws: ExcelJS.Worksheet) => void
  /** Each row as it is added, before it is committed, with what it was written from: fills, formats, drop-downs. */
  style?: (row: ExcelJS.Row, record: T) => void
  /** Statuses (column A) whose rows light up red (statusHighlight). */
  highlight?: readonly string[]
} & (T extends readonly unknown[]
  ? {cells?: (record: T) => readonly unknown[]}
  : {/** The row's cells in column order. */ cells: (record: T) => readonly unknown[]})

/**
 * The one sequence of every table sheet (preview, reconciliation, mapping, price diff, extracts): add the
 * sheet, lay out the house header (style.ts `table`), commit it, commit each row as it is written, so that a
 * register of a large company never sits in memory, then the highlight and the sheet. Returns the data rows.
 */
export function writeTableSheet<T = readonly unknown[]>(
  wb: Book,
  sheet: TableSheet<T>,
  rows: Iterable<T>,
): number {
  const ws = wb.addWorksheet(sheet.name, sheet.options ?? FROZEN_HEADER)
  table(ws, sheet.columns)
  sheet.setup?.(ws)
  ws.getRow(1).commit()
  const cells = sheet.cells ?? ((record: T) => record as readonly unknown[])
  let count = 0
  for (const record of rows) {
    const row = ws.addRow([...cells(record)])
    sheet.style?.(row, record)
    row.commit()
    count++
  }
  if (sheet.highlight) {
    statusHighlight(ws, ws.getColumn(sheet.columns.length).letter, count + 1, [...sheet.highlight])
  }
  // Only a streamed sheet is committed (an in-memory one has no commit, whatever its type says).
  if (typeof (ws as {commit?: unknown}).commit === 'function') ws.commit()
  return count
}
