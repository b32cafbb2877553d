import {randomUUID} from 'node:crypto'

import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

/** Migration runs, and each unattended job's own kind (`sync:shopify` …): schema 5 left kinds to the code. */
export type RunKind = 'extract' | 'plan' | 'load' | 'reconcile' | `sync:${string}`

/**
 * Whether a run recorded as running still has a live process. A run whose process was killed stays
 * 'running' in the file (nothing could record otherwise); it is reported, and resumed, as interrupted.
 */
export function runIsLive(run: Pick<Run, 'status' | 'options'>): boolean {
  if (run.status !== 'running') return false
  const pid = run.options.pid
  if (typeof pid !== 'number') return true
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The status to show: a running run whose process is gone was interrupted. */
export function effectiveStatus(run: Pick<Run, 'status' | 'options'>): RunStatus {
  return run.status === 'running' && !runIsLive(run) ? 'interrupted' : run.status
}
export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted'

export interface Run {
  id: string
  kind: RunKind
  sourceSystem: string | null
  realmId: string | null
  status: RunStatus
  startedAt: string
  finishedAt: string | null
  options: Record<string, unknown>
  summary: Record<string, unknown> | null
}

interface RunRow {
  id: string
  kind: RunKind
  source_system: string | null
  realm_id: string | null
  status: RunStatus
  started_at: string
  finished_at: string | null
  options_json: string
  summary_json: string | null
}

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    kind: row.kind,
    sourceSystem: row.source_system,
    realmId: row.realm_id,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    options: JSON.parse(row.options_json) as Record<string, unknown>,
    summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as Record<string, unknown>),
  }
}

export class RunsRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  start(input: {
    kind: RunKind
    sourceSystem?: string
    realmId?: string
    options?: Record<string, unknown>
    id?: string
  }): Run {
    const id =
      input.id ??
      `${input.kind}-${isoNow(this.clock).replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`
    this.db
      .prepare(
        `INSERT INTO runs (id, kind, source_system, realm_id, status, started_at, options_json)
         VALUES (?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(
        id,
        input.kind,
        input.sourceSystem ?? null,
        input.realmId ?? null,
        isoNow(this.clock),
        JSON.stringify(input.options ?? {}),
      )
    return this.get(id) as Run
  }

  finish(id: string, status: Exclude<RunStatus, 'running'>, summary?: Record<string, unknown>): void {
    this.db
      .prepare(`UPDATE runs SET status = ?, finished_at = ?, summary_json = ? WHERE id = ?`)
      .run(status, isoNow(this.clock), summary === undefined ? null : JSON.stringify(summary), id)
  }

  /** A resumed run is running again; its earlier interruption stays visible in its checkpoints. */
  reopen(id: string, options?: Record<string, unknown>): void {
    this.db.prepare(`UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?`).run(id)
    if (options)
      this.db.prepare(`UPDATE runs SET options_json = ? WHERE id = ?`).run(JSON.stringify(options), id)
  }

  get(id: string): Run | undefined {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined
    return row && toRun(row)
  }

  latest(kind: RunKind, filter: {unfinishedOnly?: boolean} = {}): Run | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE kind = ? ${filter.unfinishedOnly ? "AND status <> 'finished'" : ''}
         ORDER BY started_at DESC, rowid DESC LIMIT 1`,
      )
      .get(kind) as RunRow | undefined
    return row && toRun(row)
  }

  list(): Run[] {
    return (this.db.prepare(`SELECT * FROM runs ORDER BY started_at, rowid`).all() as RunRow[]).map(toRun)
  }
}
