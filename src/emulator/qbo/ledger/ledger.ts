import {D, type Dec} from '../../../domain/money.js'
import type {Chart} from './chart.js'
import {buildContext, type LedgerContext, POSTING_ENTITIES} from './context.js'
import {txnDateOf} from './draft.js'
import {
  openingBalancePostings,
  depositPostings,
  journalPostings,
  transferPostings,
} from './postings/banking.js'
import {
  billPostings,
  creditMemoPostings,
  invoicePostings,
  purchasePostings,
  refundReceiptPostings,
  salesReceiptPostings,
  vendorCreditPostings,
} from './postings/documents.js'
import {billPaymentPostings, paymentPostings} from './postings/payments.js'
import {type Json, str} from './read.js'
import type {Book, Posting} from './types.js'

type PostingRule = (ctx: LedgerContext, txn: Json) => Posting[]

export const POSTING_RULES: Record<(typeof POSTING_ENTITIES)[number], PostingRule> = {
  JournalEntry: journalPostings,
  Invoice: invoicePostings,
  SalesReceipt: salesReceiptPostings,
  CreditMemo: creditMemoPostings,
  RefundReceipt: refundReceiptPostings,
  Bill: billPostings,
  VendorCredit: vendorCreditPostings,
  Purchase: purchasePostings,
  Payment: paymentPostings,
  BillPayment: billPaymentPostings,
  Deposit: depositPostings,
  Transfer: transferPostings,
}

export interface Ledger {
  chart: Chart
  homeCurrency: string
  postings: Posting[]
}

function numericOrder(a: string, b: string): number {
  const na = Number(a)
  const nb = Number(b)
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Posts every stored transaction, in date order (then creation time, then the order of POSTING_ENTITIES,
 * then Id), so payments relieve the documents they link to in the order they happened.
 */
export function postBook(book: Book): Ledger {
  const ctx = buildContext(book)
  const queue: {type: (typeof POSTING_ENTITIES)[number]; rank: number; txn: Json}[] = []
  POSTING_ENTITIES.forEach((type, rank) => {
    for (const txn of book.list(type)) queue.push({type, rank, txn})
  })
  queue.sort(
    (a, b) =>
      txnDateOf(a.txn).localeCompare(txnDateOf(b.txn)) ||
      (str(a.txn, 'MetaData', 'CreateTime') ?? '').localeCompare(
        str(b.txn, 'MetaData', 'CreateTime') ?? '',
      ) ||
      a.rank - b.rank ||
      numericOrder(str(a.txn, 'Id') ?? '', str(b.txn, 'Id') ?? ''),
  )
  const postings: Posting[] = []
  for (const account of book.list('Account')) postings.push(...openingBalancePostings(ctx, account))
  for (const {type, txn} of queue) postings.push(...POSTING_RULES[type](ctx, txn))
  return {chart: ctx.chart, homeCurrency: ctx.homeCurrency, postings}
}

/** Debit-positive balance per account over the postings that pass the filter. */
export function balances(
  postings: Posting[],
  include: (p: Posting) => boolean = () => true,
): Map<string, Dec> {
  const out = new Map<string, Dec>()
  for (const p of postings) {
    if (!include(p)) continue
    out.set(p.accountId, (out.get(p.accountId) ?? new D(0)).plus(p.debit).minus(p.credit))
  }
  return out
}
