import type {Allocation, Payment} from '../../domain/canonical.js'
import {amountText, dec} from '../../domain/money.js'
import {accountRef, exchangeRateOf, type MapContext} from './map-context.js'
import type {XAccountRef, XPayment, XUnappliedMoney} from './sdk-schemas.js'

/**
 * Xero prepayments and overpayments as canonical payments (docs/prepayments.md): money received from a
 * customer (paid to a supplier) ahead of, or beyond, its documents. The allocations are the documents Xero
 * applied it to; the refunds the money paid back out of it; the rest stays on the contact's account, which
 * QBO holds as a payment's unapplied amount.
 */

export type MoneyOrigin = 'prepayment' | 'overpayment'

/** RECEIVE-* (and the AR* names the spec also lists) are customer money; SPEND-* (AP*) supplier money. */
export function unappliedKindOf(type: string | undefined): 'payment' | 'billPayment' | undefined {
  if (!type) return undefined
  if (/^(RECEIVE-|AR)/.test(type)) return 'payment'
  if (/^(SPEND-|AP)/.test(type)) return 'billPayment'
  return undefined
}

export const moneyIdOf = (m: XUnappliedMoney) => m.prepaymentID ?? m.overpaymentID

// MoneyBanks lives in map-context.ts (the context carries it); re-exported for the adapter.
export {MoneyBanks} from './map-context.js'

/** Why a prepayment or overpayment cannot be staged (undefined when it can). */
export function unappliedProblem(m: XUnappliedMoney, bank: XAccountRef | undefined): string | undefined {
  if (!unappliedKindOf(m.type)) return `its type ${m.type ?? '(none)'} is not a receive or spend type`
  if (!m.contact?.contactID) return 'it names no contact'
  if (!m.date) return 'it has no date'
  if (!bank)
    return 'Xero returned no bank transaction for it (BankTransactions with its PrepaymentID/OverpaymentID), so its bank account is unknown'
  return undefined
}

export function mapUnapplied(
  m: XUnappliedMoney,
  origin: MoneyOrigin,
  bank: XAccountRef,
  context: MapContext,
): Payment {
  const kind = unappliedKindOf(m.type)!
  const currency = m.currencyCode || context.baseCurrency
  const rate = exchangeRateOf(context, currency, m.currencyRate)
  const allocations: Allocation[] = []
  for (const a of m.allocations ?? []) {
    if (a.isDeleted || !a.invoice?.invoiceID) continue
    allocations.push({
      documentKind: kind === 'payment' ? 'invoice' : 'bill',
      documentId: a.invoice.invoiceID,
      amount: amountText(dec(a.amount)),
      ...(a.date ? {date: a.date} : {}),
    })
  }
  const refunds = (m.payments ?? [])
    .filter((p) => p.paymentID && p.amount !== undefined && p.status !== 'DELETED')
    .map((p) => ({id: p.paymentID!, amount: amountText(dec(p.amount!)), ...(p.date ? {date: p.date} : {})}))
  return {
    id: moneyIdOf(m)!,
    date: m.date!,
    contactId: m.contact!.contactID,
    bankAccountId: accountRef(context, bank) ?? '',
    amount: amountText(dec(m.total ?? 0)),
    currency,
    ...(rate ? {exchangeRate: rate} : {}),
    ...(m.reference ? {reference: m.reference} : {}),
    allocations,
    origin,
    ...(refunds.length ? {refunds} : {}),
  }
}

/** Payment types that pay money back out of a prepayment or overpayment (a refund). */
const REFUND_TYPES: Record<string, {kind: 'payment' | 'billPayment'; origin: MoneyOrigin}> = {
  ARPREPAYMENTPAYMENT: {kind: 'payment', origin: 'prepayment'},
  AROVERPAYMENTPAYMENT: {kind: 'payment', origin: 'overpayment'},
  APPREPAYMENTPAYMENT: {kind: 'billPayment', origin: 'prepayment'},
  APOVERPAYMENTPAYMENT: {kind: 'billPayment', origin: 'overpayment'},
}

export function refundKindOf(payment: XPayment): (typeof REFUND_TYPES)[string] | undefined {
  const byType = payment.paymentType ? REFUND_TYPES[payment.paymentType] : undefined
  if (byType) return byType
  // Without PaymentType the money it refers to says which it is (its direction stays unknown).
  return undefined
}

export function mapRefundPayment(
  payment: XPayment,
  refund: (typeof REFUND_TYPES)[string],
  context: MapContext,
): Payment {
  const money = refund.origin === 'prepayment' ? payment.prepayment : payment.overpayment
  const currency = money?.currencyCode || context.baseCurrency
  const rate = exchangeRateOf(context, currency, payment.currencyRate)
  const moneyId = (refund.origin === 'prepayment' ? money?.prepaymentID : money?.overpaymentID) ?? ''
  return {
    id: payment.paymentID,
    date: payment.date,
    ...(money?.contact?.contactID ? {contactId: money.contact.contactID} : {}),
    bankAccountId: accountRef(context, payment.account) ?? '',
    amount: amountText(dec(payment.amount)),
    currency,
    ...(rate ? {exchangeRate: rate} : {}),
    ...(payment.reference ? {reference: payment.reference} : {}),
    allocations: [],
    refundOf: {kind: refund.origin, id: moneyId},
  }
}
