import {closeSync, openSync, readSync} from 'node:fs'
import {basename} from 'node:path'

import {isToolError} from '../../domain/errors.js'
import {contentHash} from '../../domain/ids.js'
import type {ExtractUnit, StagedItem} from '../adapter.js'
import {type FileSniff, sniffFile} from './decode.js'
import {fileError} from './errors.js'
import {findHeader, type HeaderLine, otherDelimiter} from './discover.js'
import type {Recognition} from './layouts.js'
import {sniffReport} from '../reports/read-report.js'

/** A file that was sniffed and whose header row was recognised as one of a source's file types. */
export interface RecognisedFile<T extends string> {
  path: string
  sniff: FileSniff
  header: HeaderLine
  type: T
}

/**
 * A unit of records worked out from the other units (contacts seen only on documents, tax rates and tracking
 * as used), built once when first asked for: after every file unit has been read.
 */
export function derivedUnit(label: string, type: string, build: () => StagedItem[]): ExtractUnit {
  let cached: StagedItem[] | undefined
  const items = () => (cached ??= build())
  return {
    label,
    type,
    // Not complete: what the files imply depends on which files a run reads, so an extract of one more file
    // must not remove the contacts and tax rates the other files implied.
    get contentHash() {
      return contentHash(items().map((i) => [i.kind, i.id, i.record]))
    },
    async *records() {
      yield* items()
    },
  }
}

/** A unit that refuses its file at once (unreadable, unrecognised); staged as "rejected" by the engine. */
export function rejectedUnit(path: string, type: string, error: Error, contentHash = ''): ExtractUnit {
  return {
    label: path,
    type,
    contentHash,
    // eslint-disable-next-line require-yield
    async *records(): AsyncGenerator<StagedItem> {
      throw error
    },
  }
}

/** What a file's header row says it is: an export to read, one to refuse (with why), or not an export. */
export type Verdict<T extends string> =
  {type: T} | {refuse: string; next: string; column?: string} | {skip: string}

/** A file the other source wrote (a Xero export given to `--from myob`, or the reverse). */
export function otherSource(what: string, from: string): Verdict<never> {
  return {
    refuse: `${what}, which this extract does not read`,
    next: `Extract it with --from ${from} (into its own migration file), or remove it from the folder.`,
  }
}

/**
 * What a layout recognition means for a file. Undefined when no export fits at all (the caller may ask the
 * other source, then skips the file); a tie, or a header that says too little, is refused with the
 * candidates named; one clear export missing a column it needs is refused with that column named.
 */
export function verdictOf<T extends string>(r: Recognition<T>, expected: string): Verdict<T> | undefined {
  const next = `Export the file again from ${expected} with all its columns, or remove it from the folder.`
  switch (r.kind) {
    case 'none':
      return undefined
    case 'match':
      return r.layout.notMigrated
        ? {refuse: r.layout.notMigrated.what, next: r.layout.notMigrated.next}
        : {type: r.layout.type}
    case 'incomplete':
      return {
        refuse: `missing required column "${r.missing[0]}": the header row is a ${expected} ${r.layout.label} export without ${r.missing.map((m) => `"${m}"`).join(', ')}`,
        next,
        column: r.missing[0] as string,
      }
    case 'ambiguous':
      return {
        refuse: `the header row does not tell which ${expected} export this is: it fits ${r.candidates
          .map((c) => c.layout.label + (c.missing.length ? ` (but lacks ${c.missing.join(', ')})` : ''))
          .join('; ')} about equally`,
        next,
      }
  }
}

/**
 * Sniffs each file and recognises its type from its header row. Files that cannot be read, or whose header
 * is refused (an export the migration does not carry, another source's, a tie, a missing column), become
 * rejected units with the reason; a file that is no export at all (a README, a stray JSON) is skipped.
 */
