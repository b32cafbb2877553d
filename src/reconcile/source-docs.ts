import type {
  BankTransaction,
  BankTransfer,
  ManualJournal,
  OpeningBalance,
  Payment,
  TradeDocument,
} from '../domain/canonical.js'
import type {SourceSystem} from '../domain/ids.js'
import {amountText, dec, sum} from '../domain/money.js'
import type {SourceDoc} from './docs.js'

/** The staged kinds that become QBO transactions, and the QBO entity each becomes. */
export const TRANSACTION_KINDS = [
  'invoice',
  'creditNote',
  'bill',
  'supplierCredit',
  'payment',
  'billPayment',
  'manualJournal',
  'bankTransaction',
  'bankTransfer',
  'openingBalance',
] as const

export type TransactionKind = (typeof TRANSACTION_KINDS)[number]

const TRADE_ENTITY = {
  invoice: 'Invoice',
  creditNote: 'CreditMemo',
  bill: 'Bill',
  supplierCredit: 'VendorCredit',
} as const

/**
 * Whether a document takes part in reconciliation. Drafts and documents awaiting approval never posted in the
 * source, and voided ones no longer count, so none of them should be in QBO as live documents.
 * Kept in one place so the rule can follow the mappers' load policy.
 */
export function isPosted(doc: TradeDocument): boolean {
  return doc.status === 'authorised' || doc.status === 'paid'
}

/** Canonical amounts are 2-dp text, so zero is "0.00" (or "-0.00"). */
const isZeroAmount = (a: string) => a === '0.00' || a === '-0.00'

/**
 * The non-blank values. Copied with slice(), which sizes the array to its contents: filter() leaves each
 * one- or two-element array a backing store of 17 slots, some 18 MB across 100,000 documents.
 */
const present = (values: (string | undefined)[]): string[] =>
  values.filter((v): v is string => !!v && v.trim() !== '').slice()

function tradeDoc(kind: keyof typeof TRADE_ENTITY, system: SourceSystem, doc: TradeDocument): SourceDoc {
  const sales = kind === 'invoice' || kind === 'creditNote'
  return {
    entity: TRADE_ENTITY[kind],
    kind,
    sourceSystem: system,
    sourceId: doc.id,
    numbers: present([doc.number, doc.reference]),
    date: doc.date,
    contactId: doc.contactId,
    contactName: doc.contactName,
    contactEntity: sales ? 'Customer' : 'Vendor',
    total: doc.total,
    tax: doc.totalTax,
    lineCount: doc.lines.length,
    taxedLines: doc.lines.filter((l) => !isZeroAmount(l.taxAmount)).length,
    ...(doc.amountDue !== undefined ? {balance: doc.amountDue} : {}),
  }
}

function paymentDoc(kind: 'payment' | 'billPayment', system: SourceSystem, p: Payment): SourceDoc {
  const credit = kind === 'payment' ? 'creditNote' : 'supplierCredit'
  const refund =
    p.refundOf !== undefined ||
    (p.allocations.length > 0 && p.allocations.every((a) => a.documentKind === credit))
  // A refund is a JournalEntry between the bank and the control account (mappers/refunds.ts).
  if (refund)
    return {
      entity: 'JournalEntry',
      kind,
      sourceSystem: system,
      sourceId: p.id,
      numbers: [],
      date: p.date,
      total: p.amount,
      lineCount: 2,
      taxedLines: 0,
    }
  return {
    entity: kind === 'payment' ? 'Payment' : 'BillPayment',
    kind,
    sourceSystem: system,
    sourceId: p.id,
    numbers: present([p.reference]),
    date: p.date,
    ...(p.contactId ? {contactId: p.contactId} : {}),
    contactEntity: kind === 'payment' ? 'Customer' : 'Vendor',
    total: p.amount,
    lineCount: p.allocations.length + (p.refunds?.length ?? 0),
    taxedLines: 0,
  }
}

/** A journal's total is its debits, as QBO's TotalAmt is. */
function debits(amounts: string[]): string {
  return amountText(sum(amounts.map((a) => dec(a)).filter((a) => a.isPositive() && !a.isZero())))
}

function journalDoc(system: SourceSystem, j: ManualJournal): SourceDoc {
  return {
    entity: 'JournalEntry',
    kind: 'manualJournal',
    sourceSystem: system,
    sourceId: j.id,
    numbers: present([j.number]),
    date: j.date,
    total: debits(j.lines.map((l) => l.amount)),
    lineCount: j.lines.length,
    taxedLines: 0,
  }
}

function openingDoc(system: SourceSystem, o: OpeningBalance): SourceDoc {
  return {
    entity: 'JournalEntry',
    kind: 'openingBalance',
    sourceSystem: system,
    sourceId: o.id,
    numbers: [],
    date: o.date,
    total: debits(o.lines.map((l) => l.amount)),
    lineCount: o.lines.length,
    taxedLines: 0,
  }
}

function bankDoc(system: SourceSystem, b: BankTransaction): SourceDoc {
  return {
    entity: b.type === 'spend' ? 'Purchase' : 'Deposit',
    kind: 'bankTransaction',
    sourceSystem: system,
    sourceId: b.id,
    numbers: present([b.reference]),
    date: b.date,
    ...(b.contactId ? {contactId: b.contactId} : {}),
    ...(b.contactName ? {contactName: b.contactName} : {}),
    contactEntity: b.type === 'spend' ? 'Vendor' : 'Customer',
    total: b.total,
    tax: b.totalTax,
    lineCount: b.lines.length,
    taxedLines: b.lines.filter((l) => !isZeroAmount(l.taxAmount)).length,
  }
}

function transferDoc(system: SourceSystem, t: BankTransfer): SourceDoc {
  return {
    entity: 'Transfer',
    kind: 'bankTransfer',
    sourceSystem: system,
    sourceId: t.id,
    numbers: present([t.reference]),
    date: t.date,
    total: t.amount,
    lineCount: 0,
    taxedLines: 0,
  }
}

/** The comparable fields of a staged transaction, or undefined when it takes no part (drafts, voided). */
export function toSourceDoc(
  kind: TransactionKind,
  system: SourceSystem,
  record: unknown,
): SourceDoc | undefined {
  switch (kind) {
    case 'invoice':
    case 'creditNote':
    case 'bill':
    case 'supplierCredit': {
      const doc = record as TradeDocument
      return isPosted(doc) ? tradeDoc(kind, system, doc) : undefined
    }
    case 'payment':
    case 'billPayment':
      return paymentDoc(kind, system, record as Payment)
    case 'manualJournal':
      return journalDoc(system, record as ManualJournal)
    case 'openingBalance':
      return openingDoc(system, record as OpeningBalance)
    case 'bankTransaction':
      return bankDoc(system, record as BankTransaction)
    case 'bankTransfer':
      return transferDoc(system, record as BankTransfer)
  }
}
