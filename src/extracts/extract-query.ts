import {writeFile} from 'node:fs/promises'

import {writeAtomically} from '../io/atomic-file.js'
import {writeCsv} from './output/csv.js'
import {type Format, outputFormat} from './output/format.js'
import {flatSheet} from './output/sheet.js'
import {writeWorkbook} from './output/xlsx.js'
import {flattenAll} from './query/flatten.js'
import {type QueryOptions, type QuerySource, runQuery} from './query/run-query.js'
import {parseStatement} from './query/statement.js'

export interface QueryFileResult {
  entity: string
  sent: string
  count?: number
  rows: number
  scanned: number
  columns: number
  out: string
  format: Format
  /** With `inline` (--json and no file): the entities as QBO sent them. */
  data?: unknown[]
}

/**
 * `qbo query`: every row (paged past QBO's 1000), nested fields flattened to dotted columns, as CSV, xlsx
 * or JSON Lines (the entities as QBO sent them, one per line).
 */
export async function queryToFile(
  source: QuerySource,
  options: QueryOptions & {statement: string; out: string; format?: string; inline?: boolean},
  stdout: (text: string) => void,
): Promise<QueryFileResult> {
  const format = outputFormat(options.out, options.format, ['csv', 'xlsx', 'jsonl'])
  const result = await runQuery(source, options.statement, options)
  const base = {
    entity: result.entity,
    sent: result.sent,
    rows: result.rows.length,
    scanned: result.scanned,
    out: options.out,
    format,
  }
  if (result.count !== undefined) {
    if (options.out === '-' && !options.inline) stdout(`${result.count}\n`)
    return {...base, count: result.count, columns: 0}
  }
  const table = flattenAll(result.rows, parseStatement(options.statement).fields)
  if (options.inline && options.out === '-')
    return {...base, columns: table.columns.length, data: result.rows}
  if (format === 'jsonl') {
    const text = result.rows.map((r) => JSON.stringify(r)).join('\n') + (result.rows.length ? '\n' : '')
    if (options.out === '-') stdout(text)
    else await writeAtomically(options.out, (tmp) => writeFile(tmp, text))
  } else {
    const sheet = flatSheet(result.entity, table)
    if (format === 'csv') await writeCsv(sheet, options.out, stdout)
    else await writeWorkbook(options.out, [sheet])
  }
  return {...base, columns: table.columns.length}
}
