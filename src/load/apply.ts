import type {QboEntity} from '../domain/entities.js'
import {RetryableError} from '../domain/errors.js'
import {contentHash, requestIdFor} from '../domain/ids.js'
import {inBatches} from '../domain/qbo-limits.js'
import {inTransaction, type Staging} from '../staging/index.js'
import type {ParkedRecord} from '../staging/parked.js'
import type {Logger} from '../ui/logger.js'
import {identityOf} from './identity.js'
import {migrationLanded, recordCreated} from './landed.js'
import {sendWrites} from './outbox/send.js'
import type {Write, WriteOutcome} from './outbox/write.js'
import type {WriterDeps, WriterReport} from './outbox/writer.js'
import type {ExistingRecord, LoadItem, QboFault, QboWritePort, RefResolver} from './port.js'
import {suggestedFix, triage} from './triage.js'

export interface EntityCounts {
  created: number
  adopted: number
  skipped: number
  parked: number
  /** Loaded records brought in line with the current mapping (`load --update`). */
  updated?: number
}

export interface EntityProgress extends EntityCounts {
  entity: QboEntity
  total: number
}

export interface ApplyDeps {
  staging: Staging
  port: QboWritePort
  resolveRefs: RefResolver
  logger: Logger
  now: () => number
  sleep: (ms: number) => Promise<void>
  onProgress?: (progress: EntityProgress) => void
  /** While waiting for writes that may still be in flight at QBO. */
  onWait?: WriterDeps['onWait']
  /** Shared with the run's settling of earlier writes, so one report covers both. */
  report: WriterReport
  /** Checked between batches: when it says stop, the load stops after the batch in hand (Ctrl-C). */
  stopRequested?: () => boolean
}

export interface ApplyOptions {
  runId: string
  /** Items per batch, at most QBO's 30. */
  batchSize: number
  only?: ReadonlySet<QboEntity>
  /** Attempts per item for retryable faults before it is parked. */
  maxAttempts?: number
}

export interface ApplyResult {
  runId: string
  realmId: string
  entities: Record<string, EntityCounts>
  parked: {entity: string; sourceId: string; faultCode: string; message: string}[]
}

/** One create of the plan, with the step the plan gave it. */
export interface StepItem extends LoadItem {
  /** Records of one step may share a batch; every dependency of a record sits in an earlier step. */
  step: number
}

interface Prepared {
  item: StepItem
  write: Write
}

/**
 * Runs the plan's creates as planned: step after step in the order given, each step's records of one entity
 * in batches of up to 30, so a record is only sent once everything it refers to is in QBO. Each write goes
 * through the outbox (load/outbox): exactly once, even when an answer is lost. One bad item never stops or
 * undoes its batch: it is retried, adopted or parked.
 */
