import {cellText, columnLetter, readCell, type Problems} from './cells.js'
import type {Grid} from './grid.js'
import {COLUMNS_OF, headerKey} from './layout.js'

export interface CellRef {
  /** Trimmed text ('' when empty or unreadable). */
  text: string
  value: string | number | boolean | Date | undefined
  row: number
  column: string
  header: string
}

/**
 * Reads a sheet by header names and reports problems against the exact cell. Returns undefined (after
 * reporting) when the sheet or one of its required headers is missing.
 */
export function sheetRows(
  grids: ReadonlyMap<string, Grid>,
  sheet: string,
  required: readonly string[],
  problems: Problems,
): {row: number; cell: (header: string) => CellRef}[] | undefined {
  const grid = [...grids.values()].find((g) => headerKey(g.sheet) === headerKey(sheet))
  if (!grid) {
    problems.add({
      sheet,
      row: 1,
      column: 'A',
      header: '',
      message: `the sheet "${sheet}" is missing (was it renamed or deleted? export a fresh workbook)`,
    })
    return undefined
  }
  let ok = true
  for (const h of required) {
    if (grid.columns.has(headerKey(h))) continue
    ok = false
    problems.add({
      sheet: grid.sheet,
      row: 1,
      column: columnLetter(exportedColumn(sheet, h) ?? grid.headers.length),
      header: h,
      message: `no column headed "${h}" in row 1`,
    })
  }
  if (!ok) return undefined
  return grid.rows.map(({row, cells}) => ({
    row,
    cell: (header: string): CellRef => {
      const col = grid.columns.get(headerKey(header))
      const shown = col === undefined ? header : (grid.headers[col] ?? header)
      const at = {row, column: col === undefined ? '?' : columnLetter(col), header: shown}
      const read = readCell(col === undefined ? undefined : cells[col])
      if (!read.ok) {
        problems.add({
          sheet: grid.sheet,
          ...at,
          message: 'the cell holds an error value or something unreadable',
        })
        return {...at, text: '', value: undefined}
      }
      return {...at, text: cellText(read.value), value: read.value}
    },
  }))
}

function exportedColumn(sheet: string, header: string): number | undefined {
  const i = (COLUMNS_OF[sheet] ?? []).findIndex((c) => c.header === header)
  return i < 0 ? undefined : i + 1
}

/** Keys compared as the reader compares names: case and spacing ignored. */
export const loose = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()
