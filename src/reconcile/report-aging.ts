import type {SourceAgedSummary} from '../domain/source-reports.js'
import {D, type Dec} from '../domain/money.js'
import type {AgingComparison, AgingRow} from './aging.js'
import {normalName} from './contacts.js'
import type {TolerancePolicy} from './tolerance.js'

/**
 * The source's aged summary against QBO's, contact by contact. A source contact is found in QBO through the
 * staged contact of that name and the id map (the record the load wrote), else by QBO's display name. Totals
 * are compared (each side ages by its own periods: Xero by months, MYOB by its preferences, QBO by 30-day
 * bands); the buckets are shown side by side under their own titles.
 */
export function compareAgingReport(input: {
  report: SourceAgedSummary
  /** The QBO Id of the contact the source calls `name`, when the id map knows it. */
  qboIdOf: (name: string) => string | undefined
  qbo: Map<string, {name: string; buckets: Dec[]; total: Dec}>
  qboBuckets: number
  policy: TolerancePolicy
}): AgingComparison {
  const byName = new Map<string, string>()
  for (const [id, v] of input.qbo) byName.set(normalName(v.name), id)
  const used = new Set<string>()
  const rows: AgingRow[] = []
  const zeros = (n: number) => Array.from({length: n}, () => new D(0))
  for (const r of input.report.rows) {
    const mapped = input.qboIdOf(r.contact)
    const qboId =
      mapped !== undefined && input.qbo.has(mapped) ? mapped : (byName.get(normalName(r.contact)) ?? mapped)
    const q = qboId === undefined || used.has(qboId) ? undefined : input.qbo.get(qboId)
    if (q && qboId) used.add(qboId)
    const sourceTotal = new D(r.total)
    const qboTotal = q?.total ?? new D(0)
    rows.push({
      contact: r.contact,
      ...(qboId ? {qboId} : {}),
      source: r.buckets.map((b) => new D(b)),
      sourceTotal,
      qbo: q?.buckets ?? zeros(input.qboBuckets),
      qboTotal,
      variance: qboTotal.minus(sourceTotal),
      status: 'agrees',
    })
  }
  for (const [id, q] of input.qbo) {
    if (used.has(id)) continue
    rows.push({
      contact: q.name,
      qboId: id,
      source: zeros(input.report.buckets.length),
      sourceTotal: new D(0),
      qbo: q.buckets,
      qboTotal: q.total,
      variance: q.total,
      status: 'agrees',
    })
  }
  const limit = new D(input.policy.amount)
  let variance = new D(0)
  for (const row of rows) {
    variance = variance.plus(row.variance.abs())
    if (row.variance.abs().greaterThan(limit)) row.status = 'variance'
  }
  rows.sort((a, b) => a.contact.localeCompare(b.contact))
  return {
    rows,
    contacts: rows.length,
    variance,
    withinTolerance: rows.every((r) => r.status === 'agrees'),
    sourceBuckets: input.report.buckets,
  }
}
