import {LOAD_ORDER, type QboEntity} from '../domain/entities.js'
import {RetryableError} from '../domain/errors.js'
import {contentHash, requestIdFor, stableStringify} from '../domain/ids.js'
import {inTransaction, type Staging} from '../staging/index.js'
import type {ParkedRecord} from '../staging/parked.js'
import type {Logger} from '../ui/logger.js'
import {identityOf} from './identity.js'
import type {BatchItemOutcome, ExistingRecord, LoadItem, QboFault, QboWritePort, RefResolver} from './port.js'
import {suggestedFix, triage} from './triage.js'
import {resolveUnknownWrites} from './unknown-writes.js'

export interface EntityCounts {
  created: number
  adopted: number
  skipped: number
  parked: number
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
  onProgress?: (progress: EntityProgress) => void
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
  recoveredUnknown: {adopted: number; notFound: number}
}

interface Prepared {
  item: LoadItem
  payload: Record<string, unknown>
  requestId: string
  payloadHash: string
  identityJson: string | undefined
}

/**
 * Loads the planned creates into QBO, exactly once: entities in dependency order, batches of up to 30, an
 * outbox row per item committed before its batch is sent, and the id map with the outbox result committed in
 * one transaction when the answer arrives. One bad item never stops or undoes its batch.
 */
