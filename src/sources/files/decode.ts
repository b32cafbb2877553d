import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'

import iconv from 'iconv-lite'

import {fileError} from './errors.js'

export type TextEncoding = 'utf8' | 'windows-1252' | 'utf16le' | 'utf16be'

export interface FileSniff {
  /** sha256 of the raw bytes: the unit's identity for idempotent re-extracts. */
  contentHash: string
  encoding: TextEncoding
  /** The first lines of decoded text (BOM removed), for header recognition. */
  head: string[]
  bytes: number
}

const HEAD_BYTES = 64 * 1024
// Bytes windows-1252 leaves undefined; text containing them is neither UTF-8 nor windows-1252.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/**
 * One pass over the raw bytes: the content hash, and the encoding. A BOM decides; otherwise the file is UTF-8
 * if every byte sequence is valid UTF-8, else windows-1252 (what Excel on Windows writes). NUL bytes or bytes
 * undefined in windows-1252 mean undecodable text (UTF-16 without a BOM, a spreadsheet binary, …).
 */
export async function sniffFile(path: string): Promise<FileSniff> {
  const hash = createHash('sha256')
  const utf8 = new TextDecoder('utf-8', {fatal: true})
  let validUtf8 = true
  let has1252Undefined = false
  let nulAt = -1
  let bytes = 0
  const headChunks: Buffer[] = []
  let headLength = 0
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    if (headLength < HEAD_BYTES) {
      headChunks.push(chunk)
      headLength += chunk.length
    }
    if (validUtf8) {
      try {
        utf8.decode(chunk, {stream: true})
      } catch {
        validUtf8 = false
      }
    }
    // Native scans: a JS loop over every byte of a large export costs seconds.
    const nul = nulAt < 0 ? chunk.indexOf(0) : -1
    if (nul >= 0) nulAt = bytes + nul
    if (!has1252Undefined) for (const b of UNDEFINED_1252) if (chunk.includes(b)) has1252Undefined = true
    bytes += chunk.length
  }
  if (validUtf8) {
    try {
      utf8.decode()
    } catch {
      validUtf8 = false
    }
  }
  const head = Buffer.concat(headChunks).subarray(0, HEAD_BYTES)
  let encoding: TextEncoding
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf16le'
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf16be'
  else if (nulAt >= 0) {
    throw fileError(
      {file: path, line: lineOfByte(head, nulAt)},
      'undecodable text: the file contains NUL bytes (UTF-16 without a byte-order mark, or not a text file)',
      `Save ${path} again as CSV (UTF-8) or tab-delimited text and run the extract again.`,
    )
  } else if (validUtf8) encoding = 'utf8'
  else if (!has1252Undefined) encoding = 'windows-1252'
  else {
    throw fileError(
      {file: path},
      'undecodable text: the bytes are neither UTF-8 nor windows-1252',
      `Save ${path} again as CSV (UTF-8) and run the extract again.`,
    )
  }
  const text = stripBom(iconv.decode(head, encoding))
  const lines = text.split(/\r\n|\n|\r/)
  if (head.length < bytes) lines.pop() // the last line of the prefix may be cut mid-line
  return {contentHash: hash.digest('hex'), encoding, head: lines.slice(0, 50), bytes}
}

function lineOfByte(buf: Buffer, index: number): number {
  let line = 1
  for (let i = 0; i < Math.min(index, buf.length); i++) if (buf[i] === 0x0a) line++
  return line
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * The file as a stream of decoded text (BOM stripped by iconv-lite). `pipe` does not pass a read error on
 * (a file gone since it was sniffed would be an uncaught exception): the decoder fails with it instead.
 */
export function decodedStream(path: string, encoding: TextEncoding): NodeJS.ReadWriteStream {
  const file = createReadStream(path)
  const decoder = iconv.decodeStream(encoding, {stripBOM: true})
  file.on('error', (error) => decoder.emit('error', error))
  return file.pipe(decoder)
}
