import {normalizeOrderNumber} from '../../domain/shipstation.js'

/** QBO's DocNumber holds 21 characters (integrations.md §2.1). */
export const DOC_NUMBER_MAX = 21

export type MatchBy = 'prefix' | 'customer' | 'marker'

export interface Mapping {
  storeId: string
  matchBy: MatchBy
  matchValue: string
}

/** What an order is known by, for a marker template. */
export interface OrderKeys {
  storeId: string
  orderNumber: string
  orderKey: string | null
  orderId: string | null
}

export type InvoiceRow = Record<string, unknown>

export type Pick =
  | {kind: 'found'; invoice: InvoiceRow}
  | {kind: 'none'; reason: string}
  | {kind: 'ambiguous'; reason: string; ids: string[]}

/**
 * The DocNumbers an order's invoice may carry, for the query `DocNumber IN (...)`: the store's prefix and
 * the normalised order number, with and without a '#' (how invoices were numbered is the user's choice).
 * Empty for marker matching, and when the number cannot fit QBO's 21 characters.
 */
export function docNumbersFor(m: Mapping, orderNumber: string): string[] {
  if (m.matchBy === 'marker') return []
  const prefix = m.matchBy === 'prefix' ? m.matchValue : ''
  return [`${prefix}${orderNumber}`, `${prefix}#${orderNumber}`].filter((d) => d.length <= DOC_NUMBER_MAX)
}

const PLACEHOLDER = /\{(order|orderKey|orderId|store)\}/g

/** The PrivateNote line an order's invoice carries, from the store's template; undefined when a value is missing. */
export function markerLine(template: string, o: OrderKeys): string | undefined {
  let missing = false
  const line = template.replace(PLACEHOLDER, (_, name: string) => {
    const v = {order: o.orderNumber, orderKey: o.orderKey, orderId: o.orderId, store: o.storeId}[name]
    if (!v) missing = true
    return v ?? ''
  })
  return missing ? undefined : line.trim()
}

/** Whether a marker template names at least one thing that tells orders apart. */
export function templateIsUsable(template: string): boolean {
  return /\{(order|orderKey|orderId)\}/.test(template)
}

function refValue(row: InvoiceRow, field: string): string | undefined {
  const ref = row[field]
  return ref && typeof ref === 'object' && 'value' in ref
    ? String((ref as {value: unknown}).value)
    : undefined
}

/**
 * The invoice of one order among rows a DocNumber query returned: its DocNumber, without the store's
 * prefix and normalised like order numbers, is the order number (and, by customer, the customer is the
 * store's). Two candidates are ambiguous: the sync never guesses.
 */
export function pickByDocNumber(m: Mapping, orderNumber: string, rows: readonly InvoiceRow[]): Pick {
  const prefix = m.matchBy === 'prefix' ? m.matchValue.toLowerCase() : ''
  const hits = rows.filter((r) => {
    const doc = typeof r.DocNumber === 'string' ? r.DocNumber : ''
    if (!doc.toLowerCase().startsWith(prefix)) return false
    if (normalizeOrderNumber(doc.slice(prefix.length)).toLowerCase() !== orderNumber.toLowerCase())
      return false
    return m.matchBy !== 'customer' || refValue(r, 'CustomerRef') === m.matchValue
  })
  return pickOne(hits, describe(m, orderNumber))
}

export function pickOne(hits: readonly InvoiceRow[], what: string): Pick {
  if (hits.length === 1) return {kind: 'found', invoice: hits[0]!}
  if (hits.length === 0) return {kind: 'none', reason: `no invoice ${what}`}
  const ids = hits.map((r) => String(r.Id))
  return {
    kind: 'ambiguous',
    ids,
    reason: `${hits.length} invoices ${what} (ids ${ids.join(', ')}); the sync does not guess`,
  }
}

function describe(m: Mapping, orderNumber: string): string {
  const docs = docNumbersFor(m, orderNumber)
  const prefix = m.matchBy === 'prefix' ? m.matchValue : ''
  if (docs.length === 0) return `can have DocNumber ${prefix}${orderNumber} (longer than QBO's 21 characters)`
  const shown = docs.join(' or ')
  return m.matchBy === 'customer'
    ? `with DocNumber ${shown} for customer ${m.matchValue}`
    : `with DocNumber ${shown}`
}
