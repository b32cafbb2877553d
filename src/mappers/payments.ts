import type {Allocation, CreditNote, Payment, SupplierCredit} from '../domain/canonical.js'
import {dec, sum, toQboAmount} from '../domain/money.js'
import {accountRef} from './accounts.js'
import {refTo, type MappingContext} from './context.js'
import {currencyFields, matchExisting, privateNote} from './doc-common.js'
import {symbolicId, type Ref} from './refs.js'
import {refundMigrates} from './refunds.js'
import {Notes, type MapResult} from './result.js'

const TXN_TYPE = {
  invoice: 'Invoice',
  creditNote: 'CreditMemo',
  bill: 'Bill',
  supplierCredit: 'VendorCredit',
} as const

function linked(ctx: MappingContext, a: Allocation) {
  const entity = TXN_TYPE[a.documentKind]
  const loaded = ctx.loaded.get(entity)?.get(a.documentId)
  return {TxnId: loaded ?? symbolicId(entity, a.documentId), TxnType: entity}
}

function contactOf(
  ctx: MappingContext,
  payment: Pick<Payment, 'contactId' | 'allocations'>,
): string | undefined {
  if (payment.contactId) return payment.contactId
  for (const a of payment.allocations) {
    const doc = ctx.source.documents.get(`${a.documentKind}:${a.documentId}`)
    if (doc) return doc.contactId
  }
  return undefined
}

/**
 * Payment (customer) or BillPayment (supplier). Allocations become Line[].LinkedTxn; credits applied in the
 * same payment reduce its total, as QBO models them: TotalAmt = documents paid − credits used.
 */
export function mapPayment(
  payment: Payment,
  kind: 'payment' | 'billPayment',
  ctx: MappingContext,
): MapResult {
  const entity = kind === 'payment' ? 'Payment' : 'BillPayment'
  const notes = new Notes()
  // Payments have no DocNumber to match on; the PrivateNote marker finds one an earlier load wrote.
  const existing = matchExisting(ctx, entity, payment.id, undefined, payment.date, payment.amount)
  if (existing) return {...notes.result(entity, payment.id), disposition: {action: 'adopt', ...existing}}
  const credit = kind === 'payment' ? 'creditNote' : 'supplierCredit'
  const wrong = payment.allocations.filter((a) =>
    kind === 'payment'
      ? a.documentKind === 'bill' || a.documentKind === 'supplierCredit'
      : a.documentKind === 'invoice' || a.documentKind === 'creditNote',
  )
  if (wrong.length)
    notes.block(
      'PAYMENT_MIXED',
      `a ${kind} is allocated to ${wrong.map((w) => w.documentKind).join(', ')}`,
      'Correct the allocations in the source and re-extract.',
    )
  // A prepayment's (overpayment's) refunds are journals (refunds.ts) its own payment applies credit to.
  const refunds = (payment.refunds ?? []).filter((r) => {
    const refund = ctx.source.refunds.get(r.id)
    return refund !== undefined && refundMigrates(refund, ctx)
  })
  const debits = sum([
    ...payment.allocations.filter((a) => a.documentKind !== credit).map((a) => dec(a.amount)),
    ...refunds.map((r) => dec(r.amount)),
  ])
  const credits = sum(payment.allocations.filter((a) => a.documentKind === credit).map((a) => dec(a.amount)))
  const applied = debits.minus(credits)
  const amount = dec(payment.amount)
  if (payment.origin) {
    notes.decide(
      payment.origin === 'prepayment' ? 'PREPAYMENT_AS_PAYMENT' : 'OVERPAYMENT_AS_PAYMENT',
      `the ${payment.origin} is a ${entity} of ${payment.amount}: applied to ${payment.allocations.length} document(s) and ${refunds.length} refund(s) as the source applied it, ${amount.minus(applied).toFixed(2)} left unapplied`,
      {
        allocated: sum(payment.allocations.map((a) => dec(a.amount))).toFixed(2),
        refunded: sum(refunds.map((r) => dec(r.amount))).toFixed(2),
        unapplied: amount.minus(applied).toFixed(2),
      },
    )
  }
  if (payment.batchId)
    notes.decide(
      'BATCH_PAYMENT_SPLIT',
      `part of batch payment ${payment.batchId}: QBO gets one ${entity} per document, whose sum is the one bank line`,
      {batchId: payment.batchId},
    )
  if (applied.gt(amount)) {
    notes.block(
      'PAYMENT_OVER_ALLOCATED',
      `allocations (${applied.toFixed(2)}) exceed the payment (${amount.toFixed(2)})`,
      'Correct the allocations in the source and re-extract.',
    )
  } else if (applied.lt(amount) && !payment.origin) {
    notes.decide(
      'PAYMENT_PARTLY_UNAPPLIED',
      `${amount.minus(applied).toFixed(2)} of the payment is not allocated; QBO keeps it as unapplied credit`,
      {unapplied: amount.minus(applied).toFixed(2)},
    )
  }
  const contactId = contactOf(ctx, payment)
  if (!contactId)
    notes.block(
      'CONTACT_UNKNOWN',
      'the payment names no contact and none of its documents is staged',
      'Re-extract including the paid documents.',
    )
  const bank = accountRef(ctx, payment.bankAccountId)
  if ('issue' in bank) notes.block(bank.issue.code, `bank account: ${bank.issue.message}`, bank.issue.fix)

  const lines = [
    ...payment.allocations.map((a) => ({
      Amount: toQboAmount(dec(a.amount)),
      LinkedTxn: [linked(ctx, a)],
    })),
    ...refunds.map((r) => ({
      Amount: toQboAmount(dec(r.amount)),
      LinkedTxn: [
        {
          TxnId: ctx.loaded.get('JournalEntry')?.get(r.id) ?? symbolicId('JournalEntry', r.id),
          TxnType: 'JournalEntry',
        },
      ],
    })),
  ]
  const p: Record<string, unknown> = {
    [kind === 'payment' ? 'CustomerRef' : 'VendorRef']: contactId
      ? refTo(ctx, kind === 'payment' ? 'Customer' : 'Vendor', contactId)
      : undefined,
    TxnDate: payment.date,
    TotalAmt: toQboAmount(amount),
    ...currencyFields(ctx, notes, payment.currency, payment.exchangeRate, payment.date),
  }
  if (kind === 'payment') {
    if ('ref' in bank) p.DepositToAccountRef = bank.ref
    if (payment.reference) p.PaymentRefNum = payment.reference.slice(0, 21)
    if (payment.method)
      p.PaymentMethodRef = refTo(ctx, 'PaymentMethod', paymentMethodSourceId(payment.method))
  } else {
    const card = 'ref' in bank && bank.qboType === 'Credit Card'
    p.PayType = card ? 'CreditCard' : 'Check'
    if ('ref' in bank)
      p[card ? 'CreditCardPayment' : 'CheckPayment'] = card
        ? {CCAccountRef: bank.ref}
        : {BankAccountRef: bank.ref}
    if (payment.reference) p.DocNumber = payment.reference.slice(0, 21)
  }
  p.PrivateNote = privateNote(ctx, payment.id, [
    payment.reference && payment.reference.length > 21 ? `Reference: ${payment.reference}` : undefined,
  ])
  p.Line = lines
  return notes.result(entity, payment.id, p)
}

