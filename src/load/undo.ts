import {LIST_ENTITIES, type QboEntity} from '../domain/entities.js'
import {contentHash, requestIdFor} from '../domain/ids.js'
import {type QboClient, select} from '../qbo/index.js'
import {inTransaction, type Staging} from '../staging/index.js'
import type {IdMapEntry} from '../staging/id-map.js'
import type {Logger} from '../ui/logger.js'
import {settleInDoubt} from './outbox/settle.js'
import {selectRuns, startUndoRun} from './undo-runs.js'
import {sendWrites} from './outbox/send.js'
import type {Write} from './outbox/write.js'
import {emptyReport, type LandedWrite, type WriterDeps, type WriterReport} from './outbox/writer.js'
import {clientWritePort} from './qbo-port.js'
import {
  holdInUse,
  type InUse,
  keepWhatStays,
  planUndo,
  type UndoItem,
  type UndoRefusal,
  undoBatches,
} from './undo-plan.js'
import {type UndoFiles, type UndoneRecord, writeUndoFiles} from './undo-results.js'

/** The undo's own outbox rows: settled and resumed by the next `qbo migrate undo`, never by a load. */
export const UNDO_JOB = 'migration-undo'

export interface UndoDeps {
  staging: Staging
  client: QboClient
  logger: Logger
  now: () => number
  sleep: (ms: number) => Promise<void>
  onWait?: WriterDeps['onWait']
  onProgress?: (p: {done: number; total: number; entity: string}) => void
}

export interface UndoOptions {
  /** Undo this load run; without it (and without `all`) the latest load run that created records. */
  runId?: string
  all?: boolean
  dryRun?: boolean
  /** Undo records changed in QBO after the load too. */
  force?: boolean
  batchSize: number
  dbPath: string
}

export interface UndoCounts {
  deleted: number
  deactivated: number
  /** Already gone from QBO (or already inactive): only the id map changed. */
  gone: number
  refused: number
  failed: number
}

export interface UndoResult {
  /** The undo's own run (absent on a dry run). */
  runId?: string
  realmId: string
  dryRun: boolean
  /** The load runs undone. */
  loadRuns: string[]
  entities: Record<string, UndoCounts>
  /** Dry run: every record that would be undone, in order. */
  planned?: UndoItem[]
  refused: UndoRefusal[]
  failed: UndoRefusal[]
  /** Records the load adopted (matched in QBO): left alone. */
  adoptedLeft: number
  recovered: {writes: number; found: number; resent: number; notLanded: number; waitedSeconds: number}
  requests: {sent: number; retried: number; throttled: number}
  files?: UndoFiles
}

/** A stale object between our read and the write: read again, then decide again. */
const STALE = '5010'
const COUNTED = {deleted: 'deleted', deactivated: 'deactivated', 'already gone': 'gone'} as const
const NOT_FOUND = '610'
const MAX_ROUNDS = 3

/**
 * `qbo migrate undo`: takes out of QBO what load runs created, exactly once and resumable (docs/corrections.md).
 * Settles what a killed undo left in flight, reads the company, refuses what was changed in QBO after the
 * load (unless forced), then deletes transactions and makes list records inactive, settlements first and
 * parents last, each through the outbox, removing each record from the id map in the transaction that
 * records QBO's answer. Adopted records are never touched.
 */
