import {readdirSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {parse} from 'csv-parse/sync'

import {UserInputError} from '../../domain/errors.js'
import type {FileSniff} from './decode.js'

/** The files to extract: PATH itself, or the visible regular files directly inside it, in name order. */
export function listInputFiles(path: string): string[] {
  let stat
  try {
    stat = statSync(path)
  } catch {
    throw new UserInputError(`${path} does not exist`, {
      next: 'Give the folder of export files (or one file) as PATH.',
      data: {file: path, reason: 'not found'},
    })
  }
  // Absolute, so a file re-extracted from another working directory is still the same file.
  if (stat.isFile()) return [resolve(path)]
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(resolve(path), name))
    .filter((p) => statSync(p).isFile())
}

export interface HeaderLine {
  /** 1-based line number of the header row. */
  line: number
  delimiter: ',' | '\t'
  names: string[]
}

/**
 * Finds the header row in the first decoded lines: skips blank lines and MYOB's `{}` line, and picks the
 * delimiter the header uses (tab wins when present, as MYOB writes tab-delimited text).
 */
export function findHeader(sniff: FileSniff): HeaderLine | undefined {
  for (let i = 0; i < sniff.head.length; i++) {
    const text = sniff.head[i] ?? ''
    if (text.trim() === '' || text.trim() === '{}') continue
    const delimiter = text.includes('\t') ? '\t' : ','
    let names: string[]
    try {
      names = (parse(text, {delimiter, relax_quotes: true, relax_column_count: true}) as string[][])[0] ?? []
    } catch {
      names = text.split(delimiter)
    }
    return {line: i + 1, delimiter, names}
  }
  return undefined
}

/** The delimiter a one-column header was probably written with, to explain a "wrong delimiter" refusal. */
export function otherDelimiter(names: readonly string[]): {char: string; name: string} | undefined {
  if (names.length !== 1) return undefined
  const only = names[0] ?? ''
  if (only.includes(';')) return {char: ';', name: 'semicolon'}
  if (only.includes('|')) return {char: '|', name: 'pipe'}
  return undefined
}
