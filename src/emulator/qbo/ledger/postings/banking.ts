import {D} from '../../../../domain/money.js'
import type {LedgerContext} from '../context.js'
import {rateOf} from '../context.js'
import {type Draft, finish, type Residual, txnDateOf, txnRefOf} from '../draft.js'
import {type Json, amount, has, list, refId, str} from '../read.js'
import {taxAccountForCode, txnTaxLines} from '../tax.js'
import type {EntityRef, Posting} from '../types.js'

/**
 * The party on a journal or deposit line. Journals write {"Type":"Customer","EntityRef":{"value":"58"}};
 * deposits write {"value":"58","type":"CUSTOMER"}. Both are normalised to {type: "Customer", id: "58"}.
 */
export function lineEntity(detail: unknown): EntityRef | undefined {
  const id = refId(detail, 'Entity', 'EntityRef') ?? refId(detail, 'Entity')
  if (id === undefined) return undefined
  const raw = str(detail, 'Entity', 'Type') ?? str(detail, 'Entity', 'type') ?? 'Customer'
  return {type: raw.charAt(0).toUpperCase() + raw.slice(1).toLowerCase(), id}
}

/**
 * Deposit: the bank account is debited for TotalAmt; linked payments and sales receipts leave Undeposited
 * Funds; other lines credit their account (a negative line debits it, e.g. fees); cash back debits its
 * account. Tax on deposit lines follows TaxApplicableOn: Sales credits the tax account, Purchase debits it.
 */
export function depositPostings(ctx: LedgerContext, txn: Json): Posting[] {
  const drafts: Draft[] = [
    {
      accountId: refId(txn, 'DepositToAccountRef') ?? ctx.chart.system('Suspense'),
      amount: amount(txn, 'TotalAmt'),
    },
  ]
  const ownRate = rateOf(ctx, txn)
  let foreignRate = false
  let purchaseTax = false
  for (const line of list(txn, 'Line')) {
    const link = list(line, 'LinkedTxn')[0]
    const lineAmount = amount(line, 'Amount')
    if (link) {
      const doc = ctx.docs.get(`${str(link, 'TxnType')}:${str(link, 'TxnId')}`)
      const account = refId(doc, 'DepositToAccountRef') ?? ctx.chart.system('UndepositedFunds')
      if (doc && !rateOf(ctx, doc).eq(ownRate)) foreignRate = true
      // The undeposited money was recorded at the payment's rate; leave it at that rate.
      const docRate = doc ? rateOf(ctx, doc) : ownRate
      drafts.push({accountId: account, amount: lineAmount.times(docRate).negated(), home: true})
    } else if (str(line, 'DetailType') === 'DepositLineDetail') {
      const detail = line.DepositLineDetail
      if (str(detail, 'TaxApplicableOn') === 'Purchase') purchaseTax = true
      drafts.push({
        accountId: refId(detail, 'AccountRef') ?? ctx.chart.system('Suspense'),
        amount: lineAmount.negated(),
        entity: lineEntity(detail),
        plug: true,
      })
    }
  }
  for (const tax of txnTaxLines(ctx, txn)) {
    drafts.push({accountId: tax.accountId, amount: purchaseTax ? tax.amount : tax.amount.negated()})
  }
  if (has(txn, 'CashBack', 'Amount')) {
    drafts.push({
      accountId: refId(txn, 'CashBack', 'AccountRef') ?? ctx.chart.system('Suspense'),
      amount: amount(txn, 'CashBack', 'Amount'),
    })
  }
  const residual: Residual =
    foreignRate || !ownRate.eq(1)
      ? {kind: 'account', accountId: ctx.chart.system('ExchangeGainLoss')}
      : {kind: 'plug'}
  return finish(ctx, txnDateOf(txn), txnRefOf('Deposit', txn), drafts, ownRate, residual)
}

export function transferPostings(ctx: LedgerContext, txn: Json): Posting[] {
  const value = amount(txn, 'Amount')
  const drafts: Draft[] = [
    {accountId: refId(txn, 'ToAccountRef') ?? ctx.chart.system('Suspense'), amount: value},
    {accountId: refId(txn, 'FromAccountRef') ?? ctx.chart.system('Suspense'), amount: value.negated()},
  ]
  return finish(ctx, txnDateOf(txn), txnRefOf('Transfer', txn), drafts, rateOf(ctx, txn), {kind: 'plug'})
}

/**
 * JournalEntry: each line on its side. A line with TaxCodeRef and TaxAmount also posts the tax, on the same
 * side, to the tax account of its code (TaxApplicableOn picks the sales or purchase rates). Under TaxExcluded
 * Amount is net and the tax is on top; under TaxInclusive Amount is the gross and the tax comes out of it
 * (TaxInclusiveAmt, which QBO AU requires there, is not used): the journal balances on its Amounts, which is
 * what the emulator's validation checks.
 */
export function journalPostings(ctx: LedgerContext, txn: Json): Posting[] {
  const inclusive = str(txn, 'GlobalTaxCalculation') === 'TaxInclusive'
  const drafts: Draft[] = []
  for (const line of list(txn, 'Line')) {
    if (str(line, 'DetailType') !== 'JournalEntryLineDetail') continue
    const detail = line.JournalEntryLineDetail
    const sign = str(detail, 'PostingType') === 'Credit' ? -1 : 1
    const tax = amount(detail, 'TaxAmount')
    const taxCode = refId(detail, 'TaxCodeRef')
    const net =
      inclusive && taxCode !== undefined ? amount(line, 'Amount').minus(tax) : amount(line, 'Amount')
    drafts.push({
      accountId: refId(detail, 'AccountRef') ?? ctx.chart.system('Suspense'),
      amount: net.times(sign),
      entity: lineEntity(detail),
      plug: true,
    })
    if (taxCode !== undefined && !tax.isZero()) {
      const side = str(detail, 'TaxApplicableOn') === 'Purchase' ? 'Purchase' : 'Sales'
      drafts.push({accountId: taxAccountForCode(ctx, taxCode, side), amount: tax.times(sign)})
    }
  }
  return finish(ctx, txnDateOf(txn), txnRefOf('JournalEntry', txn), drafts, rateOf(ctx, txn), {kind: 'plug'})
}

/**
 * An account created with OpeningBalance: QBO posts it against Opening Balance Equity on OpeningBalanceDate.
 * Asset and expense balances are debits; the rest are credits.
 */
export function openingBalancePostings(ctx: LedgerContext, account: Json): Posting[] {
  const value = amount(account, 'OpeningBalance')
  const id = str(account, 'Id')
  if (value.isZero() || id === undefined) return []
  const type = ctx.chart.get(id).type
  const debitNormal = [
    'Bank',
    'Accounts Receivable',
    'Other Current Asset',
    'Fixed Asset',
    'Other Asset',
  ].includes(type)
  const signed = debitNormal ? value : value.negated()
  const drafts: Draft[] = [
    {accountId: id, amount: signed},
    {accountId: ctx.chart.system('OpeningBalanceEquity'), amount: signed.negated()},
  ]
  const date = str(account, 'OpeningBalanceDate') ?? str(account, 'MetaData', 'CreateTime')?.slice(0, 10)
  return finish(ctx, date ?? '1900-01-01', {type: 'Account', id}, drafts, new D(1), {kind: 'plug'})
}
