/**
 * The plan: what a load would do, decided without writing anything (pure: data in, plan out; the lint
 * forbids I/O here). `qbo migrate plan` renders it; the loader executes its `records` in order.
 */
import type {CanonicalRecord} from '../domain/canonical.js'
import {LOAD_ORDER, waveOf, type QboEntity} from '../domain/entities.js'
import {QBO_LIMITS} from '../domain/qbo-limits.js'
import {
  collectRefs,
  mapCompany,
  resolveRefs,
  type MappedRecord,
  type MappingContext,
  type SymbolicTarget,
} from '../mappers/index.js'
import {type FieldChange, payloadChanges} from './payload-diff.js'
import {planEffect, type PlanEffect} from './plan/effect.js'

export type PlanAction = 'create' | 'adopt' | 'skip' | 'update' | 'blocked'

export interface PlannedRecord {
  entity: QboEntity
  sourceId: string
  sourceKind: MappedRecord['sourceKind']
  label: string
  action: PlanAction
  /** The QBO record adopted, or the one a skipped record stands for (system accounts, earlier runs). */
  qboId?: string
  reason?: string
  /** The payload to create (or, for an update, as the mapping gives it now), references still symbolic. */
  payload?: Record<string, unknown>
  /** An update: the fields whose loaded value the current mapping or source changes. */
  changes?: FieldChange[]
  issues: {code: string; message: string; fix: string}[]
  decisions: {code: string; message: string; detail: Record<string, unknown>}[]
  dependsOn: SymbolicTarget[]
  /** Records of one step may share a batch; every dependency sits in an earlier step. */
  step: number
}

export interface PlanCounts {
  create: number
  adopt: number
  skip: number
  /** Loaded records the current mapping or source now maps differently (`qbo migrate load --update`). */
  update: number
  blocked: number
}

export interface Plan {
  entities: Partial<Record<QboEntity, PlanCounts>>
  issues: {entity: QboEntity; sourceId: string; code: string; message: string; fix: string}[]
  decisions: {
    entity: QboEntity
    sourceId: string
    code: string
    message: string
    detail: Record<string, unknown>
  }[]
  estimate: {requests: number; batches: number; minutes: number}
  steps: {step: number; entity: QboEntity; records: number}[]
  records: PlannedRecord[]
  /** With PlanOptions.effect: tax totals per tax code and totals per QBO account (plan/effect.ts). */
  effect?: PlanEffect
  /** Set by the plan command: what changed since the previous stored plan (plan/snapshot.ts). */
  sincePrevious?: {plannedAt: string; changes: PlanChange[]}
}

export interface PlanOptions {
  batchSize?: number
  /**
   * What a load wrote for a record it created (the id map keeps it), so that a loaded record the mapping now
   * maps differently is planned as an update rather than skipped.
   */
  previous?: (entity: QboEntity, sourceId: string) => Record<string, unknown> | undefined
  /** Also work out the mapping's effect on tax and account totals (the preview shows it). */
  effect?: boolean
}

const key = (entity: string, sourceId: string) => `${entity}\u0000${sourceId}`

function initial(m: MappedRecord, ctx: MappingContext, options: PlanOptions): PlannedRecord {
  const base = {
    entity: m.entity,
    sourceId: m.sourceId,
    sourceKind: m.sourceKind,
    label: m.label,
    issues: m.issues,
    decisions: m.decisions,
    dependsOn: [] as SymbolicTarget[],
    step: 0,
  }
  const loaded = ctx.loaded.get(m.entity)?.get(m.sourceId)
  if (loaded) {
    const correction = correctionOf(m, ctx, options)
    if (correction) return {...base, ...correction, qboId: loaded}
    return {...base, action: 'skip', qboId: loaded, reason: 'loaded by an earlier run', issues: []}
  }
  if (m.issues.length) return {...base, action: 'blocked', reason: m.issues.map((i) => i.message).join('; ')}
  if (m.disposition)
    return {...base, action: m.disposition.action, qboId: m.disposition.qboId, reason: m.disposition.reason}
  return {...base, action: 'create', payload: m.payload, dependsOn: collectRefs(m.payload)}
}

/**
 * A loaded record whose payload, mapped now, differs from what the load wrote: an update of the changed
 * fields. References are resolved as the load resolves them (the id map); one to a record not yet in QBO
 * counts as a change. A record that would now be blocked stays as it was loaded.
 */
function correctionOf(
  m: MappedRecord,
  ctx: MappingContext,
  options: PlanOptions,
): Pick<PlannedRecord, 'action' | 'payload' | 'changes' | 'dependsOn' | 'reason'> | undefined {
  if (!m.payload || m.issues.length > 0 || m.disposition) return undefined
  const before = options.previous?.(m.entity, m.sourceId)
  if (!before) return undefined
  const {payload: now} = resolveRefs(m.payload, (entity, id) => ctx.loaded.get(entity)?.get(id))
  const changes = payloadChanges(before, now)
  if (changes.length === 0) return undefined
  return {
    action: 'update',
    payload: m.payload,
    changes,
    dependsOn: collectRefs(m.payload),
    reason: `changed since it was loaded: ${changes.map((c) => c.field).join(', ')}`,
  }
}

