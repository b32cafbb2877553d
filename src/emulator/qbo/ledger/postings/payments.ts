import {D, type Dec, roundAmount} from '../../../../domain/money.js'
import {currencyOf, type LedgerContext, rateOf} from '../context.js'
import {type Draft, finish, type Residual, txnDateOf, txnRefOf} from '../draft.js'
import {type Json, amount, list, refId, str} from '../read.js'
import type {EntityRef, Posting} from '../types.js'

/**
 * Relieving part of an open document at the document's own exchange rate. The home amount is the change in
 * the document's rounded home balance, so a document that is paid off in pieces clears its home balance to
 * the cent and AR (AP) always equals the sum of round(open balance × rate).
 */
function relieve(ctx: LedgerContext, key: string, doc: Json, applied: Dec): Dec {
  const rate = rateOf(ctx, doc)
  const total = amount(doc, 'TotalAmt')
  const before = ctx.applied.get(key) ?? new D(0)
  const after = before.plus(applied)
  ctx.applied.set(key, after)
  const openBefore = roundAmount(total.minus(before).times(rate))
  const openAfter = roundAmount(total.minus(after).times(rate))
  return openBefore.minus(openAfter)
}

/** The AR (or AP) line of a journal entry for this party: its side says whether linking it pays or uses it. */
function journalSide(ctx: LedgerContext, journal: Json, controlType: string): 1 | -1 {
  for (const line of list(journal, 'Line')) {
    const accountId = refId(line, 'JournalEntryLineDetail', 'AccountRef')
    if (accountId !== undefined && ctx.chart.get(accountId).type === controlType) {
      return str(line, 'JournalEntryLineDetail', 'PostingType') === 'Credit' ? -1 : 1
    }
  }
  return 1
}

interface Settlement {
  type: string
  controlType: 'Accounts Receivable' | 'Accounts Payable'
  /** +1: the payment credits the control account (customer pays); -1: it debits it (we pay a vendor). */
  direction: 1 | -1
  /** Linked types that are charges (invoice, bill) rather than credits (credit memo, vendor credit). */
  charges: string[]
  credits: string[]
  cashAccountId: string
  entity?: EntityRef
  defaultControl: string
}

/**
 * Payment and BillPayment: cash for TotalAmt against the control account. Each linked charge is relieved,
 * each linked credit is used up (it moves the other way), and what is left is an unapplied credit on the
 * party's account. Differences between the payment's rate and the documents' rates are realised exchange
 * gains or losses.
 */
function settlementPostings(ctx: LedgerContext, txn: Json, spec: Settlement): Posting[] {
  const total = amount(txn, 'TotalAmt')
  const d = spec.direction
  const drafts: Draft[] = [{accountId: spec.cashAccountId, amount: total.times(d)}]
  let applied = new D(0)
  let foreignRate = false
  const ownRate = rateOf(ctx, txn)
  for (const line of list(txn, 'Line')) {
    const link = list(line, 'LinkedTxn')[0]
    const linkType = str(link, 'TxnType')
    const linkId = str(link, 'TxnId')
    const lineAmount = amount(line, 'Amount')
    if (linkType === undefined || linkId === undefined || lineAmount.isZero()) continue
    const key = `${linkType}:${linkId}`
    const doc = ctx.docs.get(key)
    let sign: 1 | -1
    if (spec.charges.includes(linkType)) sign = 1
    else if (spec.credits.includes(linkType)) sign = -1
    else if (linkType === 'JournalEntry' && doc) sign = journalSide(ctx, doc, spec.controlType) === d ? 1 : -1
    else continue
    applied = applied.plus(lineAmount.times(sign))
    const accountId = doc ? controlAccountOf(ctx, doc, spec) : spec.defaultControl
    if (doc && !rateOf(ctx, doc).eq(ownRate)) foreignRate = true
    const home = doc ? relieve(ctx, key, doc, lineAmount) : roundAmount(lineAmount.times(ownRate))
    drafts.push({accountId, amount: home.times(-d * sign), entity: spec.entity, home: true})
  }
  const unapplied = total.minus(applied)
  if (!unapplied.isZero())
    drafts.push({accountId: spec.defaultControl, amount: unapplied.times(-d), entity: spec.entity})
  const residual: Residual =
    foreignRate || !ownRate.eq(1)
      ? {kind: 'account', accountId: ctx.chart.system('ExchangeGainLoss')}
      : {kind: 'plug'}
  return finish(ctx, txnDateOf(txn), txnRefOf(spec.type, txn), drafts, ownRate, residual)
}

function controlAccountOf(ctx: LedgerContext, doc: Json, spec: Settlement): string {
  const explicit = refId(doc, spec.controlType === 'Accounts Receivable' ? 'ARAccountRef' : 'APAccountRef')
  if (explicit) return explicit
  const role = spec.controlType === 'Accounts Receivable' ? 'AR' : 'AP'
  return ctx.chart.system(role, currencyOf(ctx, doc))
}

export function paymentPostings(ctx: LedgerContext, txn: Json): Posting[] {
  const customer = refId(txn, 'CustomerRef')
  return settlementPostings(ctx, txn, {
    type: 'Payment',
    controlType: 'Accounts Receivable',
    direction: 1,
    charges: ['Invoice'],
    credits: ['CreditMemo'],
    // Without DepositToAccountRef QBO puts the money in Undeposited Funds.
    cashAccountId: refId(txn, 'DepositToAccountRef') ?? ctx.chart.system('UndepositedFunds'),
    entity: customer === undefined ? undefined : {type: 'Customer', id: customer},
    defaultControl: refId(txn, 'ARAccountRef') ?? ctx.chart.system('AR', currencyOf(ctx, txn)),
  })
}

export function billPaymentPostings(ctx: LedgerContext, txn: Json): Posting[] {
  const vendor = refId(txn, 'VendorRef')
  const cash =
    str(txn, 'PayType') === 'CreditCard'
      ? refId(txn, 'CreditCardPayment', 'CCAccountRef')
      : refId(txn, 'CheckPayment', 'BankAccountRef')
  return settlementPostings(ctx, txn, {
    type: 'BillPayment',
    controlType: 'Accounts Payable',
    direction: -1,
    charges: ['Bill'],
    credits: ['VendorCredit'],
    cashAccountId: cash ?? ctx.chart.system('Suspense'),
    entity: vendor === undefined ? undefined : {type: 'Vendor', id: vendor},
    defaultControl: refId(txn, 'APAccountRef') ?? ctx.chart.system('AP', currencyOf(ctx, txn)),
  })
}
