import type {QboEntity} from '../domain/entities.js'
import {UserInputError} from '../domain/errors.js'
import type {SourceSystem} from '../domain/ids.js'
import {buildContext, resolveRefs} from '../mappers/index.js'
import type {QboClient} from '../qbo/index.js'
import {inTransaction, type Staging} from '../staging/index.js'
import type {Run} from '../staging/runs.js'
import type {Logger} from '../ui/logger.js'
import {type ApplyResult, applyLoad, type EntityProgress} from './apply.js'
import {buildPlan, type Plan} from './plan.js'
import type {LoadItem, QboWritePort, RefResolver} from './port.js'
import {clientWritePort} from './qbo-port.js'
import {type ResultFiles, writeResultFiles} from './results.js'
import {
  type ConversionOption,
  loadedIds,
  readStagedCompany,
  saveConversionOption,
  stagedReports,
  userOverrides,
} from './staged-company.js'
import {readTargetCompany} from './target-company.js'
import {resolveUnknownWrites} from './unknown-writes.js'

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
  const {records, ctx} = await readPlanInputs(deps)
  return buildPlan(records, ctx, options)
}

export interface LoadOptions {
  resume: boolean
  runId?: string
  only?: ReadonlySet<QboEntity>
  batchSize: number
  dbPath: string
  /** --conversion-date and its choices, kept as the migration's settings (staged-company.ts). */
  conversion?: ConversionOption
}

export interface LoadResult extends ApplyResult {
  requests: {sent: number; retried: number; throttled: number}
  blocked: number
  files: ResultFiles
}

/**
 * `qbo migrate load`: resolve any write left unknown by an earlier run, plan against the company as it is
 * now, record what the plan adopts, then create the rest exactly once. Can be killed at any moment and resumed.
 */
export async function runLoad(
  deps: MigrationDeps & {onProgress?: (p: EntityProgress) => void},
  options: LoadOptions,
): Promise<LoadResult> {
  const {staging, client, logger} = deps
  const port = clientWritePort(client)
  saveConversionOption(staging, options.conversion)
  const run = startOrResume(staging, client.realmId, options)
  try {
    await resolveUnknownWrites(staging, port, run.id, logger)
    // The staged company is read and validated once per run: it is the largest read of a load.
    const {system, records, ctx} = await readPlanInputs(deps)
    const plan = buildPlan(records, ctx, {batchSize: options.batchSize})
    recordPlanOutcome(staging, port, plan, run.id, system)
    const items: LoadItem[] = plan.records
      .filter((r) => r.action === 'create' && r.payload)
      .map((r) => ({entity: r.entity, sourceSystem: system, sourceId: r.sourceId, payload: r.payload!}))
    const resolver: RefResolver = (payload, lookup) => resolveRefs(payload, (e, id) => lookup(e, system, id))
    const applied = await applyLoad(
      {
        staging,
        port,
        resolveRefs: resolver,
        logger,
        ...(deps.onProgress ? {onProgress: deps.onProgress} : {}),
      },
      items,
      {runId: run.id, batchSize: options.batchSize, ...(options.only ? {only: options.only} : {})},
    )
    for (const [entity, counts] of Object.entries(plan.entities)) {
      if (options.only && !options.only.has(entity as QboEntity)) continue
      const e = (applied.entities[entity] ??= {created: 0, adopted: 0, skipped: 0, parked: 0})
      e.adopted += counts.adopt
      e.skipped += counts.skip
      e.parked += counts.blocked
    }
    const files = writeResultFiles(staging, options.dbPath, run.id, client.realmId)
    const result: LoadResult = {
      ...applied,
      requests: client.stats(),
      blocked: plan.issues.length,
      files,
    }
    staging.runs.finish(run.id, 'finished', {entities: result.entities, parked: result.parked.length})
    return result
  } catch (error) {
    staging.runs.finish(run.id, 'interrupted', {error: (error as Error).message})
    throw error
  }
}

/** One load at a time per migration file: a second one would send the same records in parallel. */
function refuseConcurrentLoad(staging: Staging): void {
  for (const run of staging.runs.list()) {
    const pid = run.options.pid
    if (run.kind !== 'load' || run.status !== 'running' || typeof pid !== 'number' || pid === process.pid)
      continue
    if (processAlive(pid)) {
      throw new UserInputError(
        `Another \`qbo migrate load\` (process ${pid}) is writing with this migration file.`,
        {
          next: 'Wait for it to finish (or stop it), then run `qbo migrate load --resume`.',
        },
      )
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function startOrResume(staging: Staging, realmId: string, options: LoadOptions): Run {
  return inTransaction(staging.db, () => {
    refuseConcurrentLoad(staging)
    return startOrResumeRun(staging, realmId, options)
  })
}

function startOrResumeRun(staging: Staging, realmId: string, options: LoadOptions): Run {
  const runOptions = {batchSize: options.batchSize, pid: process.pid}
  if (!options.resume && !options.runId) {
    return staging.runs.start({kind: 'load', realmId, options: runOptions})
  }
  const run = options.runId
    ? staging.runs.get(options.runId)
    : staging.runs.latest('load', {unfinishedOnly: true})
  if (!run || run.kind !== 'load') {
    throw new UserInputError(
      options.runId ? `No load run ${options.runId} in this file.` : 'There is no unfinished load to resume.',
      {
        next: 'Run `qbo migrate status` to see the runs, or `qbo migrate load` to start one.',
      },
    )
  }
  if (run.realmId && run.realmId !== realmId) {
    throw new UserInputError(`Run ${run.id} loaded realm ${run.realmId}, not ${realmId}.`, {
      next: `Resume it with --realm ${run.realmId}.`,
    })
  }
  staging.runs.reopen(run.id, {...run.options, ...runOptions})
  return run
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