export async function runUndo(deps: UndoDeps, options: UndoOptions): Promise<UndoResult> {
  const {staging, client, logger} = deps
  const realmId = client.realmId
  const port = clientWritePort(client)
  const report = emptyReport()
  const undone: UndoneRecord[] = []
  const run = options.dryRun ? undefined : startUndoRun(staging, realmId, options, deps.now())
  try {
    const writer: WriterDeps = {
      staging,
      port,
      job: UNDO_JOB,
      runId: run?.id ?? 'dry-run',
      now: deps.now,
      sleep: deps.sleep,
      logger,
      report,
      ...(deps.onWait ? {onWait: deps.onWait} : {}),
      onLanded: (write, landed) => undone.push(undoLanded(staging, realmId, write, landed.id)),
    }
    const settled = options.dryRun ? 0 : await settleInDoubt(writer)
    if (settled > 0) {
      logger.info(
        `Resolved ${settled} interrupted undo writes: ${report.found} were done in QBO, ${report.resent} were sent again unchanged, ` +
          `${report.notLanded} had not landed.`,
      )
    }
    const loadRuns = selectRuns(staging, realmId, options)
    const mapped = staging.idMap.list(realmId)
    const entries = mapped.filter((e) => options.all || (e.runId !== null && loadRuns.includes(e.runId)))
    const current = await readCurrent(client, mapped)
    const plan = planUndo(
      entries,
      current,
      (e) => staging.idMap.payload(realmId, e.entity, e.sourceSystem, e.sourceId),
      options.force ? {force: true} : {},
    )
    const inUse = keepWhatStays(plan, mapped, current)
    const result: UndoResult = {
      ...(run ? {runId: run.id} : {}),
      realmId,
      dryRun: Boolean(options.dryRun),
      loadRuns,
      entities: {},
      refused: plan.refused,
      failed: [],
      adoptedLeft: plan.adopted,
      recovered: recovered(settled, report),
      requests: {sent: 0, retried: 0, throttled: 0},
    }
    const counts = (entity: string) =>
      (result.entities[entity] ??= {deleted: 0, deactivated: 0, gone: 0, refused: 0, failed: 0})
    if (options.dryRun) {
      for (const r of plan.refused) counts(r.entity).refused++
      for (const i of plan.items) counts(i.entity)[i.action === 'delete' ? 'deleted' : 'deactivated']++
      for (const g of plan.gone) counts(g.entity).gone++
      result.planned = plan.items
      result.requests = client.stats()
      return result
    }
    forgetGone(staging, realmId, plan.gone, undone)
    const left = await undoItems(deps, writer, plan.items, options, undone, inUse)
    result.refused = [...plan.refused, ...left.inUse]
    result.failed = left.failed
    for (const u of undone) counts(u.entity)[COUNTED[u.action]]++
    for (const r of result.refused) counts(r.entity).refused++
    for (const f of result.failed) counts(f.entity).failed++
    result.recovered = recovered(settled, report)
    result.requests = client.stats()
    const runId = run!.id
    inTransaction(staging.db, () => {
      for (const r of [...result.refused, ...result.failed]) staging.parked.park(parkedOf(runId, r))
    })
    result.files = writeUndoFiles(staging, options.dbPath, runId, undone)
    staging.runs.finish(runId, 'finished', {
      loadRuns,
      entities: result.entities,
      refused: result.refused.length,
      failed: result.failed.length,
    })
    return result
  } catch (error) {
    if (run) {
      try {
        staging.runs.finish(run.id, 'interrupted', {error: (error as Error).message})
      } catch (second) {
        logger.debug(`Could not record run ${run.id} as interrupted: ${(second as Error).message}`)
      }
    }
    throw error
  }
}

function recovered(writes: number, report: WriterReport): UndoResult['recovered'] {
  const {found, resent, notLanded} = report
  return {writes, found, resent, notLanded, waitedSeconds: Math.round(report.waitedMs / 100) / 10}
}

/** What a landed undo write means to the migration file: the record leaves the id map. */
function undoLanded(staging: Staging, realmId: string, write: LandedWrite, id: string): UndoneRecord {
  const entry = staging.idMap.get(realmId, write.entity, write.sourceSystem, write.sourceId)
  staging.idMap.remove(realmId, write.entity, write.sourceSystem, write.sourceId)
  return {
    entity: write.entity,
    sourceSystem: write.sourceSystem,
    sourceId: write.sourceId,
    qboId: entry?.qboId ?? id,
    loadRun: entry?.runId ?? null,
    action: write.operation === 'delete' ? 'deleted' : 'deactivated',
  }
}

/** Loaded records QBO no longer holds (or holds inactive already): nothing to write, they leave the map. */
function forgetGone(
  staging: Staging,
  realmId: string,
  gone: readonly UndoRefusal[],
  undone: UndoneRecord[],
): void {
  inTransaction(staging.db, () => {
    for (const g of gone) {
      const entry = staging.idMap.get(realmId, g.entity, g.sourceSystem, g.sourceId)
      staging.idMap.remove(realmId, g.entity, g.sourceSystem, g.sourceId)
      undone.push({...g, loadRun: entry?.runId ?? null, action: 'already gone'})
    }
  })
}

