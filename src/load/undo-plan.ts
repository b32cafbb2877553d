/**
 * What an undo would do, from the id map and the company as QBO holds it now. Pure apart from its inputs:
 * the engine (undo.ts) reads QBO and the migration file and hands them in.
 */
import {LIST_ENTITIES, LOAD_ORDER, type QboEntity} from '../domain/entities.js'
import type {IdMapEntry} from '../staging/id-map.js'
import {contains} from './outbox/probe.js'

/** Transactions are deleted; lists, which QBO never deletes, are made inactive. */
export type UndoAction = 'delete' | 'deactivate'

export interface UndoItem {
  entity: QboEntity
  sourceSystem: string
  sourceId: string
  qboId: string
  /** The load run that created it. */
  loadRun: string | null
  action: UndoAction
  /** The record's SyncToken in QBO now (the one the delete or deactivation must carry). */
  syncToken: string
  /** Children before parents: an account or customer is made inactive after its sub-accounts. */
  depth: number
}

/** A loaded record the undo leaves in QBO, and why. */
export interface UndoRefusal {
  entity: string
  sourceSystem: string
  sourceId: string
  qboId: string
  code: string
  message: string
}

export interface UndoPlan {
  /** In the order they are to be undone: settlements, documents, items, contacts, then the chart and lists. */
  items: UndoItem[]
  refused: UndoRefusal[]
  /** Loaded records QBO no longer holds (deleted there), or lists already inactive: only the map changes. */
  gone: UndoRefusal[]
  /** Records the load matched to what QBO already had: never touched by an undo. */
  adopted: number
}

export const CHANGED_IN_QBO = 'CHANGED_IN_QBO'

/**
 * Plans the undo of `entries` (the id map rows of the runs being undone). `current` is every record of each
 * entity as QBO holds it now, by Id. `written` is what the load wrote for a record (id map payload), used
 * only to name the fields someone changed. A record whose SyncToken moved since the load (or since the last
 * correction) was changed in QBO after it: refused unless `force`.
 */
export function planUndo(
  entries: readonly IdMapEntry[],
  current: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>,
  written: (entry: IdMapEntry) => Record<string, unknown> | undefined,
  options: {force?: boolean} = {},
): UndoPlan {
  const plan: UndoPlan = {items: [], refused: [], gone: [], adopted: 0}
  for (const entry of entries) {
    if (entry.how !== 'created') {
      plan.adopted++
      continue
    }
    const entity = entry.entity as QboEntity
    const list = LIST_ENTITIES.has(entity)
    const record = current.get(entity)?.get(entry.qboId)
    const base = {
      entity,
      sourceSystem: entry.sourceSystem,
      sourceId: entry.sourceId,
      qboId: entry.qboId,
    }
    if (!record || (list && record.Active === false)) {
      plan.gone.push({
        ...base,
        code: record ? 'ALREADY_INACTIVE' : 'GONE_FROM_QBO',
        message: record
          ? `${entity} ${entry.qboId} is already inactive in QBO`
          : `QBO no longer has ${entity} ${entry.qboId}`,
      })
      continue
    }
    const token = String(record.SyncToken ?? '')
    if (entry.syncToken && token !== entry.syncToken && !options.force) {
      const fields = changedFields(written(entry), record)
      plan.refused.push({
        ...base,
        code: CHANGED_IN_QBO,
        message:
          `Changed in QBO after the load (SyncToken ${entry.syncToken} → ${token}` +
          (fields.length > 0
            ? `; differs from what was loaded in ${fields.join(', ')}`
            : '; in fields this migration did not write') +
          '); left as it is',
      })
      continue
    }
    plan.items.push({
      ...base,
      loadRun: entry.runId,
      action: list ? 'deactivate' : 'delete',
      syncToken: token,
      depth: depthOf(record, current.get(entity)),
    })
  }
  const rank = (e: QboEntity) => LOAD_ORDER.length - LOAD_ORDER.indexOf(e)
  plan.items.sort(
    (a, b) =>
      rank(a.entity) - rank(b.entity) ||
      b.depth - a.depth ||
      Number(a.qboId) - Number(b.qboId) ||
      (a.qboId < b.qboId ? -1 : a.qboId > b.qboId ? 1 : 0),
  )
  return plan
}

/** The top-level fields the load wrote that QBO now holds otherwise (for the refusal's message). */
function changedFields(
  written: Record<string, unknown> | undefined,
  record: Record<string, unknown>,
): string[] {
  if (!written) return []
  // QBO computes a document's tax summary (and its lines' tax): a difference there is not someone's change.
  return Object.keys(written)
    .filter((f) => f !== 'TxnTaxDetail' && !contains(record[f], written[f]))
    .sort()
}

