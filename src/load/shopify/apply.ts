import {contentHash} from '../../domain/ids.js'
import {D} from '../../domain/money.js'
import {inBatches} from '../../domain/qbo-limits.js'
import type {Step} from '../../mappers/shopify/diff.js'
import {type DesiredDoc, totalInNote} from '../../mappers/shopify/docs.js'
import {isDocRef} from '../../mappers/shopify/refs.js'
import type {ShopifyRepo} from '../../staging/shopify.js'
import {sendWrites} from '../outbox/send.js'
import type {Write} from '../outbox/write.js'
import type {WriterDeps} from '../outbox/writer.js'
import {createWrite, deleteWrite, updateWrite, voidWrite} from './writes.js'

/** One order's way from what QBO holds to what it should hold. */
export interface OrderWork {
  shop: string
  orderId: string
  name: string
  steps: Step[]
  /** Set when a write of the order failed or could not be made; the order stays pending. */
  problem?: string
  /** Set when someone changed one of its documents in QBO: nothing of it is overwritten. */
  conflict?: string
}

export interface PlannedWrite {
  order: string
  operation: 'create' | 'update' | 'void' | 'delete'
  entity: string
  key: string
  docNumber?: string
  total?: string
}

export interface ApplyReport {
  created: number
  updated: number
  voided: number
  deleted: number
  unchanged: number
  /** Every write made (or, in a dry run, that would be made). */
  writes: PlannedWrite[]
}

export interface ApplyDeps {
  writer: WriterDeps
  shopify: ShopifyRepo
  dryRun: boolean
}

/**
 * The phases: documents no longer called for are removed first (the most dependent first), then a sales
 * receipt that must become an invoice is voided, and only then are documents created and updated wave by
 * wave, so what a payment or credit links to is always in QBO before it.
 */
const PHASES: {name: string; pick: (s: Step) => boolean}[] = [
  {name: 'remove applied credits', pick: (s) => s.kind === 'delete' && s.wave === 3},
  {name: 'remove documents', pick: (s) => s.kind === 'delete' && s.wave === 2},
  {name: 'void', pick: (s) => s.kind === 'void'},
  ...([1, 2, 3] as const).map((wave) => ({
    name: `wave ${wave}`,
    pick: (s: Step) => (s.kind === 'create' || s.kind === 'compare') && s.doc.wave === wave,
  })),
]

/** Stale SyncToken (someone else wrote the document in between): read it again and write once more. */
const STALE = '5010'

export async function applyOrders(deps: ApplyDeps, works: OrderWork[]): Promise<ApplyReport> {
  const report: ApplyReport = {created: 0, updated: 0, voided: 0, deleted: 0, unchanged: 0, writes: []}
  for (const phase of PHASES) {
    let pending = works.flatMap((work) => work.steps.filter(phase.pick).map((step) => ({work, step})))
    for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
      const writes: {work: OrderWork; step: Step; write: Write}[] = []
      for (const {work, step} of pending) {
        if (work.problem || work.conflict) continue
        const write = await buildWrite(deps, work, step, report)
        if (write) writes.push({work, step, write})
      }
      const stale: typeof pending = []
      for (const chunk of inBatches(writes)) {
        for (const w of chunk) report.writes.push(planned(w.work, w.step, w.write))
        if (deps.dryRun) continue
        const outcomes = await sendWrites(
          deps.writer,
          chunk.map((w) => w.write),
        )
        for (const w of chunk) {
          const o = outcomes.get(w.write.requestId)
          if (o?.ok) {
            count(report, w.write)
            continue
          }
          if (o?.fault.code === STALE && attempt === 0) {
            stale.push({work: w.work, step: w.step})
            continue
          }
          w.work.problem = `${w.write.entity} ${stepKey(w.step)}: QBO refused it (${o ? `${o.fault.code} ${o.fault.message}${o.fault.detail ? `: ${o.fault.detail}` : ''}` : 'no answer'})`
        }
      }
      pending = stale
    }
  }
  return report
}

function count(report: ApplyReport, write: Write): void {
  if (write.operation === 'create') report.created++
  else if (write.operation === 'delete') report.deleted++
  else if (write.optionsData === 'void') report.voided++
  else report.updated++
}

function stepKey(step: Step): string {
  return step.kind === 'create' || step.kind === 'compare' ? step.doc.key : step.posted.docKey
}

