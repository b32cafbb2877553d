import type {
  BankTransaction,
  CreditNote,
  DocumentLine,
  Invoice,
  SupplierCredit,
  Bill,
} from '../../domain/canonical.js'
import {amountText, dec, unitText} from '../../domain/money.js'
import {accountRef, exchangeRateOf, type MapContext} from './map-context.js'
import type {XBankTransaction, XCreditNote, XInvoice, XLine} from './sdk-schemas.js'

const AMOUNTS: Record<string, 'exclusive' | 'inclusive' | 'noTax'> = {
  Exclusive: 'exclusive',
  Inclusive: 'inclusive',
  NoTax: 'noTax',
}

/** Xero's LineAmountTypes; Xero defaults to Exclusive when a document does not say. */
export function amountsAreOf(lineAmountTypes: string | undefined): 'exclusive' | 'inclusive' | 'noTax' {
  return AMOUNTS[lineAmountTypes ?? 'Exclusive'] ?? 'exclusive'
}

const STATUS = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  AUTHORISED: 'authorised',
  PAID: 'paid',
  VOIDED: 'voided',
} as const

/** Deleted documents never happened as far as the books go; every other status is staged. */
export function isDeleted(status: string | undefined): boolean {
  return status === 'DELETED'
}

const money = (n: number | undefined) => amountText(dec(n ?? 0))

export function mapLines(lines: readonly XLine[] | undefined, context: MapContext): DocumentLine[] {
  return (lines ?? []).map((line, index) => {
    const accountId = line.accountCode || accountRef(context, {accountID: line.accountID})
    const tracking = (line.tracking ?? [])
      .filter((t) => t.name && t.option)
      .map((t) => ({category: t.name!, option: t.option!}))
    return {
      lineNo: index + 1,
      ...(line.itemCode ? {itemCode: line.itemCode} : {}),
      ...(line.description ? {description: line.description} : {}),
      ...(line.quantity !== undefined ? {quantity: unitText(dec(line.quantity))} : {}),
      ...(line.unitAmount !== undefined ? {unitAmount: unitText(dec(line.unitAmount))} : {}),
      ...(line.discountRate ? {discountRate: dec(line.discountRate).toFixed()} : {}),
      ...(accountId ? {accountId} : {}),
      ...(line.taxType ? {taxCode: line.taxType} : {}),
      taxAmount: money(line.taxAmount),
      lineAmount: money(line.lineAmount),
      tracking,
    }
  })
}

type Trade = Invoice | Bill | CreditNote | SupplierCredit

/** A draft Xero accepted half-filled (no date or no lines): not a transaction yet, so reported instead. */
export function incompleteDraft(doc: {
  status?: string | undefined
  date?: string | undefined
  lineItems?: unknown[] | undefined
}): string | undefined {
  if (doc.status !== 'DRAFT' && doc.status !== 'SUBMITTED') return undefined
  if (!doc.date) return 'a draft without a date'
  if (!doc.lineItems?.length) return 'a draft without lines'
  return undefined
}

function tradeFields(doc: XInvoice | XCreditNote, context: MapContext) {
  const currency = doc.currencyCode || context.baseCurrency
  const rate = exchangeRateOf(context, currency, doc.currencyRate)
  return {
    ...(doc.reference ? {reference: doc.reference} : {}),
    contactId: doc.contact.contactID,
    contactName: doc.contact.name || doc.contact.contactID,
    date: doc.date ?? '',
    ...(doc.dueDate ? {dueDate: doc.dueDate} : {}),
    currency,
    ...(rate ? {exchangeRate: rate} : {}),
    amountsAre: amountsAreOf(doc.lineAmountTypes),
    status: STATUS[(doc.status ?? 'AUTHORISED') as keyof typeof STATUS] ?? 'authorised',
    lines: mapLines(doc.lineItems, context),
    subTotal: money(doc.subTotal),
    totalTax: money(doc.totalTax),
    total: money(doc.total),
  }
}

/** ACCREC is a sales invoice, ACCPAY a bill (whose number is the supplier's reference). */
export function mapInvoice(doc: XInvoice, context: MapContext): Invoice | Bill {
  return {
    ...tradeFields(doc, context),
    kind: doc.type === 'ACCPAY' ? 'bill' : 'invoice',
    id: doc.invoiceID,
    ...(doc.invoiceNumber ? {number: doc.invoiceNumber} : {}),
    ...(doc.amountPaid !== undefined ? {amountPaid: money(doc.amountPaid)} : {}),
    ...(doc.amountDue !== undefined ? {amountDue: money(doc.amountDue)} : {}),
  } as Trade as Invoice | Bill
}

/** Credit notes keep Xero's positive amounts; their allocations say which invoices or bills they paid. */
export function mapCreditNote(doc: XCreditNote, context: MapContext): CreditNote | SupplierCredit {
  const supplier = doc.type === 'ACCPAYCREDIT'
  const allocations = (doc.allocations ?? [])
    .filter((a) => a.invoice?.invoiceID)
    .map((a) => ({
      documentKind: supplier ? ('bill' as const) : ('invoice' as const),
      documentId: a.invoice!.invoiceID!,
      amount: money(a.amount),
      ...(a.date ? {date: a.date} : {}),
    }))
  return {
    ...tradeFields(doc, context),
    kind: supplier ? 'supplierCredit' : 'creditNote',
    id: doc.creditNoteID,
    ...(doc.creditNoteNumber ? {number: doc.creditNoteNumber} : {}),
    ...(doc.remainingCredit !== undefined ? {amountDue: money(doc.remainingCredit)} : {}),
    ...(allocations.length ? {allocations} : {}),
  } as Trade as CreditNote | SupplierCredit
}

/** Types the canonical bank transaction does not cover: transfers come from /BankTransfers, over- and prepayments are reported. */
export function isPlainBankTransaction(type: string): boolean {
  return type === 'RECEIVE' || type === 'SPEND'
}

export function mapBankTransaction(doc: XBankTransaction, context: MapContext): BankTransaction {
  const currency = doc.currencyCode || context.baseCurrency
  const rate = exchangeRateOf(context, currency, doc.currencyRate)
  const bankAccountId = accountRef(context, doc.bankAccount) ?? ''
  return {
    id: doc.bankTransactionID,
    type: doc.type === 'RECEIVE' ? 'receive' : 'spend',
    date: doc.date ?? '',
    bankAccountId,
    ...(doc.contact ? {contactId: doc.contact.contactID} : {}),
    ...(doc.contact?.name ? {contactName: doc.contact.name} : {}),
    ...(doc.reference ? {reference: doc.reference} : {}),
    currency,
    ...(rate ? {exchangeRate: rate} : {}),
    amountsAre: amountsAreOf(doc.lineAmountTypes),
    lines: mapLines(doc.lineItems, context),
    subTotal: money(doc.subTotal),
    totalTax: money(doc.totalTax),
    total: money(doc.total),
  }
}
