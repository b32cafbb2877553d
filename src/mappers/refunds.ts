import type {Account, Payment} from '../domain/canonical.js'
import {dec, toQboAmount} from '../domain/money.js'
import {accountRef, qboOwnAccount} from './accounts.js'
import {refTo, type MappingContext} from './context.js'
import {currencyFields, matchExisting, privateNote} from './doc-common.js'
import {known, symbolicId, type Ref} from './refs.js'
import {Notes, type MapResult} from './result.js'

/**
 * Refunds: money paid back to a customer out of a credit it held (a Xero prepayment, overpayment or credit
 * note), or received back from a supplier. QBO has no refund form that a Payment or BillPayment can carry,
 * so a refund is a JournalEntry between the bank and the control account with the contact on the control
 * line (qbo-api.md: "an A/R line needs a Customer"), and the credit is applied to that journal line:
 * - a prepayment's or overpayment's own Payment (BillPayment) links the journal as one of its lines;
 * - a credit note's refund gets a zero-amount Payment linking the journal and the CreditMemo, the way a
 *   credit note's allocation to an invoice is applied (docs/prepayments.md).
 */

/** Money paid back out of a credit: a refund of a prepayment, overpayment or credit (all its allocations are credits). */
export function isRefund(payment: Payment, kind: 'payment' | 'billPayment'): boolean {
  if (payment.refundOf) return true
  const credit = kind === 'payment' ? 'creditNote' : 'supplierCredit'
  return payment.allocations.length > 0 && payment.allocations.every((a) => a.documentKind === credit)
}

export const refundApplicationSourceId = (refundId: string) => `${refundId}/applied`

/** The control account (AR or AP) a refund journal posts to: QBO's own, else the source's. */
function controlRef(ctx: MappingContext, role: 'AR' | 'AP'): Ref | undefined {
  const own = qboOwnAccount(ctx, role)
  if (own) return known(own.Id)
  const source = [...ctx.source.accounts.values()].find((a: Account) => a.systemAccount === role)
  if (!source) return undefined
  const ref = accountRef(ctx, source.id)
  return 'ref' in ref ? ref.ref : undefined
}

function contactOf(payment: Payment, ctx: MappingContext): string | undefined {
  if (payment.contactId) return payment.contactId
  const money = payment.refundOf ? ctx.source.unapplied.get(payment.refundOf.id) : undefined
  if (money?.contactId) return money.contactId
  for (const a of payment.allocations) {
    const doc = ctx.source.documents.get(`${a.documentKind}:${a.documentId}`)
    if (doc) return doc.contactId
  }
  return undefined
}

/**
 * Whether the refund can migrate at all: a refund in a foreign currency would need QBO's per-currency
 * control account, which a journal has to name and the migration cannot know before QBO makes it.
 */
export function refundMigrates(payment: Payment, ctx: MappingContext): boolean {
  // Xero's refund payment may not repeat its prepayment's currency: the prepayment's own wins.
  const money = payment.refundOf ? ctx.source.unapplied.get(payment.refundOf.id) : undefined
  return (money?.currency ?? payment.currency) === ctx.target.homeCurrency
}

const what = (p: Payment) =>
  p.refundOf ? `${p.refundOf.kind} ${p.refundOf.id}` : `credit ${p.allocations[0]?.documentId ?? '?'}`

