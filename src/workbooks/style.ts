import type ExcelJS from 'exceljs'

/**
 * The house style of every workbook the accountant gets (preview, mapping, reconciliation): a bold filled
 * header row frozen in place with an autofilter, set widths, money and dates as real numbers.
 */
export const MONEY = '#,##0.00'
export const DATE = 'yyyy-mm-dd'
export const PERCENT = '0.00%'

const solid = (argb: string): ExcelJS.Fill => ({type: 'pattern', pattern: 'solid', fgColor: {argb}})

/**
 * Red: cannot go / outside tolerance. Amber: worth a look / a difference inside tolerance. Green: fine, agrees.
 * Blue-grey: headers. Yellow: edit here.
 */
export const FILL = {
  header: solid('FFD9E1F2'),
  fail: solid('FFF8CBAD'),
  warn: solid('FFFFF2CC'),
  pass: solid('FFC6EFCE'),
  edit: solid('FFFFFFE0'),
} as const

export interface Column {
  header: string
  key: string
  width: number
  kind?: 'money' | 'date' | 'percent' | 'int'
  /** A number format of the column's own (a quantity, a cost to 4 places), in place of its kind's. */
  numFmt?: string
}

const KIND_FORMAT: Record<NonNullable<Column['kind']>, string | undefined> = {
  money: MONEY,
  date: DATE,
  percent: PERCENT,
  int: undefined,
}

/** Column widths and formats, a bold filled header row, and an autofilter over it. */
export function table(ws: ExcelJS.Worksheet, columns: readonly Column[]): void {
  ws.columns = columns.map((c) => {
    const numFmt = c.numFmt ?? KIND_FORMAT[c.kind ?? 'int']
    return {header: c.header, key: c.key, width: c.width, ...(numFmt ? {style: {numFmt}} : {})}
  })
  const header = ws.getRow(1)
  header.eachCell((cell) => {
    cell.font = {bold: true}
    cell.fill = FILL.header
    cell.numFmt = 'General'
  })
  ws.autoFilter = {from: {row: 1, column: 1}, to: {row: 1, column: Math.max(columns.length, 1)}}
}

/** Frozen header row (a streamed sheet takes its views when it is added). */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = {views: [{state: 'frozen', ySplit: 1}]}

/** Excel dates from civil dates, at UTC midnight so no time zone can move the day. */
export function excelDate(civil: string | undefined): Date | string {
  if (!civil) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(civil)
  if (!m) return civil
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
}

/** Fills every cell of a row up to `columns` (a row fill alone skips cells that are still empty). */
export function fillRow(row: ExcelJS.Row, columns: number, fill: ExcelJS.Fill): void {
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = fill
}

/** A bold filled header row in the middle of a sheet (Summary's tables). */
export function headerRow(row: ExcelJS.Row): void {
  row.eachCell((c) => {
    c.font = {bold: true}
    c.fill = FILL.header
  })
}

/** Money reaches the sheet as a number (Excel has no decimal type); values are already rounded to 2 dp. */
export function excelMoney(text: string | {toFixed(dp: number): string} | undefined): number | string {
  if (text === undefined) return ''
  return Number(typeof text === 'string' ? text : text.toFixed(2))
}

/** A row-wide conditional fill driven by the status in column A. */
export function statusHighlight(
  ws: ExcelJS.Worksheet,
  lastColumn: string,
  lastRow: number,
  failing: string[],
) {
  if (lastRow < 2) return
  ws.addConditionalFormatting({
    ref: `A2:${lastColumn}${lastRow}`,
    rules: failing.map((status, i) => ({
      type: 'expression',
      priority: i + 1,
      formulae: [`$A2="${status}"`],
      style: {fill: {type: 'pattern', pattern: 'solid', bgColor: {argb: 'FFFCE4D6'}}},
    })),
  })
}
