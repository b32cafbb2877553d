import type {CivilDate} from '../../../../domain/civil-date.js'
import {D, type Dec, roundAmount} from '../../../../domain/money.js'
import {buildContext, type LedgerContext, rateOf} from '../context.js'
import {txnDateOf} from '../draft.js'
import {type Json, amount, list, refId, str} from '../read.js'
import type {Book} from '../types.js'

export type AgedSide = 'Receivable' | 'Payable'

/** One open item on a customer's or vendor's account as of the report date, in home currency. */
export interface OpenItem {
  partyId: string
  txnType: string
  txnId: string
  docNumber: string
  date: string
  dueDate: string
  amount: Dec
  open: Dec
}

export interface SideSpec {
  party: 'Customer' | 'Vendor'
  partyRef: string
  charges: string[]
  credits: string[]
  payment: string
  controlType: string
}

export const SIDES: Record<AgedSide, SideSpec> = {
  Receivable: {
    party: 'Customer',
    partyRef: 'CustomerRef',
    charges: ['Invoice'],
    credits: ['CreditMemo'],
    payment: 'Payment',
    controlType: 'Accounts Receivable',
  },
  Payable: {
    party: 'Vendor',
    partyRef: 'VendorRef',
    charges: ['Bill'],
    credits: ['VendorCredit'],
    payment: 'BillPayment',
    controlType: 'Accounts Payable',
  },
}

/** Transaction-currency amounts applied to each document by payments dated on or before `asOf`. */
function appliedAsOf(book: Book, spec: SideSpec, asOf: CivilDate): Map<string, Dec> {
  const applied = new Map<string, Dec>()
  for (const payment of book.list(spec.payment)) {
    if (txnDateOf(payment) > asOf) continue
    for (const line of list(payment, 'Line')) {
      const link = list(line, 'LinkedTxn')[0]
      if (!link) continue
      const key = `${str(link, 'TxnType')}:${str(link, 'TxnId')}`
      applied.set(key, (applied.get(key) ?? new D(0)).plus(amount(line, 'Amount')))
    }
  }
  return applied
}

function home(ctx: LedgerContext, txn: Json, value: Dec): Dec {
  return roundAmount(value.times(rateOf(ctx, txn)))
}

/**
 * Open items as of `asOf`: charges (+) and credits (−) less what payments dated by then applied to them,
 * unapplied payment amounts (−), and journal lines on the AR/AP account that name the party. Open balances
 * are recomputed from the payments' links rather than read from Balance, so a past report date ages what
 * was open then.
 */
export function openItems(book: Book, side: AgedSide, asOf: CivilDate): OpenItem[] {
  const spec = SIDES[side]
  const ctx = buildContext(book)
  const applied = appliedAsOf(book, spec, asOf)
  const items: OpenItem[] = []
  const push = (
    txn: Json,
    type: string,
    sign: 1 | -1,
    total: Dec,
    open: Dec,
    partyId: string | undefined,
  ) => {
    if (partyId === undefined || open.isZero()) return
    const date = txnDateOf(txn)
    items.push({
      partyId,
      txnType: type,
      txnId: str(txn, 'Id') ?? '',
      docNumber: str(txn, 'DocNumber') ?? '',
      date,
      dueDate: str(txn, 'DueDate') ?? date,
      amount: home(ctx, txn, total).times(sign),
      open: home(ctx, txn, open).times(sign),
    })
  }
  for (const [types, sign] of [
    [spec.charges, 1],
    [spec.credits, -1],
  ] as const) {
    for (const type of types) {
      for (const txn of book.list(type)) {
        if (txnDateOf(txn) > asOf) continue
        const total = amount(txn, 'TotalAmt')
        const open = total.minus(applied.get(`${type}:${str(txn, 'Id')}`) ?? new D(0))
        push(txn, type, sign, total, open, refId(txn, spec.partyRef))
      }
    }
  }
  for (const payment of book.list(spec.payment)) {
    if (txnDateOf(payment) > asOf) continue
    let used = new D(0)
    for (const line of list(payment, 'Line')) {
      const type = str(list(line, 'LinkedTxn')[0], 'TxnType')
      const lineAmount = amount(line, 'Amount')
      if (type !== undefined && spec.credits.includes(type)) used = used.minus(lineAmount)
      else if (type !== undefined) used = used.plus(lineAmount)
    }
    const total = amount(payment, 'TotalAmt')
    push(payment, spec.payment, -1, total, total.minus(used), refId(payment, spec.partyRef))
  }
  for (const journal of book.list('JournalEntry')) {
    if (txnDateOf(journal) > asOf) continue
    for (const line of list(journal, 'Line')) {
      const detail = line.JournalEntryLineDetail
      const accountId = refId(detail, 'AccountRef')
      if (accountId === undefined || ctx.chart.get(accountId).type !== spec.controlType) continue
      if (str(detail, 'Entity', 'Type') !== spec.party) continue
      // A debit raises a receivable; on the payable side a credit raises what is owed.
      const debit = str(detail, 'PostingType') !== 'Credit'
      const sign = (side === 'Receivable') === debit ? 1 : -1
      const total = amount(line, 'Amount')
      const open = total.minus(applied.get(`JournalEntry:${str(journal, 'Id')}`) ?? new D(0))
      push(journal, 'JournalEntry', sign, total, open, refId(detail, 'Entity', 'EntityRef'))
    }
  }
  return items
}