export async function recogniseFiles<T extends string>(
  paths: string[],
  system: string,
  recognise: (names: readonly string[]) => Verdict<T> | undefined,
  expected: string,
): Promise<{files: RecognisedFile<T>[]; others: ExtractUnit[]}> {
  const files: RecognisedFile<T>[] = []
  /** Refused and skipped files, as units the engine reports without reading. */
  const others: ExtractUnit[] = []
  for (const path of paths) {
    // The source's report exports (trial balance, aged summaries) are read by their own step (reports/).
    if (await sniffReport(path)) continue
    const binary = binaryKind(path)
    if (binary) {
      others.push(skippedUnit(path, `${system}:skipped`, `${binary}, not an export; nothing in it is read`))
      continue
    }
    let sniff: FileSniff
    try {
      sniff = await sniffFile(path)
    } catch (error) {
      if (!isToolError(error)) throw error
      others.push(rejectedUnit(path, `${system}:unreadable`, error))
      continue
    }
    const header = findHeader(sniff)
    if (!header) {
      const error = fileError(
        {file: path, line: 1},
        'the file is empty',
        `Export the file again from ${expected}, or remove it from the folder.`,
      )
      others.push(rejectedUnit(path, `${system}:unknown`, error, sniff.contentHash))
      continue
    }
    const verdict = recognise(header.names)
    if (verdict && 'type' in verdict) {
      files.push({path, sniff, header, type: verdict.type})
      continue
    }
    if (verdict && 'refuse' in verdict) {
      const at = {file: path, line: header.line, ...(verdict.column ? {column: verdict.column} : {})}
      const type = verdict.column ? `${system}:incomplete` : `${system}:refused`
      others.push(rejectedUnit(path, type, fileError(at, verdict.refuse, verdict.next), sniff.contentHash))
      continue
    }
    // A header written with another delimiter is an export saved wrongly, not a stray file.
    const other = otherDelimiter(header.names)
    if (other && recognise((header.names[0] as string).split(other.char))) {
      const error = fileError(
        {file: path, line: header.line},
        `wrong delimiter: the header row is separated by a ${other.name}, not ${header.delimiter === '\t' ? 'tabs' : 'commas'}`,
        `Export the file again from ${expected} as CSV, or remove it from the folder.`,
      )
      others.push(rejectedUnit(path, `${system}:unknown`, error, sniff.contentHash))
      continue
    }
    const first = header.names.join(header.delimiter === '\t' ? ' ' : ', ').slice(0, 60)
    others.push(
      skippedUnit(
        path,
        `${system}:skipped`,
        `not a ${expected} export (${basename(path)} starts with "${first}"); nothing in it is staged`,
        sniff.contentHash,
      ),
    )
  }
  return {files, others}
}

/** File signatures of what sits beside exports but is no text export: the migration file itself, workbooks. */
const SIGNATURES: [Buffer, string][] = [
  [Buffer.from('SQLite format 3\0'), 'a SQLite database (the migration file?)'],
  [Buffer.from([0x37, 0x7f, 0x06, 0x82]), 'a SQLite write-ahead log'],
  [Buffer.from([0x37, 0x7f, 0x06, 0x83]), 'a SQLite write-ahead log'],
  [
    Buffer.from('PK\x03\x04', 'latin1'),
    'a zip archive or Excel workbook (save an export held in a workbook as CSV)',
  ],
  [Buffer.from('%PDF-'), 'a PDF'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a PNG image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
]

/** What a non-text file beside the exports is, from its first bytes (or a SQLite sidecar from its name). */
function binaryKind(path: string): string | undefined {
  if (/\.(db|sqlite3?)-(shm|wal|journal)$/i.test(path)) return 'a SQLite sidecar file'
  const head = Buffer.alloc(16)
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const n = readSync(fd, head, 0, 16, 0)
    return SIGNATURES.find(([sig]) => n >= sig.length && head.subarray(0, sig.length).equals(sig))?.[1]
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** A file that is no export (a README, a stray JSON): listed as skipped, with a warning; nothing staged. */
export function skippedUnit(path: string, type: string, reason: string, contentHash = ''): ExtractUnit {
  return {
    label: path,
    type,
    contentHash,
    skip: reason,
    // eslint-disable-next-line require-yield
    async *records(): AsyncGenerator<StagedItem> {
      return
    },
  }
}
