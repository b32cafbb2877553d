import {CsvError, parse} from 'csv-parse'

import {decodedStream, type TextEncoding} from './decode.js'
import {fileError} from './errors.js'

export interface RawRow {
  /** 1-based line number of the row's first line in the file. */
  line: number
  fields: string[]
}

export interface RowOptions {
  encoding: TextEncoding
  delimiter: ',' | '\t'
  /** 1-based line to start at (skips MYOB's `{}` line). */
  fromLine?: number
  /** Keep empty lines as `[]` rows (MYOB record separators). */
  keepEmpty?: boolean
}

/** Streams the rows of a delimited text file with csv-parse; parse failures become file/line errors. */
export async function* readRows(path: string, options: RowOptions): AsyncGenerator<RawRow> {
  const parser = decodedStream(path, options.encoding).pipe(
    parse({
      delimiter: options.delimiter,
      from_line: options.fromLine ?? 1,
      relax_column_count: true,
      skip_empty_lines: false,
      // MYOB quotes only the fields that need it and writes `"` inside unquoted text now and then.
      relax_quotes: options.delimiter === '\t',
    }),
  )
  // The line after the last complete record: where the next one (or an unclosed quote) starts.
  let nextStart = options.fromLine ?? 1
  try {
    // Line numbers are counted here: csv-parse counts a CRLF inside a quoted field as two lines. A record
    // spans one line plus the line breaks inside its (quoted) fields; counting those is cheaper than asking
    // csv-parse for each record's raw text.
    for await (const fields of parser as AsyncIterable<string[]>) {
      const empty = fields.length === 1 && fields[0] === ''
      const startLine = nextStart
      nextStart += 1
      for (const field of fields) if (field.includes('\n')) nextStart += countNewlines(field)
      if (empty) {
        if (options.keepEmpty) yield {line: startLine, fields: []}
        continue
      }
      yield {line: startLine, fields}
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line =
        error.code === 'CSV_QUOTE_NOT_CLOSED' ? nextStart : (error as unknown as {lines?: number}).lines
      const reason =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'truncated quote: a quoted field is never closed (the file may be cut short)'
          : `unreadable ${options.delimiter === '\t' ? 'tab-delimited' : 'CSV'} text: ${error.message}`
      throw fileError({file: path, ...(line === undefined ? {} : {line})}, reason)
    }
    throw error
  }
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}
