// Renders the Summary sheet of a reconciliation workbook to a PNG for the README:
//   node --import tsx scripts/render-summary.ts demo-out/reconciliation.xlsx docs/img/reconciliation-summary.png
// Reads the cells with exceljs, lays them out as an HTML table (values, bold, fills) and screenshots it in
// Debian's headless Chromium through playwright-core (never a downloaded browser).
import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'

import ExcelJS from 'exceljs'
import {chromium} from 'playwright-core'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: render-summary.ts WORKBOOK.xlsx OUT.png')
  process.exit(2)
}

const wb = new ExcelJS.Workbook()
await wb.xlsx.readFile(input)
const ws = wb.getWorksheet('Summary')
if (!ws) throw new Error(`${input} has no Summary sheet`)

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const text = (cell: ExcelJS.Cell): string => {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'number')
    return cell.numFmt?.includes('%')
      ? `${(v * 100).toFixed(1)}%`
      : v.toLocaleString('en-AU', {minimumFractionDigits: cell.numFmt?.includes('0.00') ? 2 : 0})
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '')
  return String(v)
}
const rows: string[] = []
ws.eachRow({includeEmpty: true}, (row, r) => {
  if (r > 40) return
  const cells: string[] = []
  const last = Math.min(ws.columnCount, 8)
  for (let c = 1; c <= last; c++) {
    const cell = row.getCell(c)
    // A merged range is drawn once, across its columns (exceljs gives every cell of it the master's value).
    if (cell.isMerged && cell.master.address !== cell.address) continue
    let span = 1
    while (
      c + span <= last &&
      row.getCell(c + span).isMerged &&
      row.getCell(c + span).master.address === cell.address
    )
      span++
    const fill = cell.fill as {fgColor?: {argb?: string}} | undefined
    const bg = fill?.fgColor?.argb ? `background:#${fill.fgColor.argb.slice(-6)};` : ''
    const bold = cell.font?.bold ? 'font-weight:600;' : ''
    const align = typeof cell.value === 'number' ? 'text-align:right;' : ''
    cells.push(`<td colspan="${span}" style="${bg}${bold}${align}">${escape(text(cell))}</td>`)
  }
  rows.push(`<tr>${cells.join('')}</tr>`)
})
const html = `<!doctype html><meta charset="utf-8"><style>
body{font:13px Calibri,Arial,sans-serif;margin:12px;background:#fff}
table{border-collapse:collapse}td{border:1px solid #d0d7de;padding:3px 8px;max-width:900px}
caption{text-align:left;font-weight:600;padding-bottom:6px}</style>
<table><caption>reconciliation.xlsx — Summary</caption>${rows.join('')}</table>`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  const page = await browser.newPage({viewport: {width: 1000, height: 600}})
  await page.setContent(html)
  mkdirSync(dirname(output), {recursive: true})
  await (await page.$('table'))!.screenshot({path: output})
  console.log(`wrote ${output}`)
} finally {
  await browser.close()
}
