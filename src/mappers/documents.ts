import type {TradeDocument} from '../domain/canonical.js'
import {documentTotalProblems} from '../domain/canonical-checks.js'
import {dec, toQboAmount} from '../domain/money.js'
import {refTo, type MappingContext} from './context.js'
import {currencyFields, docNumber, matchExisting, privateNote} from './doc-common.js'
import {departmentField, expenseLine, presentationOf, salesLine} from './lines.js'
import {contactRoles} from './names.js'
import {Notes, type MapResult} from './result.js'

const ENTITY = {
  invoice: 'Invoice',
  creditNote: 'CreditMemo',
  bill: 'Bill',
  supplierCredit: 'VendorCredit',
} as const

export const tradeDocumentEntity = (kind: TradeDocument['kind']) => ENTITY[kind]

const NOT_POSTED = new Set(['draft', 'submitted', 'voided'])

/** Invoice, CreditMemo, Bill or VendorCredit from a staged trade document. */
export function mapTradeDocument(doc: TradeDocument, ctx: MappingContext): MapResult {
  const entity = ENTITY[doc.kind]
  const notes = new Notes()
  const sales = doc.kind === 'invoice' || doc.kind === 'creditNote'
  if (NOT_POSTED.has(doc.status)) {
    notes.decide(
      'DOCUMENT_NOT_POSTED',
      `a ${doc.status} document is not in the ledger, so it is not migrated`,
      {status: doc.status},
    )
    return {
      ...notes.result(entity, doc.id),
      disposition: {action: 'skip', reason: `${doc.status} in the source`},
    }
  }
  for (const p of documentTotalProblems(doc))
    notes.block('DOCUMENT_TOTALS', p, 'Correct the document in the source and re-extract.')

  const number = docNumber(notes, doc.number)
  const existing = matchExisting(ctx, entity, doc.id, number, doc.date, doc.total)
  if (existing) return {...notes.result(entity, doc.id), disposition: {action: 'adopt', ...existing}}

  const contactEntity = sales ? 'Customer' : 'Vendor'
  const contact = ctx.source.contacts.get(doc.contactId)
  if (!contact) {
    notes.block(
      'CONTACT_UNKNOWN',
      `contact ${doc.contactId} ("${doc.contactName}") is not staged`,
      'Re-extract including contacts.',
    )
  } else if (!contactRoles(contact).includes(contactEntity)) {
    notes.block(
      'CONTACT_ROLE_MISSING',
      `contact "${contact.name}" is not flagged as a ${sales ? 'customer' : 'supplier'}`,
      'Mark the contact as a customer/supplier in the source and re-extract.',
    )
  }
  const presentation = presentationOf(ctx, notes, doc.amountsAre)
  const lc = {
    ctx,
    notes,
    presentation,
    amountsAre: doc.amountsAre,
    direction: sales ? ('sales' as const) : ('purchase' as const),
  }
  const departments = new Set<string>()
  const lines = doc.lines
    .map((l) => (sales ? salesLine(lc, l, departments) : expenseLine(lc, l, departments)))
    .filter((l): l is Record<string, unknown> => l !== undefined)

  const p: Record<string, unknown> = {
    [sales ? 'CustomerRef' : 'VendorRef']: refTo(ctx, contactEntity, doc.contactId),
    TxnDate: doc.date,
  }
  if (number) p.DocNumber = number
  if (doc.dueDate && entity !== 'CreditMemo' && entity !== 'VendorCredit') p.DueDate = doc.dueDate
  Object.assign(
    p,
    currencyFields(ctx, notes, doc.currency, doc.exchangeRate, doc.date),
    departmentField(ctx, notes, departments),
  )
  p.GlobalTaxCalculation = presentation
  p.PrivateNote = privateNote(ctx, doc.id, [
    number !== doc.number ? `Number: ${doc.number}` : undefined,
    doc.reference ? `Reference: ${doc.reference}` : undefined,
    doc.memo,
  ])
  p.Line = lines
  // Sent so QBO keeps the source's tax rather than recomputing it; never with NotApplicable (fault 6170).
  if (presentation !== 'NotApplicable') p.TxnTaxDetail = {TotalTax: toQboAmount(dec(doc.totalTax))}
  return notes.result(entity, doc.id, p)
}