/** How many parents a record has within its own entity (sub-accounts, sub-customers, sub-items). */
function depthOf(
  record: Record<string, unknown>,
  all: ReadonlyMap<string, Record<string, unknown>> | undefined,
): number {
  let depth = 0
  let at: Record<string, unknown> | undefined = record
  const seen = new Set<unknown>()
  while (at && depth < 10) {
    const parent: unknown = (at.ParentRef as {value?: unknown} | undefined)?.value
    if (typeof parent !== 'string' || seen.has(parent)) break
    seen.add(parent)
    depth++
    at = all?.get(parent)
  }
  return depth
}

/** Consecutive items of one entity and depth, at most `size` each: a batch never mixes a parent with its child. */
export function undoBatches(items: readonly UndoItem[], size: number): UndoItem[][] {
  const batches: UndoItem[][] = []
  for (const item of items) {
    const last = batches.at(-1)
    const head = last?.[0]
    if (last && head && head.entity === item.entity && head.depth === item.depth && last.length < size)
      last.push(item)
    else batches.push([item])
  }
  return batches
}

/** The entity a reference field points at (QBO ids are unique per entity only). */
function refEntity(field: string, ref: {type?: unknown}, owner: string): string | undefined {
  if (field === 'ParentRef') return owner
  if (field === 'EntityRef') return typeof ref.type === 'string' ? ref.type : undefined
  if (field.includes('Account')) return 'Account'
  const named: Record<string, string> = {
    CustomerRef: 'Customer',
    VendorRef: 'Vendor',
    ItemRef: 'Item',
    SalesTermRef: 'Term',
    TermRef: 'Term',
    ClassRef: 'Class',
    DepartmentRef: 'Department',
    PaymentMethodRef: 'PaymentMethod',
  }
  return named[field]
}

/**
 * The records a record left in QBO still needs, and what those need in turn: an invoice the undo leaves
 * keeps its customer, the customer its terms. QBO validates references when a record is written, so a list
 * record made inactive under a record that stays would make that record impossible to edit or undo later.
 */
export class InUse {
  private readonly held = new Set<string>()

  constructor(private readonly current: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>) {}

  has(entity: string, id: string): boolean {
    return this.held.has(`${entity}:${id}`)
  }

  keep(entity: string, id: string): void {
    const key = `${entity}:${id}`
    if (this.held.has(key)) return
    this.held.add(key)
    const record = this.current.get(entity)?.get(id)
    if (record) this.walk(record, entity)
  }

  private walk(value: unknown, owner: string): void {
    if (Array.isArray(value)) for (const v of value) this.walk(v, owner)
    else if (value && typeof value === 'object') {
      for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
        const ref = v as {value?: unknown; type?: unknown}
        const target =
          field.endsWith('Ref') && ref && typeof ref.value === 'string'
            ? refEntity(field, ref, owner)
            : undefined
        if (target) this.keep(target, ref.value as string)
        else this.walk(v, owner)
      }
    }
  }
}

/**
 * Takes out of `plan.items` the records `inUse` holds (something left in QBO refers to them) and returns them
 * as refusals, so they are listed with the reason rather than made inactive under a record that stays.
 */
export function holdInUse(plan: {items: UndoItem[]}, inUse: InUse): UndoRefusal[] {
  const held = plan.items.filter((i) => inUse.has(i.entity, i.qboId))
  plan.items = plan.items.filter((i) => !inUse.has(i.entity, i.qboId))
  return held.map((i) => ({
    entity: i.entity,
    sourceSystem: i.sourceSystem,
    sourceId: i.sourceId,
    qboId: i.qboId,
    code: 'IN_USE',
    message: 'Still used by a record the undo leaves in QBO; left as it is',
  }))
}

/**
 * What stays in QBO keeps what it refers to: records refused, and every mapped record this undo leaves
 * (adopted ones, and other runs' records when one run is undone). Moves the records they need from the
 * plan's items to its refusals, and returns the set for the run to extend as writes fail.
 */
export function keepWhatStays(
  plan: UndoPlan,
  mapped: readonly IdMapEntry[],
  current: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>,
): InUse {
  const inUse = new InUse(current)
  const undoing = new Set(plan.items.map((i) => `${i.entity}:${i.qboId}`))
  for (const e of mapped) if (!undoing.has(`${e.entity}:${e.qboId}`)) inUse.keep(e.entity, e.qboId)
  plan.refused.push(...holdInUse(plan, inUse))
  return inUse
}
