import {D, type Dec} from '../../../domain/money.js'
import {Chart} from './chart.js'
import {type Json, refId, str} from './read.js'
import type {Book} from './types.js'

/** Everything a posting rule may look up, built once per report from the Book. */
export interface LedgerContext {
  chart: Chart
  homeCurrency: string
  items: Map<string, Json>
  taxCodes: Map<string, Json>
  taxRates: Map<string, Json>
  agencies: Map<string, Json>
  /** Transactions other transactions link to, keyed `Type:Id` (Invoice:130). */
  docs: Map<string, Json>
  /** Transaction-currency amount already applied to each linked document, as payments are posted in order. */
  applied: Map<string, Dec>
  /** Tax account per TaxRate Id, looked up once. */
  taxAccounts: Map<string, string>
}

/** Entities whose writes post to the ledger, in the order a same-day, same-time tie is broken. */
export const POSTING_ENTITIES = [
  'JournalEntry',
  'Invoice',
  'SalesReceipt',
  'CreditMemo',
  'RefundReceipt',
  'Bill',
  'VendorCredit',
  'Purchase',
  'Payment',
  'BillPayment',
  'Deposit',
  'Transfer',
] as const

function byId(rows: Json[]): Map<string, Json> {
  const map = new Map<string, Json>()
  for (const row of rows) {
    const id = str(row, 'Id')
    if (id !== undefined) map.set(id, row)
  }
  return map
}

export function homeCurrencyOf(book: Book): string {
  return (
    refId(book.preferences, 'CurrencyPrefs', 'HomeCurrency') ??
    str(book.preferences, 'CurrencyPrefs', 'HomeCurrency') ??
    'AUD'
  )
}

export function buildContext(book: Book): LedgerContext {
  const docs = new Map<string, Json>()
  for (const type of POSTING_ENTITIES) {
    for (const row of book.list(type)) {
      const id = str(row, 'Id')
      if (id !== undefined) docs.set(`${type}:${id}`, row)
    }
  }
  return {
    chart: new Chart(book.list('Account')),
    homeCurrency: homeCurrencyOf(book),
    items: byId(book.list('Item')),
    taxCodes: byId(book.list('TaxCode')),
    taxRates: byId(book.list('TaxRate')),
    agencies: byId(book.list('TaxAgency')),
    docs,
    applied: new Map(),
    taxAccounts: new Map(),
  }
}

/** Home-currency units per one unit of the transaction currency; 1 for home-currency transactions. */
export function rateOf(ctx: LedgerContext, txn: Json): Dec {
  const currency = refId(txn, 'CurrencyRef')
  if (currency === undefined || currency === ctx.homeCurrency) return new D(1)
  const rate = txn.ExchangeRate
  if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) return new D(rate)
  if (typeof rate === 'string' && Number(rate) > 0) return new D(rate)
  return new D(1)
}

export function currencyOf(ctx: LedgerContext, txn: Json): string {
  return refId(txn, 'CurrencyRef') ?? ctx.homeCurrency
}
