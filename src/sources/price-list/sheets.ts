import {parse} from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'

import {UserInputError} from '../../domain/errors.js'
import {cellText} from './cells.js'

/** One sheet of a price list (a CSV file is one sheet): rows of cell text, 0-based, row 0 is row 1. */
export interface Sheet {
  name: string
  rows: string[][]
}

export type PriceFileType = 'csv' | 'xlsx'

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])
const PDF = Buffer.from('%PDF')

/** The extensions a price list may have; the content must agree (an xlsx is a zip, a CSV is text). */
export const PRICE_FILE_EXTENSIONS = ['.csv', '.txt', '.tsv', '.xlsx'] as const

function refuse(fileName: string, reason: string, next: string): UserInputError {
  return new UserInputError(`${fileName}: ${reason}`, {next, data: {file: fileName, reason}})
}

/**
 * What a file is, from its name and its first bytes. Refuses, with what to do instead, the formats people
 * drop by mistake: an old .xls, a PDF, a zip that is not a workbook.
 */
export function priceFileType(fileName: string, bytes: Uint8Array): PriceFileType {
  const head = Buffer.from(bytes.subarray(0, 8))
  const ext = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0] ?? ''
  const saveAs = 'Open it in Excel and save it as .xlsx or CSV, then drop that file.'
  if (bytes.length === 0) throw refuse(fileName, 'the file is empty', 'Check you picked the right file.')
  if (head.subarray(0, 4).equals(OLE))
    throw refuse(fileName, 'this is an old Excel .xls workbook, which the tool does not read', saveAs)
  if (head.subarray(0, 4).equals(PDF))
    throw refuse(
      fileName,
      'this is a PDF; a price list has to be a spreadsheet',
      'Ask the supplier for the list as Excel or CSV.',
    )
  if (head.subarray(0, 4).equals(ZIP)) {
    if (ext !== '.xlsx')
      throw refuse(fileName, `a zip file named ${ext || 'without an extension'} is not a workbook`, saveAs)
    return 'xlsx'
  }
  if (ext === '.xlsx') throw refuse(fileName, 'the file is named .xlsx but is not an Excel workbook', saveAs)
  if (!(PRICE_FILE_EXTENSIONS as readonly string[]).includes(ext))
    throw refuse(
      fileName,
      `${ext || 'a file without an extension'} is not a price list the tool reads`,
      saveAs,
    )
  return 'csv'
}

/** Reads every sheet of a CSV or XLSX price list as rows of text. */
export async function readSheets(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  return priceFileType(fileName, bytes) === 'xlsx'
    ? readWorkbook(fileName, bytes)
    : [{name: fileName, rows: readCsv(fileName, bytes)}]
}

async function readWorkbook(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  } catch (error) {
    throw refuse(
      fileName,
      `the workbook could not be read (${(error as Error).message})`,
      'Open it in Excel and save it again as .xlsx, then drop that file.',
    )
  }
  const sheets: Sheet[] = []
  wb.eachSheet((ws) => {
    const rows: string[][] = []
    ws.eachRow({includeEmpty: false}, (row, rowNumber) => {
      const cells: string[] = []
      row.eachCell({includeEmpty: false}, (cell, col) => {
        // A merged range holds its value in its top-left cell only; the others would repeat a title.
        if (cell.isMerged && cell.master !== cell) return
        cells[col - 1] = cellText(cell.value)
      })
      rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '')
    })
    sheets.push({name: ws.name, rows: Array.from(rows, (r) => r ?? [])})
  })
  if (sheets.length === 0)
    throw refuse(fileName, 'the workbook has no sheets', 'Check you picked the right file.')
  return sheets
}

function readCsv(fileName: string, bytes: Uint8Array): string[][] {
  const text = decodeText(fileName, Buffer.from(bytes))
  try {
    return parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][]
  } catch (error) {
    const e = error as Error & {lines?: number}
    throw refuse(
      fileName,
      `the CSV could not be read${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`,
      'Open it in Excel and save it again as CSV (or as .xlsx), then drop that file.',
    )
  }
}

/**
 * Text from bytes: a BOM decides; otherwise UTF-8 when the bytes are valid UTF-8, else windows-1252 (what
 * Excel on Windows writes). NUL bytes mean it is not text at all (UTF-16 without a BOM, a binary file).
 */
export function decodeText(fileName: string, bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8')
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be')
  if (bytes.includes(0))
    throw refuse(
      fileName,
      'the file is not text (it holds NUL bytes)',
      'Save it from Excel as "CSV UTF-8" or as .xlsx, then drop that file.',
    )
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    return iconv.decode(bytes, 'windows-1252')
  }
}

/** Comma, semicolon or tab: whichever splits the first lines most consistently. */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 30).filter((l) => l.trim() !== '')
  let best = ','
  let bestScore = 0
  for (const d of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(d).length - 1).filter((n) => n > 0)
    const score = counts.length * Math.min(...counts, 99)
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}