/** A record whose dependency is blocked or absent cannot go either; repeat until nothing changes. */
function propagateBlocks(records: PlannedRecord[]): void {
  const byKey = new Map(records.map((r) => [key(r.entity, r.sourceId), r]))
  for (let changed = true; changed;) {
    changed = false
    for (const r of records) {
      if (r.action !== 'create' && r.action !== 'update') continue
      for (const d of r.dependsOn) {
        const dep = byKey.get(key(d.entity, d.sourceId))
        const ok =
          dep &&
          (dep.action === 'create' ||
            dep.action === 'adopt' ||
            dep.action === 'update' ||
            (dep.action === 'skip' && dep.qboId))
        if (ok) continue
        const code = dep?.action === 'blocked' ? 'DEPENDENCY_BLOCKED' : 'DEPENDENCY_MISSING'
        const message = dep
          ? `needs ${d.entity} ${d.sourceId}, which is ${dep.action === 'blocked' ? 'blocked' : `skipped (${dep.reason ?? ''})`}`
          : `needs ${d.entity} ${d.sourceId}, which is not among the staged records`
        r.issues = [
          ...r.issues,
          {
            code,
            message,
            fix:
              dep?.action === 'blocked'
                ? `Fix ${d.entity} ${d.sourceId} first (see its issue).`
                : `Stage ${d.entity} ${d.sourceId} (re-extract), or correct the reference in the source.`,
          },
        ]
        r.action = 'blocked'
        r.reason = message
        delete r.payload
        changed = true
        break
      }
    }
  }
}

/**
 * Steps follow QBO's load waves; within Account (parents) a record goes one step after the deepest record
 * of its own entity it depends on, so a batch never holds a record and its dependency.
 */
function assignSteps(records: PlannedRecord[]): void {
  const byKey = new Map(records.map((r) => [key(r.entity, r.sourceId), r]))
  const depth = new Map<PlannedRecord, number>()
  const depthOf = (r: PlannedRecord, seen: Set<PlannedRecord>): number => {
    const known = depth.get(r)
    if (known !== undefined) return known
    if (seen.has(r)) return 0
    seen.add(r)
    let d = 0
    for (const t of r.dependsOn) {
      const dep = byKey.get(key(t.entity, t.sourceId))
      if (dep && dep.entity === r.entity && dep.action === 'create') d = Math.max(d, depthOf(dep, seen) + 1)
    }
    depth.set(r, d)
    return d
  }
  for (const r of records) r.step = waveOf(r.entity) * 100 + depthOf(r, new Set())
}

export function buildPlan(
  staged: readonly CanonicalRecord[],
  ctx: MappingContext,
  options: PlanOptions = {},
): Plan {
  const batchSize = options.batchSize ?? QBO_LIMITS.batchSize
  const records = mapCompany(staged, ctx).map((m) => initial(m, ctx, options))
  propagateBlocks(records)
  assignSteps(records)
  const order = (e: QboEntity) => LOAD_ORDER.indexOf(e)
  records.sort(
    (a, b) =>
      a.step - b.step ||
      order(a.entity) - order(b.entity) ||
      (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0),
  )

  const entities: Plan['entities'] = {}
  const steps = new Map<string, {step: number; entity: QboEntity; records: number}>()
  for (const r of records) {
    const c = (entities[r.entity] ??= {create: 0, adopt: 0, skip: 0, update: 0, blocked: 0})
    c[r.action]++
    if (r.action !== 'create' && r.action !== 'update') continue
    const s = steps.get(key(String(r.step), r.entity)) ?? {step: r.step, entity: r.entity, records: 0}
    s.records++
    steps.set(key(String(r.step), r.entity), s)
  }

  // Every step is written in batches of up to `batchSize`, lists included (apply.ts): a request per batch.
  let batches = 0
  for (const s of steps.values()) batches += Math.ceil(s.records / batchSize)
  const requests = batches
  const minutes = Math.max(requests / QBO_LIMITS.requestsPerMinute, batches / QBO_LIMITS.batchesPerMinute)
  return {
    entities,
    issues: records.flatMap((r) => r.issues.map((i) => ({entity: r.entity, sourceId: r.sourceId, ...i}))),
    decisions: records.flatMap((r) =>
      r.decisions.map((d) => ({entity: r.entity, sourceId: r.sourceId, ...d})),
    ),
    estimate: {requests, batches, minutes: Math.ceil(minutes * 10) / 10},
    steps: [...steps.values()],
    records,
    ...(options.effect ? {effect: planEffect(staged, ctx, createdAccounts(records))} : {}),
  }
}

/** The accounts the plan creates: source id -> the new QBO account's name and type. */
function createdAccounts(records: readonly PlannedRecord[]): Map<string, {name: string; type: string}> {
  return new Map(
    records
      .filter((r) => r.entity === 'Account' && r.action === 'create' && r.payload)
      .map((r) => [
        r.sourceId,
        {name: `${String(r.payload!.Name)} (new)`, type: String(r.payload!.AccountType ?? '')},
      ]),
  )
}

/** The `qbo migrate plan --json` result (CLI.md): counts per entity, every issue, the estimate, corrections. */
export function planJson(plan: Plan): {
  entities: Plan['entities']
  issues: {entity: QboEntity; sourceId: string; code: string; message: string; fix: string}[]
  estimate: Plan['estimate']
  updates: {entity: QboEntity; sourceId: string; qboId: string; fields: string[]}[]
} {
  return {
    entities: plan.entities,
    issues: plan.issues,
    estimate: plan.estimate,
    updates: plan.records
      .filter((r) => r.action === 'update')
      .map((r) => ({
        entity: r.entity,
        sourceId: r.sourceId,
        qboId: r.qboId ?? '',
        fields: (r.changes ?? []).map((c) => c.field),
      })),
  }
}

/** One thing that differs from the previous plan (plan/snapshot.ts compares them). */
export interface PlanChange {
  /** Counts, Issues, Decisions, Tax, Account totals, Records. */
  area: string
  item: string
  before: string
  after: string
}
