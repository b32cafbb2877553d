import {writeFile} from 'node:fs/promises'

import type {Logger} from '../ui/logger.js'
import {writeAtomically} from '../io/atomic-file.js'
import {type CdcSource, type ChangedRecord, readChanges, resolveSince} from './changes.js'
import {writeCsv} from './output/csv.js'
import {type Format, outputFormat} from './output/format.js'
import {flatSheet, type Sheet} from './output/sheet.js'
import {writeWorkbook} from './output/xlsx.js'
import {flattenAll} from './query/flatten.js'

export interface ChangesFileResult {
  since: string
  entities: Record<string, {changed: number; deleted: number}>
  records: number
  requests: number
  warnings: string[]
  out: string
  format: Format
  /** With `inline` (--json and no file): the changed records. */
  data?: unknown[]
}

/** Change rows: Entity, Status and LastUpdated first, then the record's own fields. */
export function changeSheets(records: ChangedRecord[], entities: readonly string[]): Sheet[] {
  return entities.map((entity) =>
    changeSheet(
      entity,
      records.filter((r) => r.entity === entity),
    ),
  )
}

export function changeSheet(name: string, records: ChangedRecord[]): Sheet {
  const table = flattenAll(
    records.map((r) => ({Entity: r.entity, Status: r.status, LastUpdated: r.lastUpdated, ...r.row})),
  )
  return flatSheet(name, table, ['Entity', 'Status', 'LastUpdated', 'Id'])
}

/** `qbo extract changes`: what changed since a time, through CDC; one sheet per entity in xlsx. */
export async function changesToFile(
  source: CdcSource,
  options: {entities: string[]; since: string; now: Date; out: string; format?: string; inline?: boolean},
  logger: Logger,
  stdout: (text: string) => void,
): Promise<ChangesFileResult> {
  const format = outputFormat(options.out, options.format, ['csv', 'xlsx', 'jsonl'])
  const result = await readChanges(
    source,
    {entities: options.entities, since: resolveSince(options.since, options.now), now: options.now},
    logger,
  )
  for (const w of result.warnings) logger.warn(w)
  const summary = {
    since: result.since,
    entities: result.entities,
    records: result.records.length,
    requests: result.requests,
    warnings: result.warnings,
    out: options.out,
    format,
  }
  if (options.inline && options.out === '-')
    return {...summary, data: result.records.map((r) => ({entity: r.entity, status: r.status, ...r.row}))}
  if (format === 'jsonl') {
    const text = result.records
      .map((r) => JSON.stringify({entity: r.entity, status: r.status, ...r.row}))
      .join('\n')
    const body = text + (result.records.length ? '\n' : '')
    if (options.out === '-') stdout(body)
    else await writeAtomically(options.out, (tmp) => writeFile(tmp, body))
  } else if (format === 'csv') {
    await writeCsv(changeSheet('Changes', result.records), options.out, stdout)
  } else {
    await writeWorkbook(options.out, changeSheets(result.records, options.entities), [
      {label: 'Changes since', value: result.since},
      {label: 'Entities', value: options.entities.join(', ')},
      {label: 'Generated at', value: options.now.toISOString()},
      ...result.warnings.map((w) => ({label: 'Warning', value: w})),
    ])
  }
  return summary
}
