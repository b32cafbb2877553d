import type {z} from 'zod'

import {parseCanonical} from '../../domain/canonical.js'
import {documentTotalProblems, journalProblems} from '../../domain/canonical-checks.js'
import type {StagedKind} from '../../domain/entities.js'
import {UserInputError} from '../../domain/errors.js'
import {amountText, dec} from '../../domain/money.js'
import {notStaged, retraction, type StagedItem} from '../adapter.js'
import {
  incompleteDraft,
  isDeleted,
  isPlainBankTransaction,
  mapBankTransaction,
  mapCreditNote,
  mapInvoice,
} from './map-documents.js'
import type {MapContext} from './map-context.js'
import {mapAccount, mapContact, mapItem, mapTaxRate, mapTrackingCategory} from './map-lists.js'
import {mapBankTransfer, mapManualJournal, mapPayment, paymentKindOf} from './map-money.js'
import {
  mapRefundPayment,
  mapUnapplied,
  moneyIdOf,
  refundKindOf,
  unappliedKindOf,
  unappliedProblem,
} from './map-unapplied.js'
import {
  XAccount,
  XBankTransaction,
  XBankTransfer,
  XContact,
  XCreditNote,
  XInvoice,
  XItem,
  XManualJournal,
  XPayment,
  XTaxRate,
  XTrackingCategory,
  XUnappliedMoney,
} from './sdk-schemas.js'

/**
 * The outcome of mapping one page: staged items, plus notes on every record read but not staged
 * (deliberately, like overpayments, or because it cannot be, like an approved invoice without a date).
 */
export interface MappedPage {
  items: StagedItem[]
  notes: string[]
}

/** The page being mapped: where its records come from, and where its items and notes go. */
interface Page {
  collection: string
  /** The page, as the user would find it again ("page 3"). */
  where: string
  context: MapContext
  items: StagedItem[]
  /** Notes a record read but not staged. */
  skip: (what: string) => void
}

function rejected(collection: string, where: string, id: string, reason: string): UserInputError {
  return new UserInputError(`Xero ${collection} ${id} (${where}) cannot be staged: ${reason}`, {
    next: `Fix ${collection} ${id} in Xero (or report it if Xero accepts it), then run: qbo migrate extract --from xero-api --resume`,
    data: {collection, where, id, reason},
  })
}

function read<S extends z.ZodType>(page: Page, schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const id = idOf(raw, page.collection)
  throw rejected(
    page.collection,
    page.where,
    id,
    parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  )
}

/**
 * The record's own id for a message: the collection's id field (BankTransactions: BankTransactionID), not
 * the first field ending in ID (a bank transaction also carries PrepaymentID, ContactID …).
 */
function idOf(raw: unknown, collection: string): string {
  if (!raw || typeof raw !== 'object') return '?'
  const own = `${collection.replace(/ies$/, 'y').replace(/s$/, '')}id`.toLowerCase()
  const ids = Object.entries(raw).filter(([k, v]) => /ID$/.test(k) && typeof v === 'string')
  const value = (ids.find(([k]) => k.toLowerCase() === own) ?? ids[0])?.[1]
  return typeof value === 'string' ? value : '?'
}

function staged(kind: StagedKind, record: unknown, collection: string, where: string): StagedItem {
  const id = (record as {id: string}).id
  let valid
  try {
    valid = parseCanonical(kind, record)
  } catch (error) {
    const issues = (error as {issues?: {path: PropertyKey[]; message: string}[]}).issues
    const reason = issues
      ? issues.map((i) => `${i.path.map(String).join('.') || 'record'}: ${i.message}`).join('; ')
      : String(error)
    throw rejected(collection, where, id, reason)
  }
  const problems =
    kind === 'invoice' ||
    kind === 'bill' ||
    kind === 'creditNote' ||
    kind === 'supplierCredit' ||
    kind === 'bankTransaction'
      ? documentTotalProblems(valid as Parameters<typeof documentTotalProblems>[0])
      : []
  if (problems.length) throw rejected(collection, where, id, problems.join('; '))
  return {kind, id, record: valid}
}

/** Maps one fetched page (or list) of a collection to canonical records. */
export function mapPage(collection: string, raws: unknown[], context: MapContext, where: string): MappedPage {
  const items: StagedItem[] = []
  const notes: string[] = []
  const skip = (what: string) => notes.push(`${collection} ${what}`)
  const page: Page = {collection, where, context, items, skip}
  for (const raw of raws) {
    try {
      mapOne(page, raw)
    } catch (error) {
      // One record Xero holds but the canonical model cannot take must not block the page forever
      // (every resume would stop at it): it is reported by id and reason, and the rest is staged.
      if (!(error instanceof UserInputError)) throw error
      notes.push(error.message)
    }
  }
  return {items, notes}
}

