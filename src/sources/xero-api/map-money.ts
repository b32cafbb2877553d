import type {Allocation, BankTransfer, ManualJournal, Payment} from '../../domain/canonical.js'
import {amountText, dec} from '../../domain/money.js'
import {amountsAreOf} from './map-documents.js'
import {accountRef, exchangeRateOf, type MapContext} from './map-context.js'
import type {XBankTransfer, XManualJournal, XPayment} from './sdk-schemas.js'

/**
 * Payment types and what they pay: the staged kind and the kind of document the money is applied to.
 * Refunds of overpayments and prepayments are in map-unapplied.ts.
 */
const PAYMENT_TYPES: Record<
  string,
  {kind: 'payment' | 'billPayment'; documentKind: Allocation['documentKind']}
> = {
  ACCRECPAYMENT: {kind: 'payment', documentKind: 'invoice'},
  ACCPAYPAYMENT: {kind: 'billPayment', documentKind: 'bill'},
  ARCREDITPAYMENT: {kind: 'payment', documentKind: 'creditNote'},
  APCREDITPAYMENT: {kind: 'billPayment', documentKind: 'supplierCredit'},
}

export function paymentKindOf(payment: XPayment): (typeof PAYMENT_TYPES)[string] | undefined {
  const byType = payment.paymentType ? PAYMENT_TYPES[payment.paymentType] : undefined
  if (byType) return byType
  // Older responses leave PaymentType out; the document says which way the money went.
  if (!payment.paymentType && payment.invoice?.type === 'ACCPAY') return PAYMENT_TYPES.ACCPAYPAYMENT
  if (!payment.paymentType && payment.invoice) return PAYMENT_TYPES.ACCRECPAYMENT
  return undefined
}

export function mapPayment(
  payment: XPayment,
  kind: (typeof PAYMENT_TYPES)[string],
  context: MapContext,
): Payment {
  const onCredit = kind.documentKind === 'creditNote' || kind.documentKind === 'supplierCredit'
  const documentId = onCredit ? payment.creditNote?.creditNoteID : payment.invoice?.invoiceID
  const currency =
    (onCredit ? payment.creditNote?.currencyCode : payment.invoice?.currencyCode) || context.baseCurrency
  const contactId = (onCredit ? payment.creditNote?.contact : payment.invoice?.contact)?.contactID
  const rate = exchangeRateOf(context, currency, payment.currencyRate)
  const amount = amountText(dec(payment.amount))
  return {
    id: payment.paymentID,
    date: payment.date,
    ...(contactId ? {contactId} : {}),
    bankAccountId: accountRef(context, payment.account) ?? '',
    amount,
    currency,
    ...(rate ? {exchangeRate: rate} : {}),
    ...(payment.reference ? {reference: payment.reference} : {}),
    ...(payment.batchPaymentID ? {batchId: payment.batchPaymentID} : {}),
    ...(onCredit && documentId
      ? {refundOf: {kind: kind.documentKind as 'creditNote' | 'supplierCredit', id: documentId}}
      : {}),
    allocations: documentId
      ? [{documentKind: kind.documentKind, documentId, amount, date: payment.date}]
      : [],
  }
}

/** Only posted journals are in the books; drafts, voided and deleted ones are not staged. */
export function mapManualJournal(journal: XManualJournal, context: MapContext): ManualJournal {
  return {
    id: journal.manualJournalID,
    date: journal.date,
    narration: journal.narration ?? '',
    amountsAre: amountsAreOf(journal.lineAmountTypes ?? 'NoTax'),
    lines: (journal.journalLines ?? []).map((line, index) => ({
      lineNo: index + 1,
      accountId: line.accountCode || accountRef(context, {accountID: line.accountID}) || '',
      ...(line.description ? {description: line.description} : {}),
      amount: amountText(dec(line.lineAmount ?? 0)),
      ...(line.taxType ? {taxCode: line.taxType} : {}),
      ...(line.taxAmount !== undefined ? {taxAmount: amountText(dec(line.taxAmount))} : {}),
      tracking: (line.tracking ?? [])
        .filter((t) => t.name && t.option)
        .map((t) => ({category: t.name!, option: t.option!})),
    })),
  }
}

export function mapBankTransfer(transfer: XBankTransfer, context: MapContext): BankTransfer {
  return {
    id: transfer.bankTransferID,
    date: transfer.date,
    fromAccountId: accountRef(context, transfer.fromBankAccount) ?? '',
    toAccountId: accountRef(context, transfer.toBankAccount) ?? '',
    amount: amountText(dec(transfer.amount)),
    ...(transfer.reference ? {reference: transfer.reference} : {}),
  }
}