/** QBO's first active bank account, else the source's first bank account (by id) that this migration creates. */
function creditApplicationBank(ctx: MappingContext): Ref | undefined {
  const own = ctx.target.accounts.find((a) => a.Active && a.AccountType === 'Bank')
  if (own) return {value: own.Id}
  const source = [...ctx.source.accounts.values()]
    .filter((a) => a.type === 'bank' && !a.isHeader)
    .sort((a, b) => (a.id < b.id ? -1 : 1))[0]
  return source ? refTo(ctx, 'Account', source.id) : undefined
}

export const paymentMethodSourceId = (method: string) => method.trim().toLowerCase()

export const creditApplicationSourceId = (creditId: string, index: number) =>
  `${creditId}/applied/${index + 1}`

/**
 * A credit note's allocation to an invoice is a zero-amount Payment linking both (how QBO applies credit);
 * a supplier credit's is a zero-amount BillPayment linking the bill and the vendor credit.
 */
export function mapCreditApplication(
  credit: CreditNote | SupplierCredit,
  index: number,
  ctx: MappingContext,
): MapResult {
  const allocation = credit.allocations?.[index]
  const sales = credit.kind === 'creditNote'
  const entity = sales ? 'Payment' : 'BillPayment'
  const notes = new Notes()
  const sourceId = creditApplicationSourceId(credit.id, index)
  if (!allocation) {
    notes.block('ALLOCATION_UNKNOWN', `allocation ${index + 1} of ${credit.id} does not exist`, 'Re-extract.')
    return notes.result(entity, sourceId)
  }
  const existing = matchExisting(ctx, entity, sourceId, undefined, allocation.date ?? credit.date, '0')
  if (existing) return {...notes.result(entity, sourceId), disposition: {action: 'adopt', ...existing}}
  const amount = toQboAmount(dec(allocation.amount))
  const p: Record<string, unknown> = {
    [sales ? 'CustomerRef' : 'VendorRef']: refTo(ctx, sales ? 'Customer' : 'Vendor', credit.contactId),
    TxnDate: allocation.date ?? credit.date,
    TotalAmt: 0,
    ...currencyFields(ctx, notes, credit.currency, credit.exchangeRate, credit.date),
  }
  if (!sales) {
    // QBO wants a paying account even on a zero bill payment; no money moves through it.
    const bank = creditApplicationBank(ctx)
    if (!bank) {
      notes.block(
        'BANK_ACCOUNT_MISSING',
        'applying a supplier credit needs a bank account, and neither QBO nor the source has one',
        'Create a bank account in QBO, then plan again.',
      )
    } else {
      p.PayType = 'Check'
      p.CheckPayment = {BankAccountRef: bank}
    }
  }
  notes.decide(
    'CREDIT_APPLIED_AS_PAYMENT',
    `credit ${credit.number ?? credit.id} applied to ${allocation.documentId} by a zero-amount ${entity}`,
    {creditId: credit.id, documentId: allocation.documentId, amount: allocation.amount},
  )
  p.PrivateNote = privateNote(ctx, sourceId, [])
  p.Line = [
    {Amount: amount, LinkedTxn: [linked(ctx, allocation)]},
    {
      Amount: amount,
      LinkedTxn: [linked(ctx, {documentKind: credit.kind, documentId: credit.id, amount: allocation.amount})],
    },
  ]
  return notes.result(entity, sourceId, p)
}

export function mapPaymentMethod(name: string, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const sourceId = paymentMethodSourceId(name)
  const clean = name.replace(/:/g, '-').trim().slice(0, 31)
  const existing = ctx.target.paymentMethods.find((m) => m.Name.trim().toLowerCase() === clean.toLowerCase())
  if (existing)
    return {
      ...notes.result('PaymentMethod', sourceId),
      disposition: {
        action: 'adopt',
        qboId: existing.Id,
        reason: `QBO payment method "${existing.Name}" exists`,
      },
    }
  return notes.result('PaymentMethod', sourceId, {Name: clean})
}