/** Sends the undo, batch by batch; returns what could not be undone. */
async function undoItems(
  deps: UndoDeps,
  writer: WriterDeps,
  items: readonly UndoItem[],
  options: UndoOptions,
  undone: UndoneRecord[],
  inUse: InUse,
): Promise<{failed: UndoRefusal[]; inUse: UndoRefusal[]}> {
  const {staging, client} = deps
  const failed: UndoRefusal[] = []
  const kept: UndoRefusal[] = []
  let done = 0
  for (const first of undoBatches(items, options.batchSize)) {
    staging.ensureInPlace()
    // Batches run in dependency order, so what a kept record needs is known before its turn comes.
    kept.push(...holdInUse({items: first}, inUse))
    let batch = first.filter((i) => !inUse.has(i.entity, i.qboId))
    for (let round = 1; batch.length > 0; round++) {
      const writes = batch.map((i) => undoWrite(client.realmId, i))
      const outcomes = await sendWrites(writer, writes)
      const again: UndoItem[] = []
      for (const [n, item] of batch.entries()) {
        const outcome = outcomes.get(writes[n]!.requestId)
        if (outcome?.ok) continue
        const fault = outcome?.fault ?? {code: 'NO_RESPONSE', message: 'no outcome for this item'}
        if (fault.code === NOT_FOUND) {
          // Deleted in QBO meanwhile: nothing left to undo.
          forgetGone(staging, client.realmId, [refusalOf(item, fault)], undone)
          continue
        }
        if (fault.code === STALE && round < MAX_ROUNDS) {
          const fresh = await reread(deps, item, options)
          if ('code' in fresh) {
            failed.push(fresh)
            inUse.keep(item.entity, item.qboId)
          } else again.push(fresh)
          continue
        }
        failed.push(refusalOf(item, fault))
        inUse.keep(item.entity, item.qboId)
      }
      batch = again
    }
    done += first.length
    deps.onProgress?.({done, total: items.length, entity: first[0]!.entity})
  }
  return {failed, inUse: kept}
}

/** After a stale-object answer: someone wrote the record since we read it, so it is judged again. */
async function reread(deps: UndoDeps, item: UndoItem, options: UndoOptions): Promise<UndoItem | UndoRefusal> {
  const record = await clientWritePort(deps.client).readRecord(item.entity, item.qboId)
  const token = String(record?.SyncToken ?? '')
  if (record && options.force) return {...item, syncToken: token}
  return refusalOf(item, {
    code: 'CHANGED_IN_QBO',
    message: `Changed in QBO during the undo (SyncToken ${item.syncToken} → ${token || 'gone'}); left as it is`,
  })
}

/**
 * The write that undoes one record. Its requestid is derived from the record's QBO id, so an undo killed and
 * run again finds the same outbox row (settled, never sent twice); a record loaded again later has a new id.
 */
function undoWrite(realmId: string, item: UndoItem): Write {
  const payload: Record<string, unknown> =
    item.action === 'delete'
      ? {Id: item.qboId, SyncToken: item.syncToken}
      : {Id: item.qboId, SyncToken: item.syncToken, sparse: true, Active: false}
  return {
    requestId: requestIdFor(realmId, item.entity, item.sourceSystem, item.sourceId, 'undo', item.qboId),
    entity: item.entity,
    sourceSystem: item.sourceSystem,
    sourceId: item.sourceId,
    operation: item.action === 'delete' ? 'delete' : 'update',
    payload,
    payloadHash: contentHash(payload),
    probe: {kind: 'gone', id: item.qboId},
  }
}

function refusalOf(item: UndoItem, fault: {code: string; message: string; detail?: string}): UndoRefusal {
  return {
    entity: item.entity,
    sourceSystem: item.sourceSystem,
    sourceId: item.sourceId,
    qboId: item.qboId,
    code: fault.code,
    message: fault.detail ? `${fault.message}: ${fault.detail}` : fault.message,
  }
}

const FIXES: Record<string, string> = {
  IN_USE:
    'A record left in QBO (see the other lines of this file) refers to it: once that one is dealt with, run `qbo migrate undo` again.',
  CHANGED_IN_QBO:
    'Someone changed it in QBO after the load: check it there; `qbo migrate undo --force` undoes it anyway.',
  '6540':
    'It sits in a bank deposit made in QBO: remove it from the deposit, then run `qbo migrate undo` again.',
  '6220': 'It still has a balance (a transaction the undo left refers to it): settle or remove that first.',
}

function parkedOf(runId: string, r: UndoRefusal) {
  return {
    runId,
    entity: r.entity,
    sourceSystem: r.sourceSystem,
    sourceId: r.sourceId,
    faultCode: r.code,
    message: `${r.entity} ${r.qboId}: ${r.message}`,
    element: null,
    suggestedFix:
      FIXES[r.code] ??
      'Fix it in QBO (see the message), then run `qbo migrate undo` again: it undoes only what is left.',
  }
}

/** Every record of the entities the id map holds, as QBO holds it now (lists with their inactive records). */
async function readCurrent(
  client: QboClient,
  entries: readonly IdMapEntry[],
): Promise<Map<string, Map<string, Record<string, unknown>>>> {
  const out = new Map<string, Map<string, Record<string, unknown>>>()
  for (const entity of new Set(entries.map((e) => e.entity))) {
    const q = select(entity)
    if (LIST_ENTITIES.has(entity as QboEntity)) q.where('Active', 'IN', [true, false])
    out.set(entity, new Map((await client.queryAll(q)).map((r) => [String(r.Id), r])))
  }
  return out
}
