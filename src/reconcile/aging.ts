import {type CivilDate, daysBetween} from '../domain/civil-date.js'
import type {Payment, TradeDocument} from '../domain/canonical.js'
import {amountText, D, type Dec, dec} from '../domain/money.js'
import {centsText, toCents} from './cents.js'
import {normalName} from './contacts.js'
import {columnIndex, type ParsedReport, reportAmount} from './report.js'
import {isPosted} from './source-docs.js'
import type {TolerancePolicy} from './tolerance.js'

export const BUCKETS = ['Current', '1 - 30', '31 - 60', '61 - 90', '91 and over'] as const

interface OpenItem {
  contactId: string
  contactName: string
  docKey: string
  /** Due date (or date) that decides the bucket. */
  due: string
  /** Document currency cents, signed: invoices and bills positive, credits negative. */
  amount: number
  rate: string | undefined
  /** The source's own amount due (cents), used only when no allocation to the document was staged. */
  statedDue?: number
}

export interface AgingRow {
  contact: string
  qboId?: string
  source: Dec[]
  sourceTotal: Dec
  qbo: Dec[]
  qboTotal: Dec
  variance: Dec
  status: 'agrees' | 'variance'
}

export interface AgingComparison {
  rows: AgingRow[]
  contacts: number
  variance: Dec
  withinTolerance: boolean
  /** The titles of the source's buckets (the source's own report's, or QBO's five when rebuilt from staging). */
  sourceBuckets: readonly string[]
}

/**
 * Open receivables or payables by contact as at a date, from the staged documents less the allocations
 * (payments and credits) dated on or before it, bucketed by days past due as QBO's aged reports do
 * (aging by report date: Current, 1-30, 31-60, 61-90, 91 and over).
 */
export class SourceAging {
  private readonly items: OpenItem[] = []
  /** Cents applied to each document on or before the as-at date. */
  private readonly allocated = new Map<string, number>()
  private readonly everAllocated = new Set<string>()

  constructor(
    readonly side: 'receivable' | 'payable',
    private readonly asOf: string,
  ) {}

  private allocate(docKey: string, amount: string, date: string) {
    this.everAllocated.add(docKey)
    if (date <= this.asOf) this.allocated.set(docKey, (this.allocated.get(docKey) ?? 0) + toCents(amount))
  }

  addDocument(kind: 'invoice' | 'creditNote' | 'bill' | 'supplierCredit', doc: TradeDocument): void {
    if (!isPosted(doc) || doc.date > this.asOf) return
    const credit = kind === 'creditNote' || kind === 'supplierCredit'
    const key = `${kind}:${doc.id}`
    this.items.push({
      contactId: doc.contactId,
      contactName: doc.contactName,
      docKey: key,
      due: doc.dueDate ?? doc.date,
      amount: toCents(doc.total) * (credit ? -1 : 1),
      rate: doc.exchangeRate,
      ...(doc.amountPaid !== undefined && doc.amountDue !== undefined && toCents(doc.amountPaid) !== 0
        ? {statedDue: toCents(doc.amountDue) * (credit ? -1 : 1)}
        : {}),
    })
    // A credit applied to documents is used up by the same amount as the documents are settled.
    for (const a of doc.allocations ?? []) {
      const date = a.date ?? doc.date
      this.allocate(`${a.documentKind}:${a.documentId}`, a.amount, date)
      this.allocate(key, a.amount, date)
    }
  }

  addPayment(p: Payment, contactName: string | undefined): void {
    // A refund out of a prepayment or overpayment is applied against it (docs/prepayments.md): the credit
    // it leaves open is the payment's unapplied amount less the refund, and the refund itself is settled.
    if (p.refundOf && p.allocations.length === 0) return
    let applied = (p.refunds ?? []).reduce((a, r) => a + toCents(r.amount), 0)
    for (const a of p.allocations) {
      this.allocate(`${a.documentKind}:${a.documentId}`, a.amount, a.date ?? p.date)
      applied += toCents(a.amount)
    }
    const unapplied = toCents(p.amount) - applied
    if (p.contactId && unapplied > 0 && p.date <= this.asOf) {
      this.items.push({
        contactId: p.contactId,
        contactName: contactName ?? p.contactId,
        docKey: `unapplied:${p.id}`,
        due: p.date,
        amount: -unapplied,
        rate: p.exchangeRate,
      })
    }
  }