function planned(work: OrderWork, step: Step, write: Write): PlannedWrite {
  const doc = step.kind === 'create' || step.kind === 'compare' ? step.doc : undefined
  return {
    order: `${work.shop} ${work.name}`,
    operation: write.optionsData === 'void' ? 'void' : write.operation,
    entity: write.entity,
    key: stepKey(step),
    ...(doc?.docNumber ? {docNumber: doc.docNumber} : {}),
    ...(doc ? {total: doc.total} : {}),
  }
}

/** The write a step needs now, or none (nothing changed, or the order cannot go on: its problem says why). */
async function buildWrite(
  deps: ApplyDeps,
  work: OrderWork,
  step: Step,
  report: ApplyReport,
): Promise<Write | undefined> {
  const realm = deps.writer.port.realmId
  if (step.kind === 'create') {
    const payload = resolve(deps, work, step.doc)
    return payload && createWrite(realm, work.shop, work.orderId, step.doc, payload)
  }
  const posted = step.posted
  if (step.kind === 'compare') {
    const payload = resolve(deps, work, step.doc)
    if (!payload) return undefined
    if (contentHash(payload) === posted.payloadHash) {
      report.unchanged++
      return undefined
    }
    const current = await current_(deps, work, posted.entity, posted.qboId, step.doc.key)
    if (!current) return undefined
    if (changedInQbo(current.record)) {
      work.conflict =
        `${posted.entity} ${String(current.record.DocNumber ?? posted.qboId)} was changed in QBO since the sync wrote it ` +
        `(its total is now ${String(current.record.TotalAmt)}): the sync leaves it alone. Undo the change in QBO, ` +
        'and the next run updates it (docs/shopify.md, "Conflicts").'
      return undefined
    }
    return updateWrite(realm, work.shop, work.orderId, step.doc, current, payload)
  }
  if (deps.dryRun && posted.qboId === '(new)') return undefined
  const current = await current_(
    deps,
    work,
    posted.entity,
    posted.qboId,
    posted.docKey,
    step.kind === 'delete',
  )
  if (!current) return undefined
  return step.kind === 'void'
    ? voidWrite(realm, work.shop, work.orderId, posted.entity, current)
    : deleteWrite(realm, work.shop, work.orderId, posted.docKey, posted.entity, current)
}

/** The document as QBO holds it now (its SyncToken), or undefined with the order's problem set. */
async function current_(
  deps: ApplyDeps,
  work: OrderWork,
  entity: string,
  id: string,
  key: string,
  goneIsFine = false,
): Promise<{id: string; syncToken: string; record: Record<string, unknown>} | undefined> {
  const record = await deps.writer.port.readRecord(entity, id)
  if (!record) {
    if (goneIsFine) return undefined
    work.conflict = `${entity} ${id} (${key}) is no longer in QBO: someone deleted it. The sync does not post it again on its own (docs/shopify.md, "Conflicts").`
    return undefined
  }
  return {id, syncToken: String(record.SyncToken ?? '0'), record}
}

/** Someone changed the amounts: QBO's total is no longer the one the sync wrote (stated in the PrivateNote). */
function changedInQbo(record: Record<string, unknown>): boolean {
  const stated = totalInNote(record.PrivateNote)
  if (stated === undefined) return false
  return !new D(Number(record.TotalAmt ?? 0)).eq(new D(stated))
}

/** The payload with each `{$doc: key}` replaced by that document's QBO id (or the order waits). */
function resolve(deps: ApplyDeps, work: OrderWork, doc: DesiredDoc): Record<string, unknown> | undefined {
  let missing: string | undefined
  const walk = (value: unknown): unknown => {
    if (isDocRef(value)) {
      const p = deps.shopify.posting(work.shop, work.orderId, value.$doc)
      if (p?.state === 'active') return p.qboId
      if (deps.dryRun) return '(new)'
      missing = value.$doc
      return ''
    }
    if (Array.isArray(value)) return value.map(walk)
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, walk(v)]),
      )
    return value
  }
  const payload = walk(doc.payload) as Record<string, unknown>
  if (missing) {
    work.problem = `${doc.entity} ${doc.key} needs ${missing}, which is not in QBO yet`
    return undefined
  }
  return payload
}
