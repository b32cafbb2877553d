import ExcelJS from 'exceljs'

import {writeAtomically} from '../../io/atomic-file.js'
import {writeTableSheet} from '../../workbooks/sheet.js'
import {DATE, excelDate, MONEY} from '../../workbooks/style.js'
import type {Sheet} from './sheet.js'

export interface CoverLine {
  label: string
  value: string
}

const FORMATS: Partial<Record<string, string>> = {
  money: MONEY,
  quantity: '#,##0.####',
  number: 'General',
  date: DATE,
}

const NUMBER = /^-?\d+(\.\d+)?$/

/**
 * One workbook: an optional cover sheet (what was extracted, with which parameters, when), then a sheet per
 * table. Report sections become Excel row groups (outline levels) so they fold; amounts and quantities are
 * numbers with number formats, dates real dates; section and subtotal rows are bold.
 */
export async function writeWorkbook(file: string, sheets: Sheet[], cover?: CoverLine[]): Promise<void> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'qbo-toolkit'
  const names = new Set<string>()
  if (cover) {
    const ws = wb.addWorksheet(uniqueName('Cover', names))
    ws.columns = [
      {header: 'Item', key: 'label', width: 28},
      {header: 'Value', key: 'value', width: 90},
    ]
    ws.getRow(1).font = {bold: true}
    for (const line of cover) ws.addRow(line)
  }
  for (const sheet of sheets) {
    writeTableSheet(
      wb,
      {
        name: uniqueName(sheet.name, names),
        options: {views: [{state: 'frozen', ySplit: 1}], properties: {outlineLevelRow: 0}},
        setup: (ws) => (ws.properties.outlineProperties = {summaryBelow: true, summaryRight: false}),
        columns: sheet.columns.map((c, i) => ({
          header: c.name,
          key: `c${i + 1}`,
          width: Math.min(Math.max(c.name.length + 2, c.kind === 'text' ? 18 : 12), 50),
          ...(FORMATS[c.kind] ? {numFmt: FORMATS[c.kind]} : {}),
        })),
        cells: (r) =>
          r.values.map((v, i) => {
            const kind = sheet.columns[i]?.kind
            if (typeof v !== 'string') return v
            if ((kind === 'money' || kind === 'quantity') && NUMBER.test(v.trim())) return Number(v)
            if (kind === 'date') return excelDate(v)
            return v
          }),
        style: (row, r) => {
          if (r.level) row.outlineLevel = Math.min(r.level, 7)
          if (r.style) row.font = {bold: true}
        },
      },
      sheet.rows,
    )
  }
  await writeAtomically(file, (tmp) => wb.xlsx.writeFile(tmp))
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */
export function uniqueName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet'
  let name = base
  for (let n = 2; taken.has(name.toLowerCase()); n++)
    name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`
  taken.add(name.toLowerCase())
  return name
}