  /** Per contact id: name and the five bucket amounts in home currency. */
  balances(): Map<string, {name: string; buckets: Dec[]}> {
    const cents = new Map<string, {name: string; buckets: number[]}>()
    for (const item of this.items) {
      const settled = this.allocated.get(item.docKey) ?? 0
      let open = item.amount < 0 ? item.amount + settled : item.amount - settled
      if (!this.everAllocated.has(item.docKey) && item.statedDue !== undefined) open = item.statedDue
      if (open === 0) continue
      const homeOpen =
        item.rate === undefined ? open : toCents(amountText(dec(centsText(open)).times(item.rate)))
      const entry = cents.get(item.contactId) ?? {name: item.contactName, buckets: BUCKETS.map(() => 0)}
      entry.buckets[bucketOf(daysBetween(item.due as CivilDate, this.asOf as CivilDate))]! += homeOpen
      cents.set(item.contactId, entry)
    }
    return new Map(
      [...cents].map(([id, e]) => [id, {name: e.name, buckets: e.buckets.map((c) => new D(centsText(c)))}]),
    )
  }
}

function bucketOf(daysPastDue: number): number {
  if (daysPastDue <= 0) return 0
  if (daysPastDue <= 30) return 1
  if (daysPastDue <= 60) return 2
  if (daysPastDue <= 90) return 3
  return 4
}

/** QBO's AgedReceivables / AgedPayables summary: per customer or vendor, the buckets and the total. */
export function qboAging(report: ParsedReport): Map<string, {name: string; buckets: Dec[]; total: Dec}> {
  const total = columnIndex(report, (c) => c.key === 'total' || /^total$/i.test(c.title))
  const buckets = BUCKETS.map((title) =>
    columnIndex(report, (c) => c.title.replace(/\s+/g, ' ').toLowerCase() === title.toLowerCase()),
  )
  const out = new Map<string, {name: string; buckets: Dec[]; total: Dec}>()
  for (const row of report.rows) {
    if (!row.id && /^total$/i.test(row.label.trim())) continue
    const where = `${report.name} row ${row.label}`
    out.set(row.id ?? `name:${row.label}`, {
      name: row.label,
      buckets: buckets.map((i) => (i < 0 ? new D(0) : reportAmount(row.cells[i], where))),
      total: reportAmount(row.cells[total], where),
    })
  }
  return out
}

/** Source open balances vs QBO's aged report, contact by contact (matched by the id map, then by name). */
export function compareAging(input: {
  source: Map<string, {name: string; buckets: Dec[]}>
  qboIdOf: (sourceContactId: string) => string | undefined
  qbo: Map<string, {name: string; buckets: Dec[]; total: Dec}>
  policy: TolerancePolicy
}): AgingComparison {
  const byName = new Map<string, string>()
  for (const [id, v] of input.qbo) byName.set(normalName(v.name), id)
  const used = new Set<string>()
  const rows: AgingRow[] = []
  const zero = () => BUCKETS.map(() => new D(0))
  for (const [contactId, s] of input.source) {
    const mapped = input.qboIdOf(contactId)
    const qboId =
      mapped !== undefined && input.qbo.has(mapped) ? mapped : (byName.get(normalName(s.name)) ?? mapped)
    const q = qboId === undefined || used.has(qboId) ? undefined : input.qbo.get(qboId)
    if (q && qboId) used.add(qboId)
    rows.push(row(s.name, qboId, s.buckets, q?.buckets ?? zero(), q?.total ?? new D(0)))
  }
  for (const [id, q] of input.qbo) if (!used.has(id)) rows.push(row(q.name, id, zero(), q.buckets, q.total))
  const limit = new D(input.policy.amount)
  let variance = new D(0)
  for (const r of rows) {
    variance = variance.plus(r.variance.abs())
    if (r.variance.abs().greaterThan(limit)) r.status = 'variance'
  }
  rows.sort((a, b) => a.contact.localeCompare(b.contact))
  return {
    rows,
    contacts: rows.length,
    variance,
    withinTolerance: rows.every((r) => r.status === 'agrees'),
    sourceBuckets: BUCKETS,
  }
}

function row(contact: string, qboId: string | undefined, source: Dec[], qbo: Dec[], qboTotal: Dec): AgingRow {
  const sourceTotal = source.reduce((a, b) => a.plus(b), new D(0))
  return {
    contact,
    ...(qboId ? {qboId} : {}),
    source,
    sourceTotal,
    qbo,
    qboTotal,
    variance: qboTotal.minus(sourceTotal),
    status: 'agrees',
  }
}
