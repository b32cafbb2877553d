import type {Staging} from '../staging/index.js'

/** How a person finds a record in the source: its type, number, date, contact (or own name) and amount. */
export interface RecordLabel {
  type: string
  number: string
  date: string
  contact: string
  amount: string
}

/** The staged kinds a QBO entity is made from, to pick the right record when two kinds share an id. */
const KINDS: Record<string, string[]> = {
  Invoice: ['invoice'],
  CreditMemo: ['creditNote'],
  Bill: ['bill'],
  VendorCredit: ['supplierCredit'],
  Payment: ['payment'],
  BillPayment: ['billPayment'],
  JournalEntry: ['manualJournal', 'openingBalance'],
  Purchase: ['bankTransaction'],
  Deposit: ['bankTransaction'],
  Transfer: ['bankTransfer'],
  Customer: ['contact'],
  Vendor: ['contact'],
  Account: ['account'],
  Item: ['item'],
}

/**
 * The identifying fields of a loaded or parked record, read from its staged source record, for the result
 * files: an accountant looks a record up by number, date, contact and amount, not by our source key.
 */
export function recordLabel(
  staging: Staging,
  sourceSystem: string,
  entity: string,
  sourceId: string,
): RecordLabel {
  const found = staging.staged.bySourceId(sourceSystem, sourceId)
  const wanted = KINDS[entity]
  const staged = found.find((r) => wanted?.includes(r.kind)) ?? found[0]
  const r = (staged?.record ?? {}) as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')
  const contactId = text(r.contactId)
  const contactOf = (id: string) =>
    text((staging.staged.get(sourceSystem, 'contact', id)?.record as {name?: unknown} | undefined)?.name)
  return {
    type: staged?.kind ?? entity,
    number: text(r.number) || text(r.reference) || text(r.code),
    date: text(r.date),
    // Documents: their contact. Contacts, accounts and items: their own name.
    contact: text(r.contactName) || (contactId ? contactOf(contactId) : '') || text(r.name),
    amount: text(r.total ?? r.amount),
  }
}
