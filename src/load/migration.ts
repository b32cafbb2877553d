import type {QboEntity} from '../domain/entities.js'
import {UserInputError} from '../domain/errors.js'
import type {SourceSystem} from '../domain/ids.js'
import {buildContext, resolveRefs} from '../mappers/index.js'
import type {QboClient} from '../qbo/index.js'
import {inTransaction, type Staging} from '../staging/index.js'
import {type Run, runIsLive} from '../staging/runs.js'
import type {Logger} from '../ui/logger.js'
import {type ApplyDeps, type ApplyResult, applyLoad, type EntityProgress, type StepItem} from './apply.js'
import {applyCorrections, type CorrectionCounts} from './corrections.js'
import {migrationLanded} from './landed.js'
import {type Duplicate, findDuplicates, mergeDuplicates} from './duplicates.js'
import {settleInDoubt} from './outbox/settle.js'
import {emptyReport, type WriterDeps} from './outbox/writer.js'
import {buildPlan, type Plan} from './plan.js'
import {asSnapshot, planChanges, planSnapshot} from './plan/snapshot.js'
import type {QboWritePort, RefResolver} from './port.js'
import {clientWritePort} from './qbo-port.js'
import {UNDO_RUN_KIND} from './undo-runs.js'
import {type ResultFiles, writeResultFiles} from './results.js'
import {
  type ConversionOption,
  loadedIds,
  loadedPayloads,
  readStagedCompany,
  saveConversionOption,
  stagedReports,
  userOverrides,
} from './staged-company.js'
import {readTargetCompany} from './target-company.js'

export interface MigrationDeps {
  staging: Staging
  client: QboClient
  logger: Logger
}

/** What a plan is made from: the staged company, the target company as it is now, the user's overrides. */
export async function readPlanInputs(deps: MigrationDeps) {
  const {system, records} = readStagedCompany(deps.staging)
  const target = await readTargetCompany(deps.client)
  const overrides = userOverrides(deps.staging)
  const ctx = buildContext({
    system,
    target,
    overrides,
    records,
    reports: stagedReports(deps.staging),
    loaded: loadedIds(deps.staging, deps.client.realmId),
  })
  return {system, records, target, overrides, ctx}
}

/** Maps every staged record against what the target company holds now. Reads QBO, writes nothing. */
export async function planMigration(
  deps: MigrationDeps,
  options: {batchSize?: number; conversion?: ConversionOption} = {},
): Promise<Plan> {
  saveConversionOption(deps.staging, options.conversion)
  const {system, records, ctx} = await readPlanInputs(deps)
  const plan = buildPlan(records, ctx, {
    ...options,
    effect: true,
    previous: loadedPayloads(deps.staging, deps.client.realmId, system),
  })
  return {...plan, ...rememberPlan(deps.staging, plan, system, deps.client.realmId)}
}

/**
 * Keeps a snapshot of this plan as a finished `plan` run, and compares it with the previous one (for the
 * preview's "Since last plan" sheet). The first plan of a migration file has nothing to compare with.
 */
function rememberPlan(
  staging: Staging,
  plan: Plan,
  system: SourceSystem,
  realmId: string,
): Pick<Plan, 'sincePrevious'> {
  const snapshot = planSnapshot(plan)
  return inTransaction(staging.db, () => {
    const last = staging.runs.latest('plan')
    const before = asSnapshot(last?.summary?.snapshot)
    const run = staging.runs.start({kind: 'plan', sourceSystem: system, realmId})
    staging.runs.finish(run.id, 'finished', {snapshot})
    return last && before
      ? {sincePrevious: {plannedAt: last.startedAt, changes: planChanges(before, snapshot)}}
      : {}
  })
}

export interface LoadOptions {
  resume: boolean
  runId?: string
  only?: ReadonlySet<QboEntity>
  batchSize: number
  dbPath: string
  /** --conversion-date and its choices, kept as the migration's settings (staged-company.ts). */
  conversion?: ConversionOption
  /** Also bring loaded records in line with the current mapping and source (sparse updates). */
  update?: boolean
  /** With update: overwrite fields someone changed in QBO after the load. */
  force?: boolean
}

