import type {DocumentLine, Item, Payment, TradeDocument} from '../../domain/canonical.js'
import {D, type Dec, dec, roundAmount} from '../../domain/money.js'

/** A posting in the source's account terms, home currency, debit positive. */
export interface Posting {
  date: string
  account: string
  amount: Dec
}

export interface PostingAccounts {
  receivable: string
  payable: string
  tax: string
  exchangeGainLoss: string
  items: ReadonlyMap<string, Pick<Item, 'salesAccountId' | 'purchaseAccountId'>>
}

const home = (amount: Dec, rate: string | undefined) => roundAmount(rate ? amount.times(rate) : amount)

/**
 * What QBO will book for a document this migration loads, in the source's account terms: the opening journal
 * is the source's trial balance less these. Foreign amounts are converted as QBO converts a document (the
 * control line is round(total x rate), the tax of each code once, each line's net, the cents left over on the
 * largest line); where QBO puts a leftover cent is undocumented, so the reconciliation's FX rounding
 * allowance still applies to those lines.
 */
export function documentPostings(doc: TradeDocument, accounts: PostingAccounts): Posting[] {
  const sales = doc.kind === 'invoice' || doc.kind === 'creditNote'
  // An invoice credits income; a bill debits expense; credit notes reverse them.
  const sign = doc.kind === 'invoice' || doc.kind === 'supplierCredit' ? -1 : 1
  const lineAccount = (l: DocumentLine) => {
    const item = l.itemCode ? accounts.items.get(l.itemCode) : undefined
    return l.accountId ?? (sales ? item?.salesAccountId : item?.purchaseAccountId) ?? '(no line account)'
  }
  const lines = doc.lines.map((l) => {
    const tax = doc.amountsAre === 'noTax' ? new D(0) : dec(l.taxAmount)
    const gross = dec(l.lineAmount)
    return {
      account: lineAccount(l),
      code: l.taxCode ?? '',
      net: doc.amountsAre === 'inclusive' ? gross.minus(tax) : gross,
      tax,
    }
  })
  const rate = doc.exchangeRate
  const total = lines.reduce((s, l) => s.plus(l.net).plus(l.tax), new D(0))
  const control = home(total, rate)
  const taxByCode = new Map<string, Dec>()
  for (const l of lines) taxByCode.set(l.code, (taxByCode.get(l.code) ?? new D(0)).plus(l.tax))
  const tax = [...taxByCode.values()].reduce((s, t) => s.plus(home(t, rate)), new D(0))
  const nets = lines.map((l) => ({account: l.account, amount: home(l.net, rate)}))
  const gap = control.minus(tax).minus(nets.reduce((s, l) => s.plus(l.amount), new D(0)))
  if (!gap.isZero() && nets.length > 0) {
    const largest = nets.reduce((best, l) => (l.amount.abs().greaterThan(best.amount.abs()) ? l : best))
    largest.amount = largest.amount.plus(gap)
  }
  const out: Posting[] = nets.map((l) => ({date: doc.date, account: l.account, amount: l.amount.times(sign)}))
  out.push({date: doc.date, account: accounts.tax, amount: tax.times(sign)})
  out.push({
    date: doc.date,
    account: sales ? accounts.receivable : accounts.payable,
    amount: control.times(-sign),
  })
  return out.filter((p) => !p.amount.isZero())
}

/**
 * A payment of a document loaded in full, at the document's rate: the money at the payment's rate, the
 * document relieved by the change in its open home amount, the difference a realised exchange gain or loss.
 */
export function paymentPostings(
  payment: Payment,
  kind: 'payment' | 'billPayment',
  doc: TradeDocument,
  openBefore: Dec,
  accounts: PostingAccounts,
): Posting[] {
  const inward = kind === 'payment' ? 1 : -1
  const amount = dec(payment.amount)
  const cash = home(amount, payment.exchangeRate)
  const relieved = home(openBefore, doc.exchangeRate).minus(home(openBefore.minus(amount), doc.exchangeRate))
  const control = kind === 'payment' ? accounts.receivable : accounts.payable
  return [
    {date: payment.date, account: payment.bankAccountId, amount: cash.times(inward)},
    {date: payment.date, account: control, amount: relieved.times(-inward)},
    {date: payment.date, account: accounts.exchangeGainLoss, amount: relieved.minus(cash).times(inward)},
  ].filter((p) => !p.amount.isZero())
}
