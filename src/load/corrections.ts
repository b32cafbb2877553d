import {LIST_ENTITIES, type QboEntity} from '../domain/entities.js'
import {contentHash, requestIdFor} from '../domain/ids.js'
import {inBatches} from '../domain/qbo-limits.js'
import type {ApplyDeps, StepItem} from './apply.js'
import {migrationLanded} from './landed.js'
import {contains} from './outbox/probe.js'
import {sendWrites} from './outbox/send.js'
import type {Write, WriteOutcome} from './outbox/write.js'
import type {WriterDeps} from './outbox/writer.js'
import {identityOf} from './identity.js'
import {type FieldChange, NOT_EDITABLE, payloadChanges} from './payload-diff.js'
import type {QboFault} from './port.js'
import {suggestedFix, triage} from './triage.js'

export interface CorrectionCounts {
  updated: number
  /** Documents QBO will not edit in place (a currency changed): deleted and created again. */
  replaced: number
  /** Already as mapped now (a correction an earlier run made, or nothing left to change). */
  unchanged: number
  parked: number
}

export interface CorrectionOptions {
  runId: string
  batchSize: number
  only?: ReadonlySet<QboEntity>
  /** Write even where someone changed the same field in QBO after the load. */
  force?: boolean
}

/** An update the plan found: the record as mapped now (references symbolic), and its QBO id. */
export interface CorrectionItem extends StepItem {
  qboId: string
}

interface Prepared {
  item: CorrectionItem
  write: Write
  changes: FieldChange[]
}

/** Stale object: someone (or an earlier attempt) wrote the record since it was read. */
const STALE = '5010'
const MAX_ROUNDS = 3

/**
 * `qbo migrate load --update`: brings records an earlier run loaded in line with the current mapping and
 * source, exactly once, by sparse update of only the fields that changed, with the record's current
 * SyncToken (never a full update that would blank what QBO holds and we did not send). A field someone
 * changed in QBO since the load is not overwritten (parked, unless `force`). A stale SyncToken re-reads the
 * record and tries again. A document whose currency changed, which QBO cannot edit in place, is deleted and
 * created again. (docs/corrections.md)
 */
export async function applyCorrections(
  deps: ApplyDeps,
  items: readonly CorrectionItem[],
  options: CorrectionOptions,
): Promise<Record<string, CorrectionCounts>> {
  const counts: Record<string, CorrectionCounts> = {}
  const writer: WriterDeps = {
    staging: deps.staging,
    port: deps.port,
    job: 'migration',
    runId: options.runId,
    now: deps.now,
    sleep: deps.sleep,
    logger: deps.logger,
    report: deps.report,
    ...(deps.onWait ? {onWait: deps.onWait} : {}),
    onLanded: migrationLanded(deps.staging, deps.port.realmId, options.runId),
  }
  const todo = items.filter((i) => !options.only || options.only.has(i.entity))
  for (const first of inBatches(todo, options.batchSize)) {
    deps.staging.ensureInPlace()
    let batch = first
    for (let round = 1; batch.length > 0; round++) {
      const stale: CorrectionItem[] = []
      const prepared: Prepared[] = []
      for (const item of batch) {
        const c = (counts[item.entity] ??= {updated: 0, replaced: 0, unchanged: 0, parked: 0})
        const ready = await prepare(deps, item, options, c)
        if (ready === 'replace') {
          if (await replace(deps, writer, item, options.runId)) c.replaced++
          else c.parked++
        } else if (ready) prepared.push(ready)
      }
      const outcomes =
        prepared.length > 0
          ? await sendWrites(
              writer,
              prepared.map((p) => p.write),
            )
          : new Map()
      for (const p of prepared) {
        const c = counts[p.item.entity]!
        const outcome: WriteOutcome | undefined = outcomes.get(p.write.requestId)
        if (outcome?.ok) {
          c.updated++
          if (p.changes.some((ch) => ch.field === 'Line')) recordLinesReplaced(deps, p)
          continue
        }
        const fault = outcome?.fault ?? {code: 'NO_RESPONSE', message: 'no outcome for this item'}
        if ((fault.code === STALE || triage(fault).action === 'retry') && round < MAX_ROUNDS) {
          stale.push(p.item)
          continue
        }
        park(deps, p.item, fault, options.runId)
        c.parked++
      }
      batch = stale
    }
  }
  return counts
}

