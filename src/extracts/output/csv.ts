import {writeFile} from 'node:fs/promises'

import {stringify} from 'csv-stringify/sync'

import {writeAtomically} from '../../io/atomic-file.js'
import type {Sheet} from './sheet.js'

/** RFC 4180 CSV with a header row; values exactly as QBO sent them (no number formatting). */
export function sheetCsv(sheet: Sheet): string {
  return stringify([sheet.columns.map((c) => c.name), ...sheet.rows.map((r) => r.values.map(String))])
}

/** Writes the CSV to a file (atomically) or, for "-", to stdout. */
export async function writeCsv(sheet: Sheet, out: string, stdout: (text: string) => void): Promise<void> {
  const text = sheetCsv(sheet)
  if (out === '-') return stdout(text)
  await writeAtomically(out, (tmp) => writeFile(tmp, text))
}