/** The refund itself: a JournalEntry moving the money between the bank and the contact's AR (AP) balance. */
export function mapRefund(payment: Payment, kind: 'payment' | 'billPayment', ctx: MappingContext): MapResult {
  const notes = new Notes()
  const sales = kind === 'payment'
  if (!refundMigrates(payment, ctx)) {
    notes.decide(
      'REFUND_NOT_MIGRATED',
      `the refund of ${what(payment)} (${payment.currency} ${payment.amount} on ${payment.date}) is not migrated: a foreign-currency refund needs QBO's ${payment.currency} ${sales ? 'receivable' : 'payable'} account`,
      {
        amount: payment.amount,
        currency: payment.currency,
        manualStep: `In QBO enter a ${sales ? 'cheque (Expense) to the customer' : 'deposit from the supplier'} for ${payment.currency} ${payment.amount} on ${payment.date} against ${sales ? 'Accounts Receivable' : 'Accounts Payable'} (${payment.currency}), then apply the customer's credit to it.`,
      },
    )
    return {
      ...notes.result('JournalEntry', payment.id),
      disposition: {action: 'skip', reason: 'a foreign-currency refund is entered in QBO by hand'},
    }
  }
  const existing = matchExisting(ctx, 'JournalEntry', payment.id, undefined, payment.date, payment.amount)
  if (existing)
    return {...notes.result('JournalEntry', payment.id), disposition: {action: 'adopt', ...existing}}
  const contactId = contactOf(payment, ctx)
  if (!contactId)
    notes.block(
      'CONTACT_UNKNOWN',
      'the refund names no contact and none of its documents is staged',
      'Re-extract including the credited documents.',
    )
  const bank = accountRef(ctx, payment.bankAccountId)
  if ('issue' in bank) notes.block(bank.issue.code, `bank account: ${bank.issue.message}`, bank.issue.fix)
  const control = controlRef(ctx, sales ? 'AR' : 'AP')
  if (!control)
    notes.block(
      'CONTROL_ACCOUNT_MISSING',
      `a refund posts to ${sales ? 'Accounts Receivable' : 'Accounts Payable'}, which neither QBO nor the staged chart has`,
      'Re-extract including the chart of accounts, then plan again.',
    )
  notes.decide(
    'REFUND_AS_JOURNAL',
    `the refund of ${what(payment)} is a journal between the bank and ${sales ? 'Accounts Receivable' : 'Accounts Payable'}, applied against the credit`,
    {refundOf: payment.refundOf?.id ?? payment.allocations[0]?.documentId, amount: payment.amount},
  )
  const amount = toQboAmount(dec(payment.amount))
  const entity = sales ? 'Customer' : 'Vendor'
  // A customer refund debits AR (the customer owes back the credit it used up) and credits the bank.
  const controlLine = {
    DetailType: 'JournalEntryLineDetail',
    Amount: amount,
    Description: `Refund ${payment.reference ?? ''}`.trim(),
    JournalEntryLineDetail: {
      PostingType: sales ? 'Debit' : 'Credit',
      AccountRef: control,
      Entity: {Type: entity, EntityRef: contactId ? refTo(ctx, entity, contactId) : undefined},
    },
  }
  const bankLine = {
    DetailType: 'JournalEntryLineDetail',
    Amount: amount,
    JournalEntryLineDetail: {
      PostingType: sales ? 'Credit' : 'Debit',
      AccountRef: 'ref' in bank ? bank.ref : undefined,
    },
  }
  const p: Record<string, unknown> = {
    TxnDate: payment.date,
    ...currencyFields(ctx, notes, payment.currency, payment.exchangeRate, payment.date),
    PrivateNote: privateNote(ctx, payment.id, [
      payment.reference ? `Reference: ${payment.reference}` : undefined,
    ]),
    Line: [controlLine, bankLine],
  }
  return notes.result('JournalEntry', payment.id, p)
}

/**
 * A credit note's (supplier credit's) refund applied: a zero-amount Payment (BillPayment) linking the refund
 * journal and the credit, so the credit is used up in QBO as it is in the source.
 */
export function mapRefundApplication(
  payment: Payment,
  kind: 'payment' | 'billPayment',
  ctx: MappingContext,
): MapResult | undefined {
  if (payment.allocations.length === 0 || !refundMigrates(payment, ctx)) return undefined
  const sales = kind === 'payment'
  const entity = sales ? 'Payment' : 'BillPayment'
  const sourceId = refundApplicationSourceId(payment.id)
  const notes = new Notes()
  const existing = matchExisting(ctx, entity, sourceId, undefined, payment.date, '0')
  if (existing) return {...notes.result(entity, sourceId), disposition: {action: 'adopt', ...existing}}
  const contactId = contactOf(payment, ctx)
  const amount = toQboAmount(dec(payment.amount))
  const p: Record<string, unknown> = {
    [sales ? 'CustomerRef' : 'VendorRef']: contactId
      ? refTo(ctx, sales ? 'Customer' : 'Vendor', contactId)
      : undefined,
    TxnDate: payment.date,
    TotalAmt: 0,
    ...currencyFields(ctx, notes, payment.currency, payment.exchangeRate, payment.date),
  }
  if (!sales) {
    // QBO wants a paying account even on a zero bill payment; no money moves through it.
    const bank = accountRef(ctx, payment.bankAccountId)
    if ('ref' in bank) {
      p.PayType = 'Check'
      p.CheckPayment = {BankAccountRef: bank.ref}
    }
  }
  p.PrivateNote = privateNote(ctx, sourceId, [])
  const journal = ctx.loaded.get('JournalEntry')?.get(payment.id) ?? symbolicId('JournalEntry', payment.id)
  p.Line = [
    {Amount: amount, LinkedTxn: [{TxnId: journal, TxnType: 'JournalEntry'}]},
    ...payment.allocations.map((a) => {
      const type = a.documentKind === 'creditNote' ? 'CreditMemo' : 'VendorCredit'
      const id = ctx.loaded.get(type)?.get(a.documentId) ?? symbolicId(type, a.documentId)
      return {Amount: toQboAmount(dec(a.amount)), LinkedTxn: [{TxnId: id, TxnType: type}]}
    }),
  ]
  return notes.result(entity, sourceId, p)
}
