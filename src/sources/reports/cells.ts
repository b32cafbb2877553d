import {readFile} from 'node:fs/promises'

import {parse} from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'

import {stripBom} from '../files/decode.js'
import {fileError} from '../files/errors.js'

/** A report file as a grid of trimmed cell texts, 1-based `line` per row (the spreadsheet row or text line). */
export interface Grid {
  path: string
  format: 'xlsx' | 'csv' | 'tab'
  rows: {line: number; cells: string[]}[]
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** Whether the bytes are an xlsx (a zip), as Xero's and MYOB's Excel exports are. */
export function isXlsx(head: Buffer): boolean {
  return head.subarray(0, 4).equals(ZIP_MAGIC)
}

/**
 * Reads a report export, XLSX or delimited text, into a grid. Report files are small (a row per account or
 * contact), so they are read whole. Text is decoded like the other exports: a BOM decides, else UTF-8 when
 * valid, else windows-1252; tab-delimited when the text has tabs, else comma-separated.
 */
export async function readGrid(path: string, bytes?: Buffer): Promise<Grid> {
  const raw = bytes ?? (await readFile(path))
  if (isXlsx(raw)) return readXlsx(path, raw)
  const text = decodeText(raw)
  const tab = /\t/.test(text.slice(0, 4096))
  let records: string[][]
  try {
    records = parse(text, {
      delimiter: tab ? '\t' : ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][]
  } catch (error) {
    throw fileError({file: path}, `unreadable report text: ${(error as Error).message}`)
  }
  return {
    path,
    format: tab ? 'tab' : 'csv',
    rows: records.map((cells, i) => ({line: i + 1, cells: cells.map((c) => c.trim())})),
  }
}

function decodeText(raw: Buffer): string {
  if (raw[0] === 0xff && raw[1] === 0xfe) return stripBom(iconv.decode(raw, 'utf16le'))
  if (raw[0] === 0xfe && raw[1] === 0xff) return stripBom(iconv.decode(raw, 'utf16be'))
  try {
    return stripBom(new TextDecoder('utf-8', {fatal: true}).decode(raw))
  } catch {
    return iconv.decode(raw, 'windows-1252')
  }
}

async function readXlsx(path: string, raw: Buffer): Promise<Grid> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(raw as unknown as ArrayBuffer)
  } catch (error) {
    throw fileError({file: path}, `unreadable Excel workbook: ${(error as Error).message}`)
  }
  // The report is on the first sheet that has any cell (an export may carry an empty sheet first).
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0) ?? wb.worksheets[0]
  const rows: Grid['rows'] = []
  sheet?.eachRow({includeEmpty: true}, (row, line) => {
    const cells: string[] = []
    row.eachCell({includeEmpty: true}, (cell, col) => {
      cells[col - 1] = cellText(cell.value)
    })
    rows.push({line, cells: Array.from(cells, (c) => c ?? '')})
  })
  return {path, format: 'xlsx', rows}
}

/**
 * A cell's value as text: numbers in plain decimal notation (a stored 1234.5 is "1234.5"), a formula by its
 * cached result (Xero's new-style exports hold formulas whose cached value may read 0.00: totals are never
 * trusted, only account and contact rows), dates as YYYY-MM-DD, rich text joined.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return plainNumber(value)
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as {result?: ExcelJS.CellValue}).result ?? null)
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim()
    if ('text' in value) return String((value as {text: unknown}).text).trim()
    if ('error' in value) return ''
  }
  return ''
}

function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return ''
  const s = String(n)
  return /e/i.test(s) ? n.toFixed(10).replace(/\.?0+$/, '') : s
}