export interface LoadResult extends ApplyResult {
  requests: {sent: number; retried: number; throttled: number}
  blocked: number
  files: ResultFiles
  /** Writes an earlier run (or this one) sent without getting the answer, and what became of them. */
  recovered: {writes: number; found: number; resent: number; notLanded: number; waitedSeconds: number}
  /** Records QBO holds more than once for one source record. Should always be empty; loud when not. */
  duplicates: Duplicate[]
  /** Set when --resume found nothing to resume and ran a fresh load instead. */
  notice?: string
  /** Corrections: loaded records the current mapping maps differently, and what --update did with them. */
  corrections: {planned: number; updated: number; replaced: number; unchanged: number; parked: number}
}

export interface LoadDeps extends MigrationDeps {
  now: () => number
  sleep: (ms: number) => Promise<void>
  onProgress?: (p: EntityProgress) => void
  onWait?: WriterDeps['onWait']
  stopRequested?: () => boolean
}

/**
 * `qbo migrate load`: settle the writes an earlier run left without an answer, plan against the company as
 * it is now, record what the plan adopts, then run the plan's creates exactly once, and check QBO holds
 * nothing twice. Can be killed at any moment and resumed.
 */
export async function runLoad(deps: LoadDeps, options: LoadOptions): Promise<LoadResult> {
  const {staging, client, logger} = deps
  const port = clientWritePort(client)
  saveConversionOption(staging, options.conversion)
  const {run, notice} = startOrResume(staging, client.realmId, options)
  if (notice) logger.info(notice)
  const report = emptyReport()
  try {
    const writer: WriterDeps = {
      staging,
      port,
      job: 'migration',
      runId: run.id,
      now: deps.now,
      sleep: deps.sleep,
      logger,
      report,
      ...(deps.onWait ? {onWait: deps.onWait} : {}),
      onLanded: migrationLanded(staging, port.realmId, run.id),
    }
    const settled = await settleInDoubt(writer)
    if (settled > 0) {
      logger.info(
        `Resolved ${settled} interrupted writes: ${report.found} were in QBO, ${report.resent} were sent again unchanged, ` +
          `${report.notLanded} had not landed and will be sent again.`,
      )
    }
    // The staged company is read and validated once per run: it is the largest read of a load.
    const {system, records, ctx} = await readPlanInputs(deps)
    const plan = buildPlan(records, ctx, {
      batchSize: options.batchSize,
      previous: loadedPayloads(staging, client.realmId, system),
    })
    recordPlanOutcome(staging, port, plan, run.id, system)
    const items: StepItem[] = plan.records
      .filter((r) => r.action === 'create' && r.payload)
      .map((r) => ({
        entity: r.entity,
        sourceSystem: system,
        sourceId: r.sourceId,
        payload: r.payload!,
        step: r.step,
      }))
    const resolver: RefResolver = (payload, lookup) => resolveRefs(payload, (e, id) => lookup(e, system, id))
    const applyDeps: ApplyDeps = {
      staging,
      port,
      resolveRefs: resolver,
      logger,
      now: deps.now,
      sleep: deps.sleep,
      report,
      ...(deps.onProgress ? {onProgress: deps.onProgress} : {}),
      ...(deps.onWait ? {onWait: deps.onWait} : {}),
      ...(deps.stopRequested ? {stopRequested: deps.stopRequested} : {}),
    }
    const applied = await applyLoad(applyDeps, items, {
      runId: run.id,
      batchSize: options.batchSize,
      ...(options.only ? {only: options.only} : {}),
    })
    for (const [entity, counts] of Object.entries(plan.entities)) {
      if (options.only && !options.only.has(entity as QboEntity)) continue
      const e = (applied.entities[entity] ??= {created: 0, adopted: 0, skipped: 0, parked: 0})
      e.adopted += counts.adopt
      e.skipped += counts.skip + (options.update ? 0 : counts.update)
      e.parked += counts.blocked
    }
    const corrections = await correct(applyDeps, plan, system, run.id, options)
    for (const [entity, c] of Object.entries(corrections.byEntity)) {
      const e = (applied.entities[entity] ??= {created: 0, adopted: 0, skipped: 0, parked: 0})
      e.updated = c.updated + c.replaced
      e.skipped += c.unchanged
      e.parked += c.parked
    }
    if (!options.update && corrections.planned > 0) {
      logger.info(
        `${corrections.planned} loaded records are mapped differently now (see the Corrections sheet of ` +
          '`qbo migrate plan --out preview.xlsx`); `qbo migrate load --update` applies the changes to QBO.',
      )
    }
    const duplicates = mergeDuplicates(report.duplicates, await findDuplicates(staging, port, system))
    const files = writeResultFiles(staging, options.dbPath, run.id, client.realmId, duplicates)
    const result: LoadResult = {
      ...applied,
      requests: client.stats(),
      blocked: plan.issues.length,
      files,
      recovered: {
        writes: settled,
        found: report.found,
        resent: report.resent,
        notLanded: report.notLanded,
        waitedSeconds: Math.round(report.waitedMs / 100) / 10,
      },
      duplicates,
      ...(notice ? {notice} : {}),
      corrections: corrections.totals,
    }
    // The parked list includes corrections that could not be made.
    result.parked = staging.parked.list(run.id).map((p) => ({
      entity: p.entity,
      sourceId: p.sourceId,
      faultCode: p.faultCode,
      message: p.message,
    }))
    staging.runs.finish(run.id, duplicates.length > 0 ? 'failed' : 'finished', {
      entities: result.entities,
      parked: result.parked.length,
      duplicates: duplicates.length,
    })
    return result
  } catch (error) {
    recordInterruption(staging, run.id, error, logger)
    throw error
  }
}

