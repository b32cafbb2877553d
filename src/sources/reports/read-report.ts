import {open} from 'node:fs/promises'

import {parse} from 'csv-parse/sync'
import iconv from 'iconv-lite'

import type {CivilDate} from '../../domain/civil-date.js'
import {REPORT_NAMES, type ReportVendor, type SourceReport} from '../../domain/source-reports.js'
import type {DateOrder} from '../files/parse-values.js'
import {fileError} from '../files/errors.js'
import {parseAgedSummary} from './aged.js'
import {type Grid, isXlsx, readGrid} from './cells.js'
import {type OtherReport, readHead, type ReportHead} from './titles.js'
import {parseTrialBalance} from './trial-balance.js'

const HEAD_BYTES = 16 * 1024

/**
 * Whether a file starts like a report export (its title rows name a trial balance or an aged summary).
 * Reads only the first bytes of a text file, so the large CSV exports beside it cost nothing; an Excel
 * workbook is opened (report workbooks are small, and the other exports are text).
 */
export async function sniffReport(
  path: string,
  order?: DateOrder,
): Promise<{grid?: Grid; head: ReportHead | OtherReport} | undefined> {
  const handle = await open(path, 'r')
  let head: Buffer
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const {bytesRead} = await handle.read(buffer, 0, HEAD_BYTES, 0)
    head = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  if (isXlsx(head)) {
    let grid: Grid
    try {
      grid = await readGrid(path)
    } catch {
      return undefined // not a workbook we can open: the source's own extract says what it is
    }
    const found = readHead(grid, order)
    return found ? {grid, head: found} : undefined
  }
  const found = readHead(headGrid(path, head), order)
  return found ? {head: found} : undefined
}

/** The first lines of a text file as a grid, one line at a time (the last line of the prefix may be cut). */
function headGrid(path: string, head: Buffer): Grid {
  const text = head.includes(0) ? iconv.decode(head, 'utf16le') : head.toString('utf8')
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .slice(0, 14)
  const tab = lines.some((l) => l.includes('\t'))
  const rows = lines.map((line, i) => {
    let cells: string[]
    try {
      cells = (parse(line, {delimiter: tab ? '\t' : ',', relax_quotes: true}) as string[][])[0] ?? []
    } catch {
      cells = line.split(tab ? '\t' : ',')
    }
    return {line: i + 1, cells: cells.map((c) => c.trim())}
  })
  return {path, format: tab ? 'tab' : 'csv', rows}
}

/** Reads a report export whole into its staged form, refusing (file, line, reason) what it cannot read. */
export async function readReport(
  path: string,
  vendor: ReportVendor,
  options: {order?: DateOrder; grid?: Grid},
): Promise<{report: SourceReport; warnings: string[]}> {
  const grid = options.grid ?? (await readGrid(path))
  const head = readHead(grid, options.order)
  if (!head) throw fileError({file: path, line: 1}, 'no report title in the first rows')
  if ('refusal' in head) {
    throw fileError(
      {file: path, line: 1},
      head.refusal,
      'Export the summary report instead (Aged Receivables Summary / Aged Payables Summary).',
    )
  }
  if (!head.asAt) {
    throw fileError(
      {file: path, line: grid.rows[0]?.line ?? 1},
      `the title rows of the ${REPORT_NAMES[head.kind]} give no as-at date (e.g. "As at 30 June 2024")`,
      `Export the ${REPORT_NAMES[head.kind]} again with its title rows.`,
    )
  }
  const dated = head as ReportHead & {asAt: CivilDate}
  if (dated.kind === 'trialBalance') return parseTrialBalance(grid, dated, vendor)
  return parseAgedSummary(grid, {...dated, kind: dated.kind}, vendor)
}
