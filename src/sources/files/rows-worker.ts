// The worker thread behind readRows (rows.ts): parses one file with parseRows and posts its rows in
// batches, never more than `batchesAhead` beyond what the reader has taken.
import {parentPort, workerData} from 'node:worker_threads'

import {isToolError} from '../../domain/errors.js'
import {parseRows, ROWS_PER_BATCH, type RawRow, type WorkerInput, type WorkerMessage} from './rows.js'

const {path, options, batchesAhead} = workerData as WorkerInput & {batchesAhead: number}
const port = parentPort
if (!port) throw new Error('rows-worker.ts runs only as a worker thread')

let credit = batchesAhead
let resume: (() => void) | undefined
port.on('message', () => {
  credit++
  resume?.()
})

const post = (m: WorkerMessage) => port.postMessage(m)

async function send(rows: RawRow[]): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (resume = resolve))
  credit--
  post({type: 'rows', rows})
}

try {
  let batch: RawRow[] = []
  for await (const row of parseRows(path, options)) {
    batch.push(row)
    if (batch.length >= ROWS_PER_BATCH) {
      await send(batch)
      batch = []
    }
  }
  if (batch.length) await send(batch)
  post({type: 'end'})
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error))
  const code = (e as Error & {code?: unknown}).code
  post({
    type: 'error',
    message: e.message,
    ...(isToolError(e) && e.code === 'USER_INPUT'
      ? {userInput: {next: e.next, ...(e.data ? {data: e.data} : {})}}
      : {}),
    ...(typeof code === 'string' ? {code} : {}),
  })
} finally {
  port.close()
}
