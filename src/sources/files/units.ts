import {basename} from 'node:path'

import {isToolError} from '../../domain/errors.js'
import {contentHash} from '../../domain/ids.js'
import type {ExtractUnit, StagedItem} from '../adapter.js'
import {type FileSniff, sniffFile} from './decode.js'
import {fileError} from './errors.js'
import {findHeader, type HeaderLine, otherDelimiter} from './discover.js'
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

/**
 * An export the source really writes but the migration does not carry (a bank statement, a report, stock
 * adjustments): refused with what it is and what to do instead, rather than as an unknown file.
 */
export interface NotMigrated {
  notMigrated: string
  next: string
}

/** A file the other source wrote (a Xero export given to `--from myob`, or the reverse). */
export function otherSource(what: string, from: string): NotMigrated {
  return {
    notMigrated: `${what}, which this extract does not read`,
    next: `Extract it with --from ${from} (into its own migration file), or remove it from the folder.`,
  }
}

/**
 * Sniffs each file and recognises its type from its header row; files that cannot be read or recognised,
 * and exports the migration does not carry, become rejected units with the reason.
 */
export async function recogniseFiles<T extends string>(
  paths: string[],
  system: string,
  recognise: (header: HeaderLine) => T | NotMigrated | undefined,
  expected: string,
): Promise<{files: RecognisedFile<T>[]; rejected: ExtractUnit[]}> {
  const files: RecognisedFile<T>[] = []
  const rejected: ExtractUnit[] = []
  for (const path of paths) {
    // The source's report exports (trial balance, aged summaries) are read by their own step (reports/).
    if (await sniffReport(path)) continue
    let sniff: FileSniff
    try {
      sniff = await sniffFile(path)
    } catch (error) {
      if (!isToolError(error)) throw error
      rejected.push(rejectedUnit(path, `${system}:unreadable`, error))
      continue
    }
    const header = findHeader(sniff)
    const recognised = header && recognise(header)
    if (header && typeof recognised === 'object') {
      const error = fileError({file: path, line: header.line}, recognised.notMigrated, recognised.next)
      rejected.push(rejectedUnit(path, `${system}:not-migrated`, error, sniff.contentHash))
      continue
    }
    const type = recognised as T | undefined
    if (header && type) {
      files.push({path, sniff, header, type})
      continue
    }
    const other = header && otherDelimiter(header.names)
    const reason = !header
      ? 'the file is empty'
      : other
        ? `wrong delimiter: the header row is separated by a ${other}, not ${header.delimiter === '\t' ? 'tabs' : 'commas'}`
        : `unrecognised header row: not a ${expected} file (${basename(path)} starts with "${header.names.slice(0, 4).join(', ')}")`
    rejected.push(
      rejectedUnit(
        path,
        `${system}:unknown`,
        fileError(
          {file: path, line: header?.line ?? 1},
          reason,
          `Export the file again from ${expected} as CSV, or remove it from the folder.`,
        ),
        sniff.contentHash,
      ),
    )
  }
  return {files, rejected}
}