function add(page: Page, kind: StagedKind, record: unknown): void {
  page.items.push(staged(kind, record, page.collection, page.where))
}

function mapOne(page: Page, raw: unknown): void {
  const {context} = page
  switch (page.collection) {
    case 'Accounts':
      return add(page, 'account', mapAccount(read(page, XAccount, raw)))
    case 'TaxRates':
      return add(page, 'taxRate', mapTaxRate(read(page, XTaxRate, raw)))
    case 'TrackingCategories':
      return stageTrackingCategory(page, read(page, XTrackingCategory, raw))
    case 'Contacts':
      return add(page, 'contact', mapContact(read(page, XContact, raw)))
    case 'Items':
      return add(page, 'item', mapItem(read(page, XItem, raw), context))
    case 'Invoices':
      return stageInvoice(page, read(page, XInvoice, raw))
    case 'CreditNotes':
      return stageCreditNote(page, read(page, XCreditNote, raw))
    case 'Payments':
      return stagePayment(page, read(page, XPayment, raw))
    case 'Overpayments':
    case 'Prepayments':
      return stageUnappliedMoney(page, read(page, XUnappliedMoney, raw))
    case 'ManualJournals':
      return stageManualJournal(page, read(page, XManualJournal, raw))
    case 'BankTransactions':
      return stageBankTransaction(page, read(page, XBankTransaction, raw))
    case 'BankTransfers':
      return add(page, 'bankTransfer', mapBankTransfer(read(page, XBankTransfer, raw), context))
    default:
      throw new Error(`no mapping for Xero collection ${page.collection}`)
  }
}

function stageTrackingCategory(page: Page, category: z.infer<typeof XTrackingCategory>): void {
  if (category.status === 'DELETED') {
    page.items.push(retraction('trackingCategory', category.name))
    return
  }
  add(page, 'trackingCategory', mapTrackingCategory(category))
}

function stageInvoice(page: Page, doc: XInvoice): void {
  if (isDeleted(doc.status)) {
    page.items.push(retraction(doc.type === 'ACCPAY' ? 'bill' : 'invoice', doc.invoiceID))
    return
  }
  const incomplete = incompleteDraft(doc)
  if (incomplete) {
    page.skip(`${doc.invoiceID} (${doc.invoiceNumber ?? 'no number'}) is ${incomplete}: not staged.`)
    return
  }
  const record = mapInvoice(doc, page.context)
  add(page, record.kind, record)
}

function stageCreditNote(page: Page, doc: XCreditNote): void {
  if (isDeleted(doc.status)) {
    page.items.push(
      retraction(doc.type === 'ACCPAYCREDIT' ? 'supplierCredit' : 'creditNote', doc.creditNoteID),
    )
    return
  }
  const incomplete = incompleteDraft(doc)
  if (incomplete) {
    page.skip(`${doc.creditNoteID} (${doc.creditNoteNumber ?? 'no number'}) is ${incomplete}: not staged.`)
    return
  }
  const record = mapCreditNote(doc, page.context)
  add(page, record.kind, record)
}

function stagePayment(page: Page, payment: XPayment): void {
  const kind = paymentKindOf(payment)
  const refund = kind ? undefined : refundKindOf(payment)
  if (isDeleted(payment.status)) {
    const gone = kind ?? refund
    if (gone) page.items.push(retraction(gone.kind, payment.paymentID))
    return
  }
  if (kind) return add(page, kind.kind, mapPayment(payment, kind, page.context))
  if (refund) return add(page, refund.kind, mapRefundPayment(payment, refund, page.context))
  page.skip(
    `${payment.paymentID} (${payment.paymentType ?? '?'} ${amountText(dec(payment.amount))} on ${payment.date}) is a payment of a kind the extract does not know: not staged, enter it in QuickBooks by hand.`,
  )
}

