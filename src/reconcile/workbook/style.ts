import type ExcelJS from 'exceljs'

export const MONEY = '#,##0.00'
export const DATE = 'yyyy-mm-dd'
export const PERCENT = '0.00%'

const solid = (argb: string): ExcelJS.Fill => ({type: 'pattern', pattern: 'solid', fgColor: {argb}})

/** Red: outside tolerance. Amber: a difference inside tolerance (listed, not failed). Green: agrees. */
export const FILL = {
  header: solid('FFD9E1F2'),
  fail: solid('FFF8CBAD'),
  within: solid('FFFFF2CC'),
  pass: solid('FFC6EFCE'),
} as const

export interface Column {
  header: string
  key: string
  width: number
  kind?: 'money' | 'date' | 'percent' | 'int'
}

/** Column widths and formats, a bold filled header row frozen in place, and an autofilter over it. */
export function table(ws: ExcelJS.Worksheet, columns: readonly Column[]): void {
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.kind === 'money' ? {style: {numFmt: MONEY}} : {}),
    ...(c.kind === 'date' ? {style: {numFmt: DATE}} : {}),
    ...(c.kind === 'percent' ? {style: {numFmt: PERCENT}} : {}),
  }))
  const header = ws.getRow(1)
  header.eachCell((cell) => {
    cell.font = {bold: true}
    cell.fill = FILL.header
    cell.numFmt = 'General'
  })
  ws.autoFilter = {from: {row: 1, column: 1}, to: {row: 1, column: columns.length}}
}

/** Excel dates from civil dates, at UTC midnight so no time zone can move the day. */
export function excelDate(civil: string | undefined): Date | string {
  if (!civil) return ''
  const [y, m, d] = civil.split('-').map(Number) as [number, number, number]
  return Number.isFinite(y) && Number.isFinite(m) && Number.isFinite(d)
    ? new Date(Date.UTC(y, m - 1, d))
    : civil
}

/** Money reaches the sheet as a number (Excel has no decimal type); values are already rounded to 2 dp. */
export function excelMoney(text: string | {toFixed(dp: number): string} | undefined): number | string {
  if (text === undefined) return ''
  return Number(typeof text === 'string' ? text : text.toFixed(2))
}

/** Frozen header row for a streamed sheet (views must be given when the sheet is added). */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = {views: [{state: 'frozen', ySplit: 1}]}

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
