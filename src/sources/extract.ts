import {UsageError, UserInputError, isToolError} from '../domain/errors.js'
import {stableStringify} from '../domain/ids.js'
import type {Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import type {AbsentRecord} from '../staging/staged-records.js'
import type {ExtractUnit, SourceAdapter, StagedItem} from './adapter.js'

export interface ExtractFileResult {
  path: string
  type: string
  records: number
  status: 'staged' | 'unchanged' | 'rejected' | 'skipped' | 'dry-run'
  /** Why a file was skipped (it is no export: a README, a stray JSON). */
  reason?: string
  /**
   * Staged records this unit says are gone (an earlier version of the file had them, or the API reports
   * them deleted), removed (or, on a dry run, to be removed).
   */
  removed?: number
  error?: {message: string; next: string; data?: Record<string, unknown>}
}

/** The CLI.md --json shape of `qbo migrate extract`. */
export interface ExtractResult {
  source: string
  dryRun: boolean
  files: ExtractFileResult[]
  counts: Record<string, number>
  warnings: string[]
}

export interface ExtractOptions {
  dryRun?: boolean
  logger: Logger
  onProgress?: (event: {unit: string; records: number}) => void
  /** Warnings the adapter collects while reading (skipped quotes, inferred tax modes); read after each unit. */
  warnings?: () => string[]
  /**
   * Continue the latest unfinished extract run of this source: the same run, and the checkpoints it
   * committed, so an API extract stopped by a daily limit goes on from the page where it stopped. Without
   * it an extract starts afresh and reads every unit again.
   */
  resume?: boolean
  /** What selects the input (e.g. the tenant and --since): kept on the run, and a resume must repeat it. */
  runOptions?: Record<string, unknown>
}

const PROGRESS_EVERY = 10_000

/**
 * The one staging engine for every source. Each unit is staged inside ONE SQLite transaction, opened with
 * BEGIN IMMEDIATE around the unit's async record stream (better-sqlite3's transaction() cannot span awaits),
 * so a rejected unit leaves nothing behind and the next unit still stages. Records stream through; a unit is
 * never held in memory here.
 */
export async function extractToStaging(
  staging: Staging,
  adapter: SourceAdapter,
  options: ExtractOptions,
): Promise<ExtractResult> {
  const {logger} = options
  const dryRun = options.dryRun === true
  const runOptions = options.runOptions ?? {}
  const resumed = options.resume ? resumableRun(staging, adapter.system, runOptions) : undefined
  if (resumed && !dryRun) staging.runs.reopen(resumed.id)
  const run = dryRun
    ? undefined
    : (resumed ?? staging.runs.start({kind: 'extract', sourceSystem: adapter.system, options: runOptions}))
  const result: ExtractResult = {source: adapter.system, dryRun, files: [], counts: {}, warnings: []}
  const context = {
    checkpoint: (scope: string) => (resumed ? staging.checkpoints.get(resumed.id, scope) : undefined),
  }
  try {
    for await (const unit of adapter.units(context)) {
      const file = await stageUnit(staging, adapter.system, unit, run?.id, dryRun, options)
      result.files.push(file)
      result.warnings.push(...file.notes)
      if (file.status !== 'rejected') {
        for (const [kind, n] of Object.entries(file.counts))
          result.counts[kind] = (result.counts[kind] ?? 0) + n
      }
      delete (file as Partial<typeof file>).counts
      delete (file as Partial<typeof file>).notes
      if (file.status === 'rejected') logger.warn(`${unit.label}: rejected: ${file.error?.message ?? ''}`)
      else logger.debug(`${unit.label}: ${file.records} ${unit.type} records ${file.status}`)
    }
    result.warnings.push(...(options.warnings?.() ?? []))
    if (run) {
      const rejected = result.files.filter((f) => f.status === 'rejected').length
      staging.runs.finish(run.id, rejected ? 'failed' : 'finished', {counts: result.counts, rejected})
    }
    return result
  } catch (error) {
    if (run) staging.runs.finish(run.id, 'failed', {error: String(error)})
    throw error
  }
}

function resumableRun(staging: Staging, system: string, runOptions: Record<string, unknown>) {
  const run = staging.runs.latest('extract', {unfinishedOnly: true})
  const latest = staging.runs.latest('extract')
  if (!run || run.id !== latest?.id || run.sourceSystem !== system) {
    throw new UsageError(`There is no unfinished ${system} extract to resume.`, {
      next: `Run \`qbo migrate extract --from ${system}\` without --resume to extract afresh.`,
    })
  }
  // Page checkpoints only mean something for the same selection: resuming with another --since could skip.
  if (stableStringify(run.options) !== stableStringify(runOptions)) {
    throw new UsageError(
      `The unfinished ${system} extract ran with ${stableStringify(run.options)}, not ${stableStringify(runOptions)}.`,
      {next: 'Resume with the same --tenant and --since, or extract afresh without --resume.'},
    )
  }
  return run
}

async function stageUnit(
  staging: Staging,
  system: string,
  unit: ExtractUnit,
  runId: string | undefined,
  dryRun: boolean,
  options: ExtractOptions,
): Promise<ExtractFileResult & {counts: Record<string, number>; notes: string[]}> {
  if (unit.skip !== undefined) {
    return {
      path: unit.label,
      type: unit.type,
      records: 0,
      status: 'skipped',
      reason: unit.skip,
      counts: {},
      notes: [`${unit.label}: skipped: ${unit.skip}`],
    }
  }
  const counts: Record<string, number> = {}
  let records = 0
  let changed = 0
  const seen = new Set<string>()
  // Records a load already wrote whose content has changed since: the migration will not rewrite them.
  const changedAfterLoad: string[] = []
  const retracted: StagedItem[] = []
  const db = staging.db
  if (!dryRun) db.exec('BEGIN IMMEDIATE')
  try {
    const fileRow = dryRun
      ? undefined
      : staging.sourceFiles.upsert({
          sourceSystem: system,
          path: unit.label,
          fileType: unit.type,
          contentHash: unit.contentHash,
          records: 0,
        })
    for await (const item of unit.records()) {
      checkItem(unit, item, seen)
      if (item.retracted) {
        retracted.push(item)
        continue
      }
      if (item.notStaged) {
        const {entity, reason, ...detail} = item.notStaged
        if (fileRow)
          staging.decisions.record({
            entity,
            sourceSystem: system,
            sourceId: item.id,
            code: 'NOT_STAGED',
            message: reason,
            detail: {kind: item.kind, ...detail},
          })
        continue
      }
      records++
      counts[item.kind] = (counts[item.kind] ?? 0) + 1
      if (fileRow) {
        const outcome = staging.staged.upsert(system, item.kind, item.id, item.record, fileRow.id)
        if (outcome !== 'unchanged') changed++
        if (outcome === 'updated' && staging.staged.touchedByLoad(system, item.id))
          changedAfterLoad.push(`${item.kind} ${item.id}`)
      }
      if (records % PROGRESS_EVERY === 0) options.onProgress?.({unit: unit.label, records})
    }
    const gone = [
      ...(unit.complete
        ? goneRecords(
            staging.staged.absentFromFile(system, unit.label, unit.type, seen, fileRow?.id),
            `the latest version of ${unit.label} does not have it`,
          )
        : []),
      ...goneRecords(stagedRetractions(staging, system, retracted), `${unit.label} reports it deleted`),
    ]
    const {removed, notes} = dropGone(staging, system, unit.label, gone, fileRow === undefined)
    if (changedAfterLoad.length) {
      notes.push(
        `${unit.label}: ${changedAfterLoad.length} records changed after a load wrote them to QBO (${listOf(changedAfterLoad)}); a load does not rewrite them: correct them in QBO (the reconciliation shows each difference)`,
      )
    }
    if (fileRow) {
      staging.sourceFiles.upsert({
        sourceSystem: system,
        path: unit.label,
        fileType: unit.type,
        contentHash: unit.contentHash,
        records,
      })
      if (unit.checkpoint && runId)
        staging.checkpoints.set(runId, unit.checkpoint.scope, unit.checkpoint.position)
      db.exec('COMMIT')
    }
    unit.committed?.()
    options.onProgress?.({unit: unit.label, records})
    const status = dryRun ? 'dry-run' : changed === 0 && removed === 0 ? 'unchanged' : 'staged'
    return {
      path: unit.label,
      type: unit.type,
      records,
      status,
      ...(removed ? {removed} : {}),
      counts,
      notes,
    }
  } catch (error) {
    if (!dryRun && db.inTransaction) db.exec('ROLLBACK')
    if (!isToolError(error) || error.code !== 'USER_INPUT') throw error
    return {
      path: unit.label,
      type: unit.type,
      records: 0,
      status: 'rejected',
      error: {message: error.message, next: error.next, ...(error.data ? {data: error.data} : {})},
      counts,
      notes: [],
    }
  }
}

interface GoneRecord extends AbsentRecord {
  /** Why the source no longer has it, for the warning and the decisions register. */
  why: string
}

const goneRecords = (records: AbsentRecord[], why: string): GoneRecord[] => records.map((r) => ({...r, why}))

/** Retracted records (deleted at the source) that an earlier extract staged. */
function stagedRetractions(staging: Staging, system: string, retracted: StagedItem[]): AbsentRecord[] {
  return retracted
    .filter((item) => staging.staged.get(system, item.kind, item.id))
    .map((item) => ({
      kind: item.kind,
      sourceId: item.id,
      loaded: staging.staged.touchedByLoad(system, item.id),
    }))
}

/**
 * Staged records the source no longer has: a re-exported file lacks them (a bill whose date was corrected has
 * a new id), or the API reports them deleted. Left staged they would be loaded (a corrected record beside its
 * old self, or a deleted one), so they are removed, unless a load has already written (or tried to write)
 * them: those stay, with a warning, because QBO holds them. Both go to the decisions register, which the
 * reconciliation workbook shows. Runs inside the unit's transaction; a dry run only reports.
 */
function dropGone(
  staging: Staging,
  system: string,
  label: string,
  gone: GoneRecord[],
  dryRun: boolean,
): {removed: number; notes: string[]} {
  const removable = gone.filter((r) => !r.loaded)
  const loaded = gone.filter((r) => r.loaded)
  if (!dryRun) {
    for (const r of removable) {
      staging.staged.remove(system, r.kind, r.sourceId)
      staging.decisions.record({
        entity: r.kind,
        sourceSystem: system,
        sourceId: r.sourceId,
        code: 'REMOVED_GONE_FROM_SOURCE',
        message: `Removed from staging before any load: ${r.why}.`,
      })
    }
    for (const r of loaded) {
      staging.decisions.record({
        entity: r.kind,
        sourceSystem: system,
        sourceId: r.sourceId,
        code: 'LOADED_GONE_FROM_SOURCE',
        message: `Already loaded into QBO, but ${r.why}: delete or void it in QBO if it should not be there.`,
      })
    }
  }
  const list = (records: GoneRecord[]) => listOf(records.map((r) => `${r.kind} ${r.sourceId}`))
  const notes: string[] = []
  if (removable.length) {
    notes.push(
      `${label}: ${removable.length} staged records are gone from the source (${removable[0]?.why}) ${dryRun ? 'and would be removed' : 'and were removed'}: ${list(removable)}`,
    )
  }
  if (loaded.length) {
    notes.push(
      `${label}: ${loaded.length} records loaded into QBO earlier are gone from the source (${loaded[0]?.why}): ${list(loaded)}; they stay staged and in QBO: delete or void them in QBO if they should not be there`,
    )
  }
  return {removed: removable.length, notes}
}

/** The first ten of a list of records, for a warning. */
function listOf(records: string[]): string {
  return records.slice(0, 10).join(', ') + (records.length > 10 ? `, and ${records.length - 10} more` : '')
}

/** Two records with one id in one unit would silently overwrite each other: refuse the unit instead. */
function checkItem(unit: ExtractUnit, item: StagedItem, seen: Set<string>): void {
  if (!item.id) throw new UserInputError(`${unit.label}: a record has no source id`, {next: 'Fix the file.'})
  const key = `${item.kind}\u0000${item.id}`
  if (seen.has(key)) {
    throw new UserInputError(`${unit.label}: two ${item.kind} records share the source id "${item.id}"`, {
      next: `Make each ${item.kind} in ${unit.label} unique (for bills: contact + number + date), then run the extract again.`,
      data: {file: unit.label, reason: `duplicate ${item.kind} id ${item.id}`},
    })
  }
  seen.add(key)
}
