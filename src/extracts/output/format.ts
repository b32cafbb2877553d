import {extname} from 'node:path'

import {UsageError} from '../../domain/errors.js'

export type Format = 'csv' | 'xlsx' | 'jsonl'

/** The format of --out: from --format, else the file's extension; "-" (stdout) is CSV unless told. */
export function outputFormat(out: string, format: string | undefined, allowed: readonly Format[]): Format {
  const wanted = format ?? (out === '-' ? 'csv' : extname(out).slice(1).toLowerCase())
  if ((allowed as readonly string[]).includes(wanted)) {
    if (wanted === 'xlsx' && out === '-')
      throw new UsageError('An xlsx workbook cannot go to stdout.', {next: 'Give --out FILE.xlsx.'})
    return wanted as Format
  }
  throw new UsageError(`Cannot tell the output format of "${out}".`, {
    next: `Name the file with one of ${allowed.map((a) => `.${a}`).join(', ')}, or pass --format.`,
  })
}
