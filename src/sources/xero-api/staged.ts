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

function rejected(collection: string, where: string, id: string, reason: string): UserInputError {
  return new UserInputError(`Xero ${collection} ${id} (${where}) cannot be staged: ${reason}`, {
    next: `Fix ${collection} ${id} in Xero (or report it if Xero accepts it), then run: qbo migrate extract --from xero-api --resume`,
    data: {collection, where, id, reason},
  })
}

function read<S extends z.ZodType>(schema: S, raw: unknown, collection: string, where: string): z.infer<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const id = idOf(raw)
  throw rejected(
    collection,
    where,
    id,
    parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  )
}

function idOf(raw: unknown): string {
  if (!raw || typeof raw !== 'object') return '?'
  const value = Object.entries(raw).find(([k, v]) => /ID$/.test(k) && typeof v === 'string')?.[1]
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
  for (const raw of raws) {
    try {
      mapOne(collection, raw, context, where, items, skip)
    } catch (error) {
      // One record Xero holds but the canonical model cannot take must not block the page forever
      // (every resume would stop at it): it is reported by id and reason, and the rest is staged.
      if (!(error instanceof UserInputError)) throw error
      notes.push(error.message)
    }
  }
  return {items, notes}
}

function mapOne(
  collection: string,
  raw: unknown,
  context: MapContext,
  where: string,
  items: StagedItem[],
  skip: (what: string) => void,
): void {
  {
    switch (collection) {
      case 'Accounts':
        items.push(staged('account', mapAccount(read(XAccount, raw, collection, where)), collection, where))
        break
      case 'TaxRates':
        items.push(staged('taxRate', mapTaxRate(read(XTaxRate, raw, collection, where)), collection, where))
        break
      case 'TrackingCategories': {
        const category = read(XTrackingCategory, raw, collection, where)
        if (category.status === 'DELETED') {
          items.push(retraction('trackingCategory', category.name))
          break
        }
        items.push(staged('trackingCategory', mapTrackingCategory(category), collection, where))
        break
      }
      case 'Contacts':
        items.push(staged('contact', mapContact(read(XContact, raw, collection, where)), collection, where))
        break
      case 'Items':
        items.push(staged('item', mapItem(read(XItem, raw, collection, where), context), collection, where))
        break
      case 'Invoices': {
        const doc = read(XInvoice, raw, collection, where)
        if (isDeleted(doc.status)) {
          items.push(retraction(doc.type === 'ACCPAY' ? 'bill' : 'invoice', doc.invoiceID))
          break
        }
        const incomplete = incompleteDraft(doc)
        if (incomplete) {
          skip(`${doc.invoiceID} (${doc.invoiceNumber ?? 'no number'}) is ${incomplete}: not staged.`)
          break
        }
        const record = mapInvoice(doc, context)
        items.push(staged(record.kind, record, collection, where))
        break
      }
      case 'CreditNotes': {
        const doc = read(XCreditNote, raw, collection, where)
        if (isDeleted(doc.status)) {
          items.push(
            retraction(doc.type === 'ACCPAYCREDIT' ? 'supplierCredit' : 'creditNote', doc.creditNoteID),
          )
          break
        }
        const incomplete = incompleteDraft(doc)
        if (incomplete) {
          skip(`${doc.creditNoteID} (${doc.creditNoteNumber ?? 'no number'}) is ${incomplete}: not staged.`)
          break
        }
        const record = mapCreditNote(doc, context)
        items.push(staged(record.kind, record, collection, where))
        break
      }
      case 'Payments': {
        const payment = read(XPayment, raw, collection, where)
        const kind = paymentKindOf(payment)
        const refund = kind ? undefined : refundKindOf(payment)
        if (isDeleted(payment.status)) {
          const gone = kind ?? refund
          if (gone) items.push(retraction(gone.kind, payment.paymentID))
          break
        }
        if (!kind) {
          if (refund) {
            items.push(staged(refund.kind, mapRefundPayment(payment, refund, context), collection, where))
            break
          }
          skip(
            `${payment.paymentID} (${payment.paymentType ?? '?'} ${amountText(dec(payment.amount))} on ${payment.date}) is a payment of a kind the extract does not know: not staged, enter it in QuickBooks by hand.`,
          )
          break
        }
        items.push(staged(kind.kind, mapPayment(payment, kind, context), collection, where))
        break
      }
      case 'Overpayments':
      case 'Prepayments': {
        const money = read(XUnappliedMoney, raw, collection, where)
        const origin = collection === 'Overpayments' ? 'overpayment' : 'prepayment'
        const id = moneyIdOf(money) ?? '?'
        const kind = unappliedKindOf(money.type)
        if (isDeleted(money.status) || money.status === 'VOIDED') {
          if (kind && id !== '?') items.push(retraction(kind, id))
          break
        }
        const bank = context.moneyBanks?.get(id)
        const problem = unappliedProblem(money, bank)
        const label = `${id} (${money.type ?? ''} ${money.contact?.name ?? ''} ${amountText(dec(money.total ?? 0))} on ${money.date ?? '?'}, remaining credit ${amountText(dec(money.remainingCredit ?? 0))})`
        if (problem || !bank) {
          const reason = `${label} is not staged: ${problem}. Record it in QuickBooks by hand as an unapplied ${kind === 'billPayment' ? 'bill payment (supplier credit)' : 'customer payment'}.`
          skip(reason)
          // Named in the reconciliation too (not migrated, counted in its match rate), not only in the warnings.
          if (kind && id !== '?')
            items.push(
              notStaged(kind, id, {
                entity: kind === 'payment' ? 'Payment' : 'BillPayment',
                reason: `${collection} ${reason}`,
                ...(money.date ? {date: money.date} : {}),
                amount: amountText(dec(money.total ?? 0)),
                ...(money.contact?.name ? {contactName: money.contact.name} : {}),
              }),
            )
          break
        }
        if ((money.totalTax ?? 0) !== 0)
          skip(
            `${label} carries tax ${amountText(dec(money.totalTax!))}: staged as money on the contact's account without its tax lines (how Xero posts tax on a ${origin} is UNCONFIRMED; check the GST account after the load).`,
          )
        items.push(staged(kind!, mapUnapplied(money, origin, bank, context), collection, where))
        break
      }
      case 'ManualJournals': {
        const journal = read(XManualJournal, raw, collection, where)
        if (journal.status === 'VOIDED' || isDeleted(journal.status))
          items.push(retraction('manualJournal', journal.manualJournalID))
        if (journal.status !== 'POSTED') {
          if (journal.status === 'DRAFT')
            skip(`${journal.manualJournalID} (draft, ${journal.date}) is not staged: it is not posted.`)
          break
        }
        const item = staged('manualJournal', mapManualJournal(journal, context), collection, where)
        const record = item.record as Parameters<typeof journalProblems>[0] & {amountsAre: string}
        const taxed =
          record.amountsAre === 'exclusive' && journal.journalLines?.some((l) => (l.taxAmount ?? 0) !== 0)
        const problems = taxed ? [] : journalProblems(record)
        if (problems.length) throw rejected(collection, where, item.id, problems.join('; '))
        items.push(item)
        break
      }
      case 'BankTransactions': {
        const txn = read(XBankTransaction, raw, collection, where)
        if (isDeleted(txn.status) || txn.status === 'VOIDED') {
          // The canonical bank transaction has no void: a voided one is gone.
          if (isPlainBankTransaction(txn.type))
            items.push(retraction('bankTransaction', txn.bankTransactionID))
          break
        }
        if (!isPlainBankTransaction(txn.type)) {
          // Transfers are staged from BankTransfers; the bank side of a prepayment or overpayment gives that
          // money its bank account (MoneyBanks), and the money itself is staged from its own collection.
          if (!txn.type.endsWith('-TRANSFER') && !txn.prepaymentID && !txn.overpaymentID) {
            skip(
              `${txn.bankTransactionID} (${txn.type}) is not staged: it names no prepayment or overpayment, so it is not known which money it is the bank side of.`,
            )
          }
          break
        }
        items.push(staged('bankTransaction', mapBankTransaction(txn, context), collection, where))
        break
      }
      case 'BankTransfers':
        items.push(
          staged(
            'bankTransfer',
            mapBankTransfer(read(XBankTransfer, raw, collection, where), context),
            collection,
            where,
          ),
        )
        break
      default:
        throw new Error(`no mapping for Xero collection ${collection}`)
    }
  }
}
