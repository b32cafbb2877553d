import {parseSourceReport, type ReportKind, type SourceReport} from '../domain/source-reports.js'
import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface StagedReport {
  sourceSystem: string
  path: string
  contentHash: string
  stagedAt: string
  report: SourceReport
}

interface Row {
  sourceSystem: string
  path: string
  contentHash: string
  stagedAt: string
  reportJson: string
}

const SELECT = `SELECT source_system AS sourceSystem, path, content_hash AS contentHash, staged_at AS stagedAt,
                       report_json AS reportJson FROM source_reports`

/**
 * The source's own reports (trial balance, aged summaries), one per source, kind and as-at date: a report
 * exported again for the same date replaces the earlier one. Validated again as it leaves the file.
 */
export class SourceReportsRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Stages a report; 'unchanged' when the same file content was staged for it already. */
  put(input: {
    sourceSystem: string
    path: string
    contentHash: string
    report: SourceReport
  }): 'inserted' | 'updated' | 'unchanged' {
    const {sourceSystem, report} = input
    const prior = this.db
      .prepare(
        `SELECT content_hash AS contentHash FROM source_reports WHERE source_system = ? AND kind = ? AND as_at = ?`,
      )
      .get(sourceSystem, report.kind, report.asAt) as {contentHash: string} | undefined
    if (prior?.contentHash === input.contentHash) return 'unchanged'
    this.db
      .prepare(
        `INSERT INTO source_reports (source_system, kind, as_at, path, content_hash, report_json, staged_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_system, kind, as_at) DO UPDATE SET path = excluded.path,
           content_hash = excluded.content_hash, report_json = excluded.report_json, staged_at = excluded.staged_at`,
      )
      .run(
        sourceSystem,
        report.kind,
        report.asAt,
        input.path,
        input.contentHash,
        JSON.stringify(report),
        isoNow(this.clock),
      )
    return prior ? 'updated' : 'inserted'
  }

  /** Every staged report (of one kind), oldest as-at date first. */
  list(kind?: ReportKind): StagedReport[] {
    const rows = (
      kind
        ? this.db.prepare(`${SELECT} WHERE kind = ? ORDER BY as_at, source_system`).all(kind)
        : this.db.prepare(`${SELECT} ORDER BY as_at, kind, source_system`).all()
    ) as Row[]
    return rows.map(({reportJson, ...rest}) => ({...rest, report: parseSourceReport(JSON.parse(reportJson))}))
  }

  /** The report of a kind at a date (any source system of this migration file). */
  at(kind: ReportKind, asAt: string): StagedReport | undefined {
    return this.list(kind).find((r) => r.report.asAt === asAt)
  }
}
