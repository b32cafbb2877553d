import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'

import {isToolError} from '../../domain/errors.js'
import type {SourceSystem} from '../../domain/ids.js'
import {REPORT_NAMES, type ReportVendor} from '../../domain/source-reports.js'
import {inTransaction, type Staging} from '../../staging/index.js'
import type {ExtractFileResult} from '../extract.js'
import {listInputFiles} from '../files/discover.js'
import type {DateOrder} from '../files/parse-values.js'
import {readReport, sniffReport} from './read-report.js'

export interface ReportsExtract {
  files: ExtractFileResult[]
  warnings: string[]
  /** The files this step read as reports (the source's own extract leaves them alone: files/units.ts). */
  paths: Set<string>
}

const VENDOR: Record<SourceSystem, ReportVendor> = {'xero-csv': 'xero', 'xero-api': 'xero', myob: 'myob'}

/**
 * The source's report exports in PATH (a trial balance, aged receivables and payables summaries, as CSV,
 * tab-delimited text or Excel): recognised by their title rows, not their names, and staged one file per
 * transaction with their as-at date and basis. A report for a kind and date staged earlier is replaced. A
 * file that starts like a report but cannot be read is refused with file, line and reason, like any export.
 */
export async function extractReports(
  staging: Staging,
  input: {path: string; system: SourceSystem; dryRun?: boolean; dateOrder?: DateOrder},
): Promise<ReportsExtract> {
  const out: ReportsExtract = {files: [], warnings: [], paths: new Set()}
  for (const path of listInputFiles(input.path)) {
    const sniffed = await sniffReport(path, input.dateOrder)
    if (!sniffed) continue
    out.paths.add(path)
    const type = `${input.system}:report`
    try {
      const {report, warnings} = await readReport(path, VENDOR[input.system], {
        ...(input.dateOrder ? {order: input.dateOrder} : {}),
        ...(sniffed.grid ? {grid: sniffed.grid} : {}),
      })
      out.warnings.push(...warnings)
      const contentHash = createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
      const name = `${input.system}:report:${report.kind}`
      const records = report.rows.length
      if (input.dryRun) {
        out.files.push({path, type: name, records, status: 'dry-run'})
        continue
      }
      const outcome = inTransaction(staging.db, () =>
        staging.sourceReports.put({sourceSystem: input.system, path, contentHash, report}),
      )
      const replaced = outcome === 'updated'
      if (replaced) {
        out.warnings.push(
          `${path}: replaces the ${REPORT_NAMES[report.kind]} as at ${report.asAt} staged earlier`,
        )
      }
      out.files.push({path, type: name, records, status: outcome === 'unchanged' ? 'unchanged' : 'staged'})
    } catch (error) {
      if (!isToolError(error) || error.code !== 'USER_INPUT') throw error
      out.files.push({
        path,
        type,
        records: 0,
        status: 'rejected',
        error: {message: error.message, next: error.next, ...(error.data ? {data: error.data} : {})},
      })
    }
  }
  return out
}
