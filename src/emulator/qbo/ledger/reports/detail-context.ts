import type {Ledger} from '../ledger.js'
import {type Json, str} from '../read.js'
import type {Book, Posting} from '../types.js'
import type {Period} from './dates.js'

/** What the transaction-level reports (GeneralLedger, TransactionList, sales) look up besides the postings. */
export interface DetailInput {
  book: Book
  ledger: Ledger
  period: Period
  fiscalStartMonth: number
  header: (hasData: boolean) => Record<string, unknown>
}

export interface Names {
  party(type: string | undefined, id: string | undefined): string
  txn(type: string, id: string): Json | undefined
}

/** Display names of customers, vendors and employees, and the stored transactions by `Type:Id`. */
export function names(book: Book): Names {
  const parties = new Map<string, string>()
  for (const type of ['Customer', 'Vendor', 'Employee']) {
    for (const row of book.list(type)) {
      const id = str(row, 'Id')
      if (id !== undefined) parties.set(`${type}:${id}`, str(row, 'DisplayName') ?? id)
    }
  }
  const txns = new Map<string, Json>()
  return {
    party: (type, id) => (type && id ? (parties.get(`${type}:${id}`) ?? '') : ''),
    txn: (type, id) => {
      if (txns.size === 0) {
        for (const t of [
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
        ])
          for (const row of book.list(t)) txns.set(`${t}:${str(row, 'Id') ?? ''}`, row)
      }
      return txns.get(`${type}:${id}`)
    },
  }
}

/** QBO's transaction type titles ("Journal Entry", "Bill Payment (Cheque)" simplified to the entity name). */
export function txnTypeTitle(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2')
}

/** Postings grouped by transaction, in posting order. */
export function byTransaction(postings: Posting[]): Map<string, Posting[]> {
  const out = new Map<string, Posting[]>()
  for (const p of postings) {
    const key = `${p.txn.type}:${p.txn.id}`
    out.set(key, [...(out.get(key) ?? []), p])
  }
  return out
}

/** The other account of a posting's transaction, or "-Split-" when there are several (QBO's Split column). */
export function splitAccount(siblings: Posting[], own: Posting, accountName: (id: string) => string): string {
  const others = [...new Set(siblings.filter((p) => p.accountId !== own.accountId).map((p) => p.accountId))]
  if (others.length === 1) return accountName(others[0]!)
  return others.length === 0 ? '' : '-Split-'
}
