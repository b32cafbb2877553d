// readRows parses a large file on a worker thread (rows.ts). The thread must give exactly the rows, line
// numbers and errors that parsing on the caller's thread gives, and stop when the caller stops reading.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import test from 'node:test'

import iconv from 'iconv-lite'

import {isToolError} from '../../../src/domain/errors.js'
import {type RawRow, readRows, type RowOptions, ROWS_PER_BATCH} from '../../../src/sources/files/rows.js'
import {tempDir} from '../../helpers/temp.js'

async function both(path: string, options: RowOptions): Promise<{here: RawRow[]; thread: RawRow[]}> {
  const read = async (thread: boolean) => {
    const out: RawRow[] = []
    for await (const r of readRows(path, {...options, thread})) out.push(r)
    return out
  }
  return {here: await read(false), thread: await read(true)}
}

async function failure(path: string, options: RowOptions, thread: boolean): Promise<unknown> {
  try {
    for await (const _ of readRows(path, {...options, thread})) void _
  } catch (error) {
    return error
  }
  return undefined
}

test('a worker thread reads the same rows and line numbers, over several batches', async (t) => {
  const path = join(tempDir(t), 'f.csv')
  const lines = ['\ufeffNumber,Text,Amount']
  for (let i = 1; i <= ROWS_PER_BATCH * 2 + 100; i++) {
    // Quoted line breaks (CRLF and LF) move the line numbers; empty lines and a quoted quote too.
    lines.push(
      i % 97 === 0 ? `${i},"two\r\nlines ""quoted""",${i}.50` : i % 101 === 0 ? '' : `${i},plain,${i}.00`,
    )
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n')
  for (const options of [
    {encoding: 'utf8', delimiter: ','},
    {encoding: 'utf8', delimiter: ',', keepEmpty: true, fromLine: 2},
  ] as RowOptions[]) {
    const {here, thread} = await both(path, options)
    assert.ok(here.length > ROWS_PER_BATCH * 2, 'the file spans several batches')
    assert.deepEqual(thread, here)
  }
  const {here} = await both(path, {encoding: 'utf8', delimiter: ','})
  assert.deepEqual(here[97], {line: 98, fields: ['97', 'two\r\nlines "quoted"', '97.50']})
  assert.deepEqual(here[98]?.line, 100, 'the row after a quoted line break starts one line later')
})

test('a worker thread decodes windows-1252, UTF-16 and tab-delimited MYOB text as the caller would', async (t) => {
  const dir = tempDir(t)
  const text = 'Name\tCity\r\nCafé "Müller\tZürich\r\n'
  const files: [string, Buffer, RowOptions][] = [
    [
      'w.csv',
      iconv.encode('Name,City\r\nCafé Müller,Zürich\r\n', 'windows-1252'),
      {encoding: 'windows-1252', delimiter: ','},
    ],
    [
      'u.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]),
      {encoding: 'utf16le', delimiter: '\t'},
    ],
  ]
  for (const [name, bytes, options] of files) {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    const {here, thread} = await both(path, options)
    assert.equal(here.length, 2)
    assert.deepEqual(thread, here)
  }
})

test('a worker thread refuses an unclosed quote with the same file error, line and next step', async (t) => {
  const path = join(tempDir(t), 'cut.csv')
  writeFileSync(path, 'a,b\r\n1,2\r\n3,"never closed\r\n4,5\r\n')
  const options: RowOptions = {encoding: 'utf8', delimiter: ','}
  const here = await failure(path, options, false)
  const thread = await failure(path, options, true)
  assert.ok(isToolError(here) && isToolError(thread), 'both are user errors, not bugs')
  assert.equal(thread.message, here.message)
  assert.equal(thread.next, here.next)
  assert.deepEqual(thread.data, here.data)
  assert.equal((thread.data as {line: number}).line, 3)
})

test('a worker thread passes a missing file on as the same error', async (t) => {
  const path = join(tempDir(t), 'gone.csv')
  const options: RowOptions = {encoding: 'utf8', delimiter: ','}
  const here = (await failure(path, options, false)) as NodeJS.ErrnoException
  const thread = (await failure(path, options, true)) as NodeJS.ErrnoException
  assert.equal(here.code, 'ENOENT')
  assert.equal(thread.code, 'ENOENT')
  assert.equal(thread.message, here.message)
})

test('a caller that stops reading early ends the worker', async (t) => {
  const path = join(tempDir(t), 'long.csv')
  writeFileSync(path, Array.from({length: ROWS_PER_BATCH * 20}, (_, i) => `${i},x`).join('\n'))
  const seen: number[] = []
  for await (const r of readRows(path, {encoding: 'utf8', delimiter: ',', thread: true})) {
    seen.push(r.line)
    if (seen.length === 5) break
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 5])
  // Reading again works and the test process exits: no worker is left running (the runner would hang).
  let n = 0
  for await (const _ of readRows(path, {encoding: 'utf8', delimiter: ',', thread: true})) n++
  assert.equal(n, ROWS_PER_BATCH * 20)
})
