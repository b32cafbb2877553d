/**
 * What changed since the previous plan: each `qbo migrate plan` keeps a compact snapshot of itself (counts,
 * issue and decision codes, tax and account totals, each record's action) in the staging file's runs table,
 * and the next plan lists the differences, so an accountant sees what a mapping edit did. Pure.
 */
import {z} from 'zod'

import type {Plan, PlanChange} from '../plan.js'

export type {PlanChange}

export interface PlanSnapshot {
  version: 1
  /** `Entity action` -> count. */
  counts: Record<string, number>
  issues: Record<string, number>
  decisions: Record<string, number>
  /** `code direction -> QBO code` -> planned tax (or source tax when unknown). */
  tax: Record<string, string>
  /** QBO account -> balance it receives. */
  accounts: Record<string, string>
  /** `Entity sourceId` -> action. */
  actions: Record<string, string>
}

const tally = (keys: string[]) => {
  const out: Record<string, number> = {}
  for (const k of keys) out[k] = (out[k] ?? 0) + 1
  return out
}

export function planSnapshot(plan: Plan): PlanSnapshot {
  const counts: Record<string, number> = {}
  for (const [entity, c] of Object.entries(plan.entities)) {
    for (const [action, n] of Object.entries(c)) if (n) counts[`${entity} ${action}`] = n
  }
  return {
    version: 1,
    counts,
    issues: tally(plan.issues.map((i) => i.code)),
    decisions: tally(plan.decisions.map((d) => d.code)),
    tax: Object.fromEntries(
      (plan.effect?.taxTotals ?? []).map((t) => [
        `${t.sourceCode} ${t.direction} -> ${t.qboCode}`,
        t.plannedTax || t.sourceTax,
      ]),
    ),
    accounts: Object.fromEntries((plan.effect?.accountTotals ?? []).map((a) => [a.qboAccount, a.balance])),
    actions: Object.fromEntries(plan.records.map((r) => [`${r.entity} ${r.sourceId}`, r.action])),
  }
}

function diff(area: string, before: Record<string, unknown>, after: Record<string, unknown>): PlanChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return keys.flatMap((item) => {
    const b = before[item] === undefined ? '' : String(before[item])
    const a = after[item] === undefined ? '' : String(after[item])
    return a === b ? [] : [{area, item, before: b, after: a}]
  })
}

/** The differences between the previous plan and this one, most telling first. */
export function planChanges(before: PlanSnapshot, after: PlanSnapshot): PlanChange[] {
  return [
    ...diff('Counts', before.counts, after.counts),
    ...diff('Issues', before.issues, after.issues),
    ...diff('Decisions', before.decisions, after.decisions),
    ...diff('Tax', before.tax, after.tax),
    ...diff('Account totals', before.accounts, after.accounts),
    ...diff('Records', before.actions, after.actions),
  ]
}

const Table = z.record(z.string(), z.union([z.string(), z.number()]))
const Snapshot = z.object({
  version: z.literal(1),
  counts: z.record(z.string(), z.number()),
  issues: z.record(z.string(), z.number()),
  decisions: z.record(z.string(), z.number()),
  tax: Table.transform((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, String(v)]))),
  accounts: Table.transform((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, String(v)]))),
  actions: z.record(z.string(), z.string()),
})

/** A stored snapshot read back (the file may hold an older shape, or none): undefined when it is not one. */
export function asSnapshot(value: unknown): PlanSnapshot | undefined {
  const parsed = Snapshot.safeParse(value)
  return parsed.success ? parsed.data : undefined
}
