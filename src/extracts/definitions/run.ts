import {todayUtc} from '../../domain/civil-date.js'
import {UsageError} from '../../domain/errors.js'
import type {Logger} from '../../ui/logger.js'
import {type CdcSource, readChanges, resolveSince} from '../changes.js'
import {changeSheet} from '../extract-changes.js'
import {extractReport} from '../extract-report.js'
import {flatSheet, reportSheet, type Sheet} from '../output/sheet.js'
import {type CoverLine, writeWorkbook} from '../output/xlsx.js'
import {flattenAll} from '../query/flatten.js'
import {type QuerySource, runQuery} from '../query/run-query.js'
import {parseStatement} from '../query/statement.js'
import type {ReportSource} from '../report/fetch.js'
import {resolveDate} from './relative-date.js'
import {type ExtractDefinition, readDefinition} from './schema.js'

export interface ExtractSources extends ReportSource, QuerySource, CdcSource {}

export interface RunResult {
  definition: string
  out: string
  extracts: {
    name: string
    sheet: string
    kind: 'report' | 'query' | 'changes'
    rows: number
    detail: string
  }[]
  warnings: string[]
}

/**
 * `qbo extract run extracts.yml`: every extract of a saved definition into one workbook, a sheet each,
 * after a cover sheet that lists each extract's parameters with its dates resolved for this run. Dates are
 * relative to today (the injected clock), so the same file can run on a schedule.
 */
export async function runDefinitionFile(
  sources: ExtractSources,
  options: {file: string; out?: string; now: Date; realmId: string},
  logger: Logger,
): Promise<RunResult> {
  const definition = await readDefinition(options.file)
  const out = options.out ?? definition.workbook
  if (!out)
    throw new UsageError('No workbook to write.', {
      next: 'Pass --out book.xlsx or set workbook: in the definition.',
    })
  if (!out.toLowerCase().endsWith('.xlsx'))
    throw new UsageError(`${out} is not an .xlsx file.`, {
      next: 'A saved definition writes one workbook: --out book.xlsx.',
    })
  const today = todayUtc(options.now)
  const sheets: Sheet[] = []
  const result: RunResult = {definition: options.file, out, extracts: [], warnings: []}
  const cover: CoverLine[] = [
    {label: 'Definition', value: options.file},
    {label: 'Company (realm)', value: options.realmId},
    {label: 'Generated at', value: options.now.toISOString()},
    {label: 'Dates relative to', value: today},
  ]
  for (const x of definition.extracts) {
    logger.info(`Extract: ${x.name}`)
    const {sheet, kind, rows, detail, warnings} = await runOne(sources, x, options.now, logger)
    sheets.push(sheet)
    result.extracts.push({name: x.name, sheet: sheet.name, kind, rows, detail})
    result.warnings.push(...warnings.map((w) => `${x.name}: ${w}`))
    cover.push({label: x.name, value: `${kind}: ${detail} (${rows} rows)`})
    for (const w of warnings) cover.push({label: `${x.name}: warning`, value: w})
  }
  await writeWorkbook(out, sheets, cover)
  return result
}

async function runOne(
  sources: ExtractSources,
  x: ExtractDefinition,
  now: Date,
  logger: Logger,
): Promise<{
  sheet: Sheet
  kind: 'report' | 'query' | 'changes'
  rows: number
  detail: string
  warnings: string[]
}> {
  const sheetName = x.sheet ?? x.name
  const today = todayUtc(now)
  if ('report' in x) {
    const extract = await extractReport(
      sources,
      {
        name: x.report,
        ...(x.start ? {start: resolveDate(x.start, today)} : {}),
        ...(x.end ? {end: resolveDate(x.end, today)} : {}),
        ...(x.date_macro ? {dateMacro: x.date_macro} : {}),
        ...(x.accounting_method ? {accountingMethod: x.accounting_method} : {}),
        ...(x.summarize_by ? {summarizeBy: x.summarize_by} : {}),
        ...(x.columns ? {columns: x.columns} : {}),
        ...(x.params ? {params: x.params} : {}),
      },
      logger,
    )
    const detail = `${x.report} ${new URLSearchParams(extract.params).toString()} (${extract.start} to ${extract.end}${extract.parts.length > 1 ? `, fetched in ${extract.parts.length} parts` : ''})`
    return {
      sheet: reportSheet(extract.table, sheetName),
      kind: 'report',
      rows: extract.rows,
      detail,
      warnings: extract.warnings,
    }
  }
  if ('query' in x) {
    const result = await runQuery(sources, x.query, x.private_note ? {privateNote: x.private_note} : {})
    const table = flattenAll(result.rows, parseStatement(x.query).fields)
    const rows = result.count !== undefined ? [{count: result.count}] : result.rows
    const sheet =
      result.count !== undefined ? flatSheet(sheetName, flattenAll(rows)) : flatSheet(sheetName, table)
    const detail = `${x.query}${x.private_note ? ` (PrivateNote contains "${x.private_note}")` : ''}`
    return {sheet, kind: 'query', rows: sheet.rows.length, detail, warnings: []}
  }
  const since = resolveSince(x.changes.since, now)
  const changes = await readChanges(sources, {entities: x.changes.entities, since, now}, logger)
  return {
    sheet: changeSheet(sheetName, changes.records),
    kind: 'changes',
    rows: changes.records.length,
    detail: `${x.changes.entities.join(', ')} changed since ${changes.since}`,
    warnings: changes.warnings,
  }
}