export async function applyLoad(
  deps: ApplyDeps,
  items: readonly StepItem[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const entities: Record<string, EntityCounts> = {}
  const totals = new Map<QboEntity, number>()
  for (const i of items) totals.set(i.entity, (totals.get(i.entity) ?? 0) + 1)
  for (const group of stepGroups(items, options.only)) {
    const counts = (entities[group.entity] ??= {created: 0, adopted: 0, skipped: 0, parked: 0})
    const total = totals.get(group.entity) ?? 0
    await loadGroup(deps, group.items, counts, options, () =>
      deps.onProgress?.({entity: group.entity, total, ...counts}),
    )
  }
  const parked = deps.staging.parked.list(options.runId).map((p) => ({
    entity: p.entity,
    sourceId: p.sourceId,
    faultCode: p.faultCode,
    message: p.message,
  }))
  return {runId: options.runId, realmId: deps.port.realmId, entities, parked}
}

/** Consecutive items of one step and one entity, in the plan's order. */
function stepGroups(
  items: readonly StepItem[],
  only: ReadonlySet<QboEntity> | undefined,
): {entity: QboEntity; items: StepItem[]}[] {
  const groups: {step: number; entity: QboEntity; items: StepItem[]}[] = []
  for (const item of items) {
    if (only && !only.has(item.entity)) continue
    const last = groups.at(-1)
    if (last && last.step === item.step && last.entity === item.entity) last.items.push(item)
    else groups.push({step: item.step, entity: item.entity, items: [item]})
  }
  return groups
}

async function loadGroup(
  deps: ApplyDeps,
  items: readonly StepItem[],
  counts: EntityCounts,
  options: ApplyOptions,
  progress: () => void,
): Promise<void> {
  const {staging, port} = deps
  const maxAttempts = options.maxAttempts ?? 3
  const attempts = new Map<string, number>()
  const requeued = new Set<string>()
  const writer = writerDeps(deps, options.runId)

  let queue: StepItem[] = []
  for (const item of items) {
    if (staging.idMap.get(port.realmId, item.entity, item.sourceSystem, item.sourceId)) counts.skipped++
    else queue.push(item)
  }
  progress()

  while (queue.length > 0) {
    const retryLater: StepItem[] = []
    for (const batch of inBatches(queue, options.batchSize)) {
      deps.staging.ensureInPlace()
      if (deps.stopRequested?.()) {
        throw new RetryableError('The load was stopped before it finished; every batch sent was recorded.', {
          next: 'Run `qbo migrate load --resume` to finish it: nothing already written is written again.',
        })
      }
      const prepared: Prepared[] = []
      for (const item of batch) {
        const ready = prepare(deps, item, options.runId)
        if (ready) prepared.push(ready)
        else counts.parked++
      }
      if (prepared.length > 0) {
        const outcomes = await sendWrites(
          writer,
          prepared.map((p) => p.write),
        )
        for (const p of prepared) {
          const next = await settleItem(deps, p, outcomes.get(p.write.requestId), options.runId, {
            attempts,
            requeued,
            maxAttempts,
          })
          if (next === 'retry') retryLater.push(p.item)
          else counts[next]++
        }
      }
      progress()
    }
    queue = retryLater
  }
}

/** The writer for the migration's creates: a landed create goes into the id map, with its checkpoint. */
function writerDeps(deps: ApplyDeps, runId: string): WriterDeps {
  return {
    staging: deps.staging,
    port: deps.port,
    job: 'migration',
    runId,
    now: deps.now,
    sleep: deps.sleep,
    logger: deps.logger,
    report: deps.report,
    ...(deps.onWait ? {onWait: deps.onWait} : {}),
    onLanded: migrationLanded(deps.staging, deps.port.realmId, runId),
  }
}

/** What one item's outcome means: counted as created or adopted, parked, or retried later. */
async function settleItem(
  deps: ApplyDeps,
  p: Prepared,
  outcome: WriteOutcome | undefined,
  runId: string,
  state: {attempts: Map<string, number>; requeued: Set<string>; maxAttempts: number},
): Promise<'created' | 'adopted' | 'parked' | 'retry'> {
  if (outcome?.ok) return 'created'
  const fault: QboFault = outcome?.fault ?? {code: 'NO_RESPONSE', message: 'no outcome for this item'}
  const decision = triage(fault)
  const key = p.item.sourceId
  const tries = (state.attempts.get(key) ?? 0) + 1
  state.attempts.set(key, tries)
  if (decision.action === 'retry') {
    // A server error or a missing answer may still have written the record: look before sending again.
    const landed = fault.code === 'NOT_LANDED' ? undefined : await findWritten(deps, p)
    if (landed) {
      commitFound(deps, p, landed, 'created', runId)
      return 'created'
    }
    if (tries < state.maxAttempts) return 'retry'
  }
  if (decision.action === 'requeue' && !state.requeued.has(key)) {
    state.requeued.add(key)
    return 'retry'
  }
  if (decision.action === 'adoptIfSame' && (await adoptExisting(deps, p, runId))) return 'adopted'
  park(deps, p.item, fault, runId)
  return 'parked'
}

/** Resolves references, fixes the write's id, payload hash and look-up; parks the item if it cannot go. */
function prepare(deps: ApplyDeps, item: StepItem, runId: string): Prepared | undefined {
  const {staging, port} = deps
  const {payload, unresolved} = deps.resolveRefs(item.payload, (entity, sourceSystem, sourceId) => {
    return staging.idMap.get(port.realmId, entity, sourceSystem, sourceId)?.qboId
  })
  if (unresolved.length > 0) {
    const missing = unresolved.map((u) => `${u.entity} ${u.sourceId}`).join(', ')
    park(
      deps,
      item,
      {code: 'DEPENDENCY_NOT_LOADED', message: `Refers to records that are not in QBO: ${missing}`},
      runId,
      'Fix the parked records it refers to (see this file), then run `qbo migrate load --resume`.',
    )
    return undefined
  }
  const identity = identityOf(item.entity, payload)
  if (!identity) {
    // Without a name or marker a lost answer could never be checked, so the record could be written twice.
    park(
      deps,
      item,
      {code: 'NO_IDENTITY', message: 'The payload has no name or PrivateNote marker to find it by in QBO'},
      runId,
      'This is a bug in qbo-toolkit (every mapped record carries one): report it with `qbo migrate plan --json`.',
    )
    return undefined
  }
  const payloadHash = contentHash(payload)
  return {
    item,
    write: {
      requestId: requestIdFor(port.realmId, item.entity, item.sourceSystem, item.sourceId, payloadHash),
      entity: item.entity,
      sourceSystem: item.sourceSystem,
      sourceId: item.sourceId,
      operation: 'create',
      payload,
      payloadHash,
      probe: {kind: 'identity', identity},
      ...(DUPLICATE_NUMBERS_ALLOWED.has(item.entity) ? {optionsData: 'allowduplicatedocnum'} : {}),
    },
  }
}

/**
 * Supplier documents carry the supplier's own number, and different suppliers (or one supplier over the
 * years) reuse numbers: the source keys them by contact, number and date, and the loader never relies on
 * DocNumber to avoid duplicates (requestid, id map and PrivateNote marker do that). QBO refuses a repeated
 * DocNumber (6140) unless the write says `include=allowduplicatedocnum` (REF:bill); inside a batch that rides
 * in the item's optionsData, as `void` does (B23). Intuit documents optionsData only for void; a user of
 * Intuit's .NET SDK reports allowduplicatedocnum working there (intuit/QuickBooks-V3-DotNET-SDK#175), so
 * this is corroborated, not documented. Our own sales numbers keep QBO's check: a clash there means QBO
 * already holds a document with that number.
 */
const DUPLICATE_NUMBERS_ALLOWED: ReadonlySet<QboEntity> = new Set(['Bill', 'VendorCredit'])

function commitFound(
  deps: ApplyDeps,
  p: Prepared,
  found: ExistingRecord,
  how: 'created' | 'adopted',
  runId: string,
): void {
  const {staging, port} = deps
  inTransaction(staging.db, () => {
    if (how === 'created')
      recordCreated(staging, port.realmId, runId, {...p.item, payload: p.write.payload}, found)
    else {
      staging.idMap.put({
        realmId: port.realmId,
        entity: p.item.entity,
        sourceSystem: p.item.sourceSystem,
        sourceId: p.item.sourceId,
        qboId: found.id,
        syncToken: found.syncToken,
        how,
        runId,
      })
      staging.parked.unpark(runId, p.item.entity, p.item.sourceSystem, p.item.sourceId)
    }
  })
}

/** The record in QBO with this item's identity (name, or our marker), if any; the oldest when several. */
async function findWritten(deps: ApplyDeps, p: Prepared): Promise<ExistingRecord | undefined> {
  if (p.write.probe.kind !== 'identity') return undefined
  const found = await deps.port.findExisting(p.item.entity, p.write.probe.identity)
  return [...found].sort((a, b) => Number(a.id) - Number(b.id))[0]
}

/** A duplicate name or number: adopt the existing record when it is this one (same name, or our marker). */
async function adoptExisting(deps: ApplyDeps, p: Prepared, runId: string): Promise<boolean> {
  const first = await findWritten(deps, p)
  if (!first) return false
  commitFound(deps, p, first, 'adopted', runId)
  deps.staging.decisions.record({
    entity: p.item.entity,
    sourceSystem: p.item.sourceSystem,
    sourceId: p.item.sourceId,
    code: 'ADOPTED_EXISTING',
    message: `QBO already held this ${p.item.entity} (Id ${first.id}); it was adopted, not created again.`,
  })
  return true
}

function park(deps: ApplyDeps, item: StepItem, fault: QboFault, runId: string, fix?: string): void {
  const record: ParkedRecord = {
    runId,
    entity: item.entity,
    sourceSystem: item.sourceSystem,
    sourceId: item.sourceId,
    faultCode: fault.code,
    message: fault.detail ? `${fault.message}: ${fault.detail}` : fault.message,
    element: fault.element || null,
    suggestedFix: fix ?? suggestedFix(fault.code),
  }
  deps.staging.parked.park(record)
}