export async function applyLoad(
  deps: ApplyDeps,
  items: readonly LoadItem[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const {staging, port} = deps
  const recovered = await resolveUnknownWrites(staging, port, options.runId, deps.logger)
  if (recovered.adopted + recovered.notFound > 0) {
    deps.logger.info(
      `Resolved ${recovered.adopted + recovered.notFound} interrupted writes: ${recovered.adopted} were in QBO and adopted, ` +
        `${recovered.notFound} had not landed and will be sent again.`,
    )
  }
  const byEntity = new Map<QboEntity, LoadItem[]>()
  for (const item of items) {
    if (options.only && !options.only.has(item.entity)) continue
    const list = byEntity.get(item.entity) ?? []
    list.push(item)
    byEntity.set(item.entity, list)
  }
  const entities: Record<string, EntityCounts> = {}
  for (const entity of LOAD_ORDER) {
    const list = byEntity.get(entity)
    if (!list) continue
    entities[entity] = await loadEntity(deps, entity, list, options)
  }
  const parked = staging.parked.list(options.runId).map((p) => ({
    entity: p.entity,
    sourceId: p.sourceId,
    faultCode: p.faultCode,
    message: p.message,
  }))
  return {runId: options.runId, realmId: port.realmId, entities, parked, recoveredUnknown: recovered}
}

async function loadEntity(
  deps: ApplyDeps,
  entity: QboEntity,
  items: LoadItem[],
  options: ApplyOptions,
): Promise<EntityCounts> {
  const {staging, port} = deps
  const counts: EntityCounts = {created: 0, adopted: 0, skipped: 0, parked: 0}
  const progress = () => deps.onProgress?.({entity, total: items.length, ...counts})
  const maxAttempts = options.maxAttempts ?? 3
  const attempts = new Map<string, number>()
  const requeued = new Set<string>()

  let queue: LoadItem[] = []
  for (const item of items) {
    if (staging.idMap.get(port.realmId, entity, item.sourceSystem, item.sourceId)) counts.skipped++
    else queue.push(item)
  }
  progress()

  while (queue.length > 0) {
    const retryLater: LoadItem[] = []
    for (let start = 0; start < queue.length; start += options.batchSize) {
      const chunk = queue.slice(start, start + options.batchSize)
      const prepared: Prepared[] = []
      for (const item of chunk) {
        const ready = prepare(deps, item, options.runId)
        if (ready) prepared.push(ready)
        else counts.parked++
      }
      if (prepared.length === 0) {
        progress()
        continue
      }
      const outcomes = await sendBatch(deps, entity, prepared, options.runId)
      for (const p of prepared) {
        const outcome = outcomes.get(p.requestId)
        const key = p.item.sourceId
        if (outcome?.ok) {
          commitWritten(deps, p, outcome.id, outcome.syncToken, 'created', options.runId)
          counts.created++
          continue
        }
        const fault: QboFault = outcome
          ? outcome.fault
          : {code: 'NO_ANSWER', message: 'QBO returned no result for this item'}
        const decision = outcome ? triage(fault) : {action: 'retry' as const}
        const tries = (attempts.get(key) ?? 0) + 1
        attempts.set(key, tries)
        if (decision.action === 'retry') {
          // A server error or a missing answer may still have written the record: look before sending again.
          const landed = await findWritten(deps, p)
          if (landed) {
            commitWritten(deps, p, landed.id, landed.syncToken, 'created', options.runId)
            counts.created++
            continue
          }
          if (tries < maxAttempts) {
            staging.outbox.mark(p.requestId, 'failed', `${fault.code} ${fault.message}`)
            retryLater.push(p.item)
            continue
          }
        }
        if (decision.action === 'requeue' && !requeued.has(key)) {
          requeued.add(key)
          staging.outbox.mark(p.requestId, 'failed', `${fault.code} ${fault.message}`)
          retryLater.push(p.item)
          continue
        }
        if (decision.action === 'adoptIfSame') {
          const adopted = await adoptExisting(deps, p, options.runId)
          if (adopted) {
            counts.adopted++
            continue
          }
        }
        park(deps, p, fault, options.runId)
        counts.parked++
      }
      progress()
    }
    queue = retryLater
  }
  return counts
}

/** Resolves references and fixes the payload's hash and request id; parks the item if a dependency is missing. */
function prepare(deps: ApplyDeps, item: LoadItem, runId: string): Prepared | undefined {
  const {staging, port} = deps
  const {payload, unresolved} = deps.resolveRefs(item.payload, (entity, sourceSystem, sourceId) => {
    return staging.idMap.get(port.realmId, entity, sourceSystem, sourceId)?.qboId
  })
  if (unresolved.length > 0) {
    const missing = unresolved.map((u) => `${u.entity} ${u.sourceId}`).join(', ')
    staging.parked.park({
      runId,
      entity: item.entity,
      sourceSystem: item.sourceSystem,
      sourceId: item.sourceId,
      faultCode: 'DEPENDENCY_NOT_LOADED',
      message: `Refers to records that are not in QBO: ${missing}`,
      element: null,
      suggestedFix:
        'Fix the parked records it refers to (see this file), then run `qbo migrate load --resume`.',
    })
    return undefined
  }
  const payloadHash = contentHash(payload)
  const identity = identityOf(item.entity, payload)
  return {
    item,
    payload,
    payloadHash,
    requestId: requestIdFor(port.realmId, item.entity, item.sourceSystem, item.sourceId, payloadHash),
    identityJson: identity ? stableStringify(identity) : undefined,
  }
}

/**
 * Records the batch in the outbox, then sends it. If the answer never arrives the outbox rows stay 'sent' and
 * the next run resolves them by looking the records up, before sending anything else.
 */
async function sendBatch(
  deps: ApplyDeps,
  entity: QboEntity,
  prepared: Prepared[],
  runId: string,
): Promise<Map<string, BatchItemOutcome>> {
  const {staging, port} = deps
  const attempt = Math.max(0, ...prepared.map((p) => staging.outbox.get(p.requestId)?.attempts ?? 0))
  const batchId = requestIdFor('batch', port.realmId, String(attempt), ...prepared.map((p) => p.requestId))
  const withBids = prepared.map((p, i) => ({...p, bId: `b${i + 1}`}))
  inTransaction(staging.db, () => {
    for (const p of withBids) {
      staging.outbox.record({
        requestId: p.requestId,
        runId,
        realmId: port.realmId,
        entity,
        sourceSystem: p.item.sourceSystem,
        sourceId: p.item.sourceId,
        operation: 'create',
        payloadHash: p.payloadHash,
        batchId,
        bid: p.bId,
        ...(p.identityJson ? {identityJson: p.identityJson} : {}),
      })
      staging.outbox.mark(p.requestId, 'sent')
    }
  })
  let outcomes: BatchItemOutcome[]
  try {
    outcomes = await port.createBatch(
      entity,
      batchId,
      withBids.map((p) => ({bId: p.bId, payload: p.payload})),
    )
  } catch (error) {
    throw new RetryableError(`The load stopped while writing ${entity}: ${(error as Error).message}`, {
      next: 'Run `qbo migrate load --resume` to finish; writes whose answer was lost are looked up first, never repeated.',
      cause: error,
    })
  }
  const byBid = new Map(outcomes.map((o) => [o.bId, o]))
  return new Map(
    withBids.flatMap((p) => (byBid.has(p.bId) ? [[p.requestId, byBid.get(p.bId)!] as const] : [])),
  )
}

function commitWritten(
  deps: ApplyDeps,
  p: Prepared,
  qboId: string,
  syncToken: string,
  how: 'created' | 'adopted',
  runId: string,
): void {
  const {staging, port} = deps
  inTransaction(staging.db, () => {
    staging.idMap.put({
      realmId: port.realmId,
      entity: p.item.entity,
      sourceSystem: p.item.sourceSystem,
      sourceId: p.item.sourceId,
      qboId,
      syncToken,
      how,
      runId,
    })
    staging.outbox.mark(p.requestId, 'succeeded')
    staging.parked.unpark(runId, p.item.entity, p.item.sourceSystem, p.item.sourceId)
    staging.checkpoints.set(runId, p.item.entity, p.item.sourceId)
  })
}

/** The record in QBO with this item's identity (name, or our marker), if any; the oldest when several. */
async function findWritten(deps: ApplyDeps, p: Prepared): Promise<ExistingRecord | undefined> {
  const identity = identityOf(p.item.entity, p.payload)
  if (!identity) return undefined
  const found = await deps.port.findExisting(p.item.entity, identity)
  return [...found].sort((a, b) => Number(a.id) - Number(b.id))[0]
}

/** A duplicate name or number: adopt the existing record when it is this one (same name, or our marker). */
async function adoptExisting(deps: ApplyDeps, p: Prepared, runId: string): Promise<boolean> {
  const first = await findWritten(deps, p)
  if (!first) return false
  commitWritten(deps, p, first.id, first.syncToken, 'adopted', runId)
  deps.staging.decisions.record({
    entity: p.item.entity,
    sourceSystem: p.item.sourceSystem,
    sourceId: p.item.sourceId,
    code: 'ADOPTED_EXISTING',
    message: `QBO already held this ${p.item.entity} (Id ${first.id}); it was adopted, not created again.`,
  })
  return true
}

function park(deps: ApplyDeps, p: Prepared, fault: QboFault, runId: string): void {
  const record: ParkedRecord = {
    runId,
    entity: p.item.entity,
    sourceSystem: p.item.sourceSystem,
    sourceId: p.item.sourceId,
    faultCode: fault.code,
    message: fault.detail ? `${fault.message}: ${fault.detail}` : fault.message,
    element: fault.element || null,
    suggestedFix: suggestedFix(fault.code),
  }
  inTransaction(deps.staging.db, () => {
    deps.staging.parked.park(record)
    deps.staging.outbox.mark(p.requestId, 'failed', `${fault.code} ${fault.message}`)
  })
}
