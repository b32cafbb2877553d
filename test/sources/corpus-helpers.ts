/**
 * Extracting corpus files the way the engine drives an adapter (units in order, `committed()` after each
 * accepted unit), without SQLite: the corpus tests extract hundreds of small files.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {buildCompany} from '../../fixtures/generator/company.js'
import {corpus, type CorpusEntry} from '../../fixtures/generator/corpus.js'
import {isToolError} from '../../src/domain/errors.js'
import type {SourceAdapter} from '../../src/sources/adapter.js'
import {myobAdapter} from '../../src/sources/myob/adapter.js'
import {xeroCsvAdapter} from '../../src/sources/xero-csv/adapter.js'

/** A small company, so a corpus file extracts in milliseconds. */
export const CORPUS = corpus(buildCompany(7, {contacts: 10, items: 6, invoices: 24, bills: 12, journals: 3}))

export interface UnitOutcome {
  file: string
  type: string
  status: 'staged' | 'rejected' | 'skipped'
  reason?: string
  column?: string | null
}

export interface Extracted {
  units: UnitOutcome[]
  /** Records of the file units (not the derived unit), by `kind id`. */
  records: Map<string, unknown>
}

export async function extractFiles(
  source: 'myob' | 'xero-csv',
  files: Record<string, Buffer | string>,
): Promise<Extracted> {
  const dir = mkdtempSync(join(tmpdir(), 'qbo-corpus-'))
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    const adapter: SourceAdapter = source === 'myob' ? myobAdapter({path: dir}) : xeroCsvAdapter({path: dir})
    const units: UnitOutcome[] = []
    const records = new Map<string, unknown>()
    for await (const unit of adapter.units({checkpoint: () => undefined})) {
      const file = unit.label.startsWith(dir) ? unit.label.slice(dir.length + 1) : unit.label
      if (unit.skip !== undefined) {
        units.push({file, type: unit.type, status: 'skipped', reason: unit.skip})
        continue
      }
      const mine: [string, unknown][] = []
      try {
        for await (const item of unit.records()) mine.push([`${item.kind} ${item.id}`, item.record])
      } catch (error) {
        if (!isToolError(error)) throw error
        const data = error.data as {reason?: string; column?: string | null} | undefined
        units.push({
          file,
          type: unit.type,
          status: 'rejected',
          reason: data?.reason ?? error.message,
          column: data?.column ?? null,
        })
        continue
      }
      unit.committed?.()
      units.push({file, type: unit.type, status: 'staged'})
      if (!file.startsWith('(')) for (const [k, v] of mine) records.set(k, v)
    }
    return {units, records}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** One corpus entry's file, extracted alone (under its documented header, or the columns given). */
export function extractEntry(
  entry: CorpusEntry,
  columns?: readonly string[],
  fullNames = false,
  labels?: readonly string[],
) {
  return extractFiles(entry.source, {
    [entry.file]: entry.render(columns ?? entry.header.columns, {fullNames, ...(labels ? {labels} : {})}),
  })
}