/** The plan's updates: applied with --update (after every create, so new references resolve), else counted. */
async function correct(
  deps: ApplyDeps,
  plan: Plan,
  system: SourceSystem,
  runId: string,
  options: LoadOptions,
): Promise<{
  planned: number
  byEntity: Record<string, CorrectionCounts>
  totals: LoadResult['corrections']
}> {
  const updates = plan.records.filter(
    (r) => r.action === 'update' && r.payload && r.qboId && (!options.only || options.only.has(r.entity)),
  )
  const totals = {planned: updates.length, updated: 0, replaced: 0, unchanged: 0, parked: 0}
  if (!options.update || updates.length === 0) return {planned: updates.length, byEntity: {}, totals}
  const byEntity = await applyCorrections(
    deps,
    updates.map((r) => ({
      entity: r.entity,
      sourceSystem: system,
      sourceId: r.sourceId,
      payload: r.payload!,
      step: r.step,
      qboId: r.qboId!,
    })),
    {runId, batchSize: options.batchSize, ...(options.force ? {force: true} : {})},
  )
  for (const c of Object.values(byEntity)) {
    totals.updated += c.updated
    totals.replaced += c.replaced
    totals.unchanged += c.unchanged
    totals.parked += c.parked
  }
  return {planned: updates.length, byEntity, totals}
}

/**
 * Marks the run interrupted. When that cannot be recorded either (the disk is full, the file was removed),
 * the original error is what the user needs to see: this one only goes to the debug log.
 */
function recordInterruption(staging: Staging, runId: string, error: unknown, logger: Logger): void {
  try {
    staging.runs.finish(runId, 'interrupted', {error: (error as Error).message})
  } catch (second) {
    logger.debug(`Could not record run ${runId} as interrupted: ${(second as Error).message}`)
  }
}