/** An overpayment or prepayment: staged as money on the contact's account once its bank account is known. */
function stageUnappliedMoney(page: Page, money: XUnappliedMoney): void {
  const origin = page.collection === 'Overpayments' ? 'overpayment' : 'prepayment'
  const id = moneyIdOf(money) ?? '?'
  const kind = unappliedKindOf(money.type)
  if (isDeleted(money.status) || money.status === 'VOIDED') {
    if (kind && id !== '?') page.items.push(retraction(kind, id))
    return
  }
  const bank = page.context.moneyBanks?.get(id)
  const problem = unappliedProblem(money, bank)
  const label = `${id} (${money.type ?? ''} ${money.contact?.name ?? ''} ${amountText(dec(money.total ?? 0))} on ${money.date ?? '?'}, remaining credit ${amountText(dec(money.remainingCredit ?? 0))})`
  if (problem || !bank) {
    const reason = `${label} is not staged: ${problem}. Record it in QuickBooks by hand as an unapplied ${kind === 'billPayment' ? 'bill payment (supplier credit)' : 'customer payment'}.`
    page.skip(reason)
    // Named in the reconciliation too (not migrated, counted in its match rate), not only in the warnings.
    if (kind && id !== '?') page.items.push(notStagedMoney(page.collection, money, kind, id, reason))
    return
  }
  if ((money.totalTax ?? 0) !== 0)
    page.skip(
      `${label} carries tax ${amountText(dec(money.totalTax!))}: staged as money on the contact's account without its tax lines (how Xero posts tax on a ${origin} is UNCONFIRMED; check the GST account after the load).`,
    )
  add(page, kind!, mapUnapplied(money, origin, bank, page.context))
}

function notStagedMoney(
  collection: string,
  money: XUnappliedMoney,
  kind: 'payment' | 'billPayment',
  id: string,
  reason: string,
): StagedItem {
  return notStaged(kind, id, {
    entity: kind === 'payment' ? 'Payment' : 'BillPayment',
    reason: `${collection} ${reason}`,
    ...(money.date ? {date: money.date} : {}),
    amount: amountText(dec(money.total ?? 0)),
    ...(money.contact?.name ? {contactName: money.contact.name} : {}),
  })
}

function stageManualJournal(page: Page, journal: XManualJournal): void {
  if (journal.status === 'VOIDED' || isDeleted(journal.status))
    page.items.push(retraction('manualJournal', journal.manualJournalID))
  if (journal.status !== 'POSTED') {
    if (journal.status === 'DRAFT')
      page.skip(`${journal.manualJournalID} (draft, ${journal.date}) is not staged: it is not posted.`)
    // ARCHIVED is in Xero's list of journal statuses, and what it does to the books is not documented:
    // never drop one without saying so (the reconciliation to Xero's reports shows whether it counted).
    else if (journal.status !== 'VOIDED' && !isDeleted(journal.status))
      page.skip(
        `${journal.manualJournalID} (${String(journal.status).toLowerCase()}, ${journal.date}) is not staged: only posted journals are. If Xero's reports include it, record it in QuickBooks by hand.`,
      )
    return
  }
  const item = staged('manualJournal', mapManualJournal(journal, page.context), page.collection, page.where)
  const record = item.record as Parameters<typeof journalProblems>[0] & {amountsAre: string}
  // Tax-exclusive lines balance only with their tax (posted to the tax account): the check on line amounts
  // alone would reject a good journal.
  const taxed =
    record.amountsAre === 'exclusive' && journal.journalLines?.some((l) => (l.taxAmount ?? 0) !== 0)
  const problems = taxed ? [] : journalProblems(record)
  if (problems.length) throw rejected(page.collection, page.where, item.id, problems.join('; '))
  page.items.push(item)
}

function stageBankTransaction(page: Page, txn: XBankTransaction): void {
  if (isDeleted(txn.status) || txn.status === 'VOIDED') {
    // The canonical bank transaction has no void: a voided one is gone.
    if (isPlainBankTransaction(txn.type))
      page.items.push(retraction('bankTransaction', txn.bankTransactionID))
    return
  }
  if (!isPlainBankTransaction(txn.type)) {
    // Transfers are staged from BankTransfers; the bank side of a prepayment or overpayment gives that
    // money its bank account (MoneyBanks), and the money itself is staged from its own collection.
    if (!txn.type.endsWith('-TRANSFER') && !txn.prepaymentID && !txn.overpaymentID) {
      page.skip(
        `${txn.bankTransactionID} (${txn.type}) is not staged: it names no prepayment or overpayment, so it is not known which money it is the bank side of.`,
      )
    }
    return
  }
  add(page, 'bankTransaction', mapBankTransaction(txn, page.context))
}