/**
 * The write for one correction, from the record as QBO holds it now; undefined when there is nothing to
 * write (already as mapped, or parked), 'replace' when QBO cannot make the change in place.
 */
async function prepare(
  deps: ApplyDeps,
  item: CorrectionItem,
  options: CorrectionOptions,
  c: CorrectionCounts,
): Promise<Prepared | 'replace' | undefined> {
  const {staging, port} = deps
  const {payload: after, unresolved} = deps.resolveRefs(item.payload, (entity, system, id) => {
    return staging.idMap.get(port.realmId, entity, system, id)?.qboId
  })
  if (unresolved.length > 0) {
    const missing = unresolved.map((u) => `${u.entity} ${u.sourceId}`).join(', ')
    park(
      deps,
      item,
      {code: 'DEPENDENCY_NOT_LOADED', message: `Refers to records not in QBO: ${missing}`},
      options.runId,
    )
    c.parked++
    return undefined
  }
  const before = staging.idMap.payload(port.realmId, item.entity, item.sourceSystem, item.sourceId)
  const changes = before ? payloadChanges(before, after) : []
  if (changes.length === 0) {
    c.unchanged++
    return undefined
  }
  const current = await port.readRecord(item.entity, item.qboId)
  if (!current) {
    park(
      deps,
      item,
      {code: 'GONE_FROM_QBO', message: `QBO no longer has ${item.entity} ${item.qboId}`},
      options.runId,
    )
    c.parked++
    return undefined
  }
  // The SyncToken tells whether anyone wrote the record since the load (or our last correction); only then
  // are the fields compared, since QBO answers references in its own shape (names added, Entity.type dropped).
  const loaded = staging.idMap.get(port.realmId, item.entity, item.sourceSystem, item.sourceId)
  const moved = !loaded?.syncToken || String(current.SyncToken ?? '') !== loaded.syncToken
  const touched = moved
    ? changes.filter((ch) => !contains(current[ch.field], ch.before)).map((ch) => ch.field)
    : []
  if (touched.length > 0 && !options.force) {
    park(
      deps,
      item,
      {
        code: 'CHANGED_IN_QBO',
        message: `Changed in QBO since it was loaded (${touched.join(', ')}); not overwritten`,
      },
      options.runId,
    )
    c.parked++
    return undefined
  }
  if (changes.some((ch) => NOT_EDITABLE.has(ch.field))) {
    if (!LIST_ENTITIES.has(item.entity)) return 'replace'
    park(
      deps,
      item,
      {
        code: 'NOT_EDITABLE_IN_PLACE',
        message: `QBO cannot change ${changes.map((ch) => ch.field).join(', ')} of an existing ${item.entity}`,
      },
      options.runId,
    )
    c.parked++
    return undefined
  }
  const fields: Record<string, unknown> = {}
  for (const ch of changes) fields[ch.field] = after[ch.field] ?? null
  // New lines mean new tax: their tax summary goes with them, or QBO would compute its own.
  if ('Line' in fields) {
    for (const f of ['TxnTaxDetail', 'GlobalTaxCalculation']) if (f in after) fields[f] = after[f]
  }
  const payload = {Id: item.qboId, SyncToken: String(current.SyncToken ?? '0'), sparse: true, ...fields}
  return {
    item,
    changes,
    write: {
      requestId: requestIdFor(
        port.realmId,
        item.entity,
        item.sourceSystem,
        item.sourceId,
        'update',
        contentHash(fields),
      ),
      entity: item.entity,
      sourceSystem: item.sourceSystem,
      sourceId: item.sourceId,
      operation: 'update',
      payload,
      payloadHash: contentHash(payload),
      probe: {kind: 'fields', id: item.qboId, fields},
    },
  }
}

