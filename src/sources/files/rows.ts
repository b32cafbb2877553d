import {statSync} from 'node:fs'
import {Worker} from 'node:worker_threads'

import {CsvError, parse} from 'csv-parse'

import {UserInputError} from '../../domain/errors.js'
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
  /**
   * Parse on a worker thread, so parsing and the caller's work on the rows run on two cores. By default a
   * file of THREAD_MIN_BYTES or more is; tests force either path to prove they read the same rows.
   */
  thread?: boolean
}

/** Below this, starting a worker costs more than parsing on the caller's thread saves. */
export const THREAD_MIN_BYTES = 4 * 1024 * 1024

/** Streams the rows of a delimited text file with csv-parse; parse failures become file/line errors. */
export async function* readRows(path: string, options: RowOptions): AsyncGenerator<RawRow> {
  const thread = options.thread ?? statSync(path).size >= THREAD_MIN_BYTES
  yield* thread ? rowsFromWorker(path, options) : parseRows(path, options)
}

/** The parse itself, on whichever thread runs it. */
export async function* parseRows(path: string, options: RowOptions): AsyncGenerator<RawRow> {
  const decoded = decodedStream(path, options.encoding)
  const parser = decoded.pipe(
    parse({
      delimiter: options.delimiter,
      from_line: options.fromLine ?? 1,
      relax_column_count: true,
      skip_empty_lines: false,
      // MYOB quotes only the fields that need it and writes `"` inside unquoted text now and then.
      relax_quotes: options.delimiter === '\t',
    }),
  )
  decoded.on('error', (error) => parser.destroy(error))
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
  } finally {
    parser.destroy()
  }
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** What the worker (rows-worker.ts) posts: rows in batches, then the end or the error that stopped it. */
export type WorkerMessage =
  | {type: 'rows'; rows: RawRow[]}
  | {type: 'end'}
  | {
      type: 'error'
      message: string
      userInput?: {next: string; data?: Record<string, unknown>}
      code?: string
    }

export interface WorkerInput {
  path: string
  options: Omit<RowOptions, 'thread'>
}

/**
 * Batches the worker may have posted and the reader not yet taken: enough to keep both threads busy, few
 * enough that a fast parser cannot fill memory ahead of a slow reader. Batches are small on purpose: with
 * 1,000 rows a batch the reader's heap grew to twice the size (peak 411 MB against 224 MB on a 1,000,000-line
 * export); at 100 it stays as without a worker, and is as fast.
 */
const BATCHES_AHEAD = 32
export const ROWS_PER_BATCH = 100

/**
 * The rows, parsed by parseRows on a worker thread. The reader asks for a batch each time it takes one, so
 * at most BATCHES_AHEAD wait; stopping early (a caller that has seen enough rows) ends the worker. Errors
 * arrive as they would from parseRows: a file error is the same UserInputError.
 */
async function* rowsFromWorker(path: string, options: RowOptions): AsyncGenerator<RawRow> {
  const {thread: _thread, ...rest} = options
  const worker = startWorker({path, options: rest})
  const queue: WorkerMessage[] = []
  let wake: (() => void) | undefined
  let failure: Error | undefined
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m)
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`the CSV reader thread stopped (exit code ${code})`)
    wake?.()
  })
  try {
    for (;;) {
      const m = queue.shift()
      if (!m) {
        if (failure) throw failure
        await new Promise<void>((resolve) => (wake = resolve))
        wake = undefined
        continue
      }
      if (m.type === 'end') return
      if (m.type === 'error') throw rebuiltError(m)
      worker.postMessage('more')
      yield* m.rows
    }
  } finally {
    await worker.terminate()
  }
}

function rebuiltError(m: Extract<WorkerMessage, {type: 'error'}>): Error {
  if (m.userInput) return new UserInputError(m.message, m.userInput)
  return Object.assign(new Error(m.message), m.code ? {code: m.code} : {})
}

function startWorker(input: WorkerInput): Worker {
  const workerData = {...input, batchesAhead: BATCHES_AHEAD}
  // The worker's objects live only until their batch is posted: a small young generation keeps its memory
  // (which counts in the process's peak) smaller, at no cost in time (measured: 203 MB against 218 MB).
  const resourceLimits = {maxYoungGenerationSizeMb: 8}
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./rows-worker.js', import.meta.url), {workerData, resourceLimits})
  // Run from the TypeScript sources (tests, bin/dev.js), the worker is a .ts file: its thread registers tsx
  // before importing it (an `--import tsx` in execArgv does not reach a worker's entry module on Node 20).
  const tsx = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./rows-worker.ts', import.meta.url).href
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(boot, {eval: true, workerData, resourceLimits})
}
