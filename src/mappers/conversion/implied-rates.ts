import type {CanonicalRecord, TradeDocument} from '../../domain/canonical.js'
import {amountText, D, type Dec} from '../../domain/money.js'
import type {SourceAgedSummary, SourceReport} from '../../domain/source-reports.js'
import {decision, type Decision} from '../result.js'
import {docKey} from './open-at.js'

const TRADE = new Set(['invoice', 'creditNote', 'bill', 'supplierCredit'])
const loose = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Foreign-currency documents the export gives no rate (Xero CSV): the rate the source's own aged summary at
 * the date implies for the contact (its home-currency total over the contact's open foreign amounts), so
 * QBO's open balance of each contact equals the source's.
 */
export function impliedRates(
  staged: readonly CanonicalRecord[],
  open: Map<string, Dec>,
  reports: readonly SourceReport[],
  date: string,
  homeCurrency: string,
) {
  const out = new Map<string, {rate: string; decision: Decision}>()
  const aged = (kind: 'agedReceivables' | 'agedPayables') =>
    reports.find((r) => r.kind === kind && r.asAt === date) as SourceAgedSummary | undefined
  const byContact = new Map<string, {docs: TradeDocument[]; foreign: Dec; sales: boolean}>()
  for (const r of staged) {
    if (!TRADE.has(r.kind)) continue
    const doc = r.record as TradeDocument
    if (
      doc.exchangeRate ||
      doc.date > date ||
      doc.status === 'draft' ||
      doc.status === 'voided' ||
      doc.status === 'submitted'
    )
      continue
    const left = open.get(docKey(doc))
    if (!left || left.isZero()) continue
    const sales = doc.kind === 'invoice' || doc.kind === 'creditNote'
    const credit = doc.kind === 'creditNote' || doc.kind === 'supplierCredit'
    const key = `${sales}:${loose(doc.contactName)}:${doc.currency}`
    const entry = byContact.get(key) ?? {docs: [], foreign: new D(0), sales}
    entry.docs.push(doc)
    entry.foreign = entry.foreign.plus(credit ? left.negated() : left)
    byContact.set(key, entry)
  }
  for (const entry of byContact.values()) {
    const first = entry.docs[0]!
    // Only documents outside the home currency need a rate; a home-currency document has none by right.
    if (first.currency === homeCurrency) continue
    const report = aged(entry.sales ? 'agedReceivables' : 'agedPayables')
    const row = report?.rows.find((x) => loose(x.contact) === loose(first.contactName))
    if (!row || entry.foreign.isZero()) continue
    const rate = new D(row.total).div(entry.foreign).toDecimalPlaces(6)
    if (!rate.isPositive()) continue
    for (const doc of entry.docs) {
      out.set(docKey(doc), {
        rate: rate.toString(),
        decision: decision(
          'EXCHANGE_RATE_FROM_AGED_REPORT',
          `the export gives no exchange rate: ${rate.toString()} taken from the source's ${report!.title} at ${date}, where ${first.contactName} owes ${row.total} in home currency for ${amountText(entry.foreign)} ${first.currency} open`,
          {rate: rate.toString(), currency: first.currency},
        ),
      })
    }
  }
  return out
}