/** A document QBO cannot edit in place: deleted, then created again as mapped now. */
async function replace(
  deps: ApplyDeps,
  writer: WriterDeps,
  item: CorrectionItem,
  runId: string,
): Promise<boolean> {
  const {staging, port} = deps
  const current = await port.readRecord(item.entity, item.qboId)
  if (current) {
    const body = {Id: item.qboId, SyncToken: String(current.SyncToken ?? '0')}
    const deleted = await sendWrites(writer, [
      {
        requestId: requestIdFor(
          port.realmId,
          item.entity,
          item.sourceSystem,
          item.sourceId,
          'delete',
          item.qboId,
        ),
        entity: item.entity,
        sourceSystem: item.sourceSystem,
        sourceId: item.sourceId,
        operation: 'delete',
        payload: body,
        payloadHash: contentHash(body),
        probe: {kind: 'gone', id: item.qboId},
      },
    ])
    const d = [...deleted.values()][0]
    if (!d?.ok) {
      park(deps, item, d?.fault ?? {code: 'NO_RESPONSE', message: 'no answer to the delete'}, runId)
      return false
    }
  }
  const {payload} = deps.resolveRefs(item.payload, (entity, system, id) => {
    return staging.idMap.get(port.realmId, entity, system, id)?.qboId
  })
  const identity = identityOf(item.entity, payload)
  if (!identity) return false
  const payloadHash = contentHash(payload)
  const created = await sendWrites(writer, [
    {
      requestId: requestIdFor(port.realmId, item.entity, item.sourceSystem, item.sourceId, payloadHash),
      entity: item.entity,
      sourceSystem: item.sourceSystem,
      sourceId: item.sourceId,
      operation: 'create',
      payload,
      payloadHash,
      probe: {kind: 'identity', identity},
    },
  ])
  const c = [...created.values()][0]
  if (!c?.ok) {
    park(deps, item, c?.fault ?? {code: 'NO_RESPONSE', message: 'no answer to the create'}, runId)
    return false
  }
  staging.decisions.record({
    entity: item.entity,
    sourceSystem: item.sourceSystem,
    sourceId: item.sourceId,
    code: 'REPLACED_NOT_EDITABLE',
    message: `QBO cannot change this ${item.entity}'s currency in place: Id ${item.qboId} was deleted and the document created again as Id ${c.id}.`,
  })
  return true
}

function recordLinesReplaced(deps: ApplyDeps, p: Prepared): void {
  deps.staging.decisions.record({
    entity: p.item.entity,
    sourceSystem: p.item.sourceSystem,
    sourceId: p.item.sourceId,
    code: 'LINES_REPLACED',
    message: `A line changed, so every line of ${p.item.entity} ${p.item.qboId} was sent again (QBO replaces the whole Line array).`,
  })
}

function park(deps: ApplyDeps, item: CorrectionItem, fault: QboFault, runId: string): void {
  const fixes: Record<string, string> = {
    CHANGED_IN_QBO:
      'Someone changed these fields in QBO after the load: check them there; `qbo migrate load --update --force` overwrites them.',
    GONE_FROM_QBO:
      'It was deleted in QBO: run `qbo migrate undo --dry-run` to see the loaded records, or re-create it there.',
    NOT_EDITABLE_IN_PLACE: 'Change it in QBO by hand, or undo the load (`qbo migrate undo`) and load again.',
  }
  deps.staging.parked.park({
    runId,
    entity: item.entity,
    sourceSystem: item.sourceSystem,
    sourceId: item.sourceId,
    faultCode: fault.code,
    message: fault.detail ? `${fault.message}: ${fault.detail}` : fault.message,
    element: fault.element || null,
    suggestedFix: fixes[fault.code] ?? suggestedFix(fault.code),
  })
}
