import type {CanonicalRecord, Payment, TradeDocument} from '../../domain/canonical.js'
import {D, type Dec, dec} from '../../domain/money.js'

export type DocKey = `${TradeDocument['kind']}:${string}`
export const docKey = (d: Pick<TradeDocument, 'kind' | 'id'>): DocKey => `${d.kind}:${d.id}`

/**
 * What each document still owed at the close of a date, in its own currency: its total less the payments and
 * credits applied to it on or before the date. A document no staged payment or credit names keeps the
 * amount due its source states (a Xero CSV export's InvoiceAmountDue, which is the amount due when the
 * export was taken: the export must be taken at the conversion date).
 */
export function openAt(records: readonly CanonicalRecord[], date: string): Map<DocKey, Dec> {
  const applied = new Map<DocKey, Dec>()
  const named = new Set<DocKey>()
  const apply = (key: DocKey, amount: string, when: string) => {
    named.add(key)
    if (when <= date) applied.set(key, (applied.get(key) ?? new D(0)).plus(amount))
  }
  const docs: TradeDocument[] = []
  for (const r of records) {
    if (r.kind === 'payment' || r.kind === 'billPayment') {
      const p = r.record as Payment
      for (const a of p.allocations) apply(`${a.documentKind}:${a.documentId}`, a.amount, a.date ?? p.date)
    }
    if (r.kind === 'invoice' || r.kind === 'creditNote' || r.kind === 'bill' || r.kind === 'supplierCredit') {
      const doc = r.record as TradeDocument
      docs.push(doc)
      for (const a of doc.allocations ?? []) {
        apply(`${a.documentKind}:${a.documentId}`, a.amount, a.date ?? doc.date)
        apply(docKey(doc), a.amount, a.date ?? doc.date)
      }
    }
  }
  const out = new Map<DocKey, Dec>()
  for (const doc of docs) {
    const key = docKey(doc)
    const open = named.has(key)
      ? dec(doc.total).minus(applied.get(key) ?? 0)
      : doc.amountDue !== undefined
        ? dec(doc.amountDue)
        : dec(doc.total)
    out.set(key, open)
  }
  return out
}