/** One load at a time per migration file: a second one would send the same records in parallel. */
function refuseConcurrentLoad(staging: Staging): void {
  for (const run of staging.runs.list()) {
    const pid = run.options.pid
    // An undo (load/undo.ts) writes to the same records: it excludes a load as another load does.
    if ((run.kind !== 'load' && run.kind !== UNDO_RUN_KIND) || pid === process.pid || !runIsLive(run))
      continue
    throw new UserInputError(
      `Another \`qbo migrate ${run.kind === 'load' ? 'load' : 'undo'}\` (process ${String(pid)}) is writing with this migration file.`,
      {
        next: 'Wait for it to finish (or stop it), then run `qbo migrate load --resume`.',
      },
    )
  }
}

function startOrResume(staging: Staging, realmId: string, options: LoadOptions): {run: Run; notice?: string} {
  return inTransaction(staging.db, () => {
    refuseConcurrentLoad(staging)
    // A run whose process was killed is interrupted, whatever the file still says.
    for (const r of staging.runs.list()) {
      if (r.kind === 'load' && r.status === 'running')
        staging.runs.finish(r.id, 'interrupted', r.summary ?? {})
    }
    return startOrResumeRun(staging, realmId, options)
  })
}

function startOrResumeRun(
  staging: Staging,
  realmId: string,
  options: LoadOptions,
): {run: Run; notice?: string} {
  const runOptions = {batchSize: options.batchSize, pid: process.pid}
  const start = () => staging.runs.start({kind: 'load', realmId, options: runOptions})
  if (!options.resume && !options.runId) return {run: start()}
  const run = options.runId
    ? staging.runs.get(options.runId)
    : staging.runs.latest('load', {unfinishedOnly: true})
  if (!run && !options.runId) {
    // Killed before its run was recorded, or never started: a plain load is the same thing.
    return {
      run: start(),
      notice:
        'There is no unfinished load to resume, so this is a fresh `qbo migrate load`: it is the same thing, ' +
        'since a load skips what is already in QBO and first settles any write left without an answer.',
    }
  }
  if (!run || run.kind !== 'load') {
    throw new UserInputError(`No load run ${options.runId} in this file.`, {
      next: 'Run `qbo migrate status` to see the runs, or `qbo migrate load` to start one.',
    })
  }
  if (run.realmId && run.realmId !== realmId) {
    throw new UserInputError(`Run ${run.id} loaded realm ${run.realmId}, not ${realmId}.`, {
      next: `Resume it with --realm ${run.realmId}.`,
    })
  }
  staging.runs.reopen(run.id, {...run.options, ...runOptions})
  return {run}
}

/** Adopted records and QBO's own system accounts go into the id map, so references to them resolve. */
function recordPlanOutcome(
  staging: Staging,
  port: QboWritePort,
  plan: Plan,
  runId: string,
  system: SourceSystem,
): void {
  inTransaction(staging.db, () => {
    for (const r of plan.records) {
      if (
        (r.action === 'adopt' || r.action === 'skip') &&
        r.qboId &&
        !staging.idMap.get(port.realmId, r.entity, system, r.sourceId)
      ) {
        staging.idMap.put({
          realmId: port.realmId,
          entity: r.entity,
          sourceSystem: system,
          sourceId: r.sourceId,
          qboId: r.qboId,
          syncToken: '',
          how: 'adopted',
          runId,
        })
      }
      if (r.action === 'blocked') {
        // Not written, so reported with the parked records: nothing leaves the migration unaccounted for.
        const issue = r.issues[0]
        staging.parked.park({
          runId,
          entity: r.entity,
          sourceSystem: system,
          sourceId: r.sourceId,
          faultCode: issue?.code ?? 'BLOCKED',
          message: r.issues.map((i) => i.message).join('; ') || (r.reason ?? 'blocked by the plan'),
          element: null,
          suggestedFix: issue?.fix ?? 'See `qbo migrate plan --out preview.xlsx`.',
        })
      }
      for (const d of r.decisions) {
        staging.decisions.record({
          entity: r.entity,
          sourceSystem: system,
          sourceId: r.sourceId,
          code: d.code,
          message: d.message,
          detail: d.detail,
        })
      }
    }
  })
}
