import {D, type Dec} from '../../domain/money.js'
import type {XeroCompany, XeroRecord} from './company.js'
import {msDate, parseXeroDate} from './ms-date.js'

/**
 * What Xero adds to a record when it answers, beyond what the company's files hold: fields it computes
 * from other records (an invoice's Payments, CreditNotes, Prepayments, Overpayments and FullyPaidOnDate; a
 * contact's Balances; the full contact on a document fetched by id) and the fields it always sends with a
 * default (ContactGroups, ContactPersons, BankAccountDetails, HasAttachments, EnablePaymentsToAccount…),
 * as the real demo-company responses and the OpenAPI examples show them. A field the file already holds is
 * never replaced: the company's files are the truth, the emulator fills in what Xero would.
 */
export interface Derivations {
  /** The record as Xero answers it; `single` is a GET of one record by id. */
  enrich(collection: string, record: XeroRecord, single: boolean, nowMs: number): XeroRecord
}

type Refs = Map<string, XeroRecord[]>

const DEFAULTS: Record<string, XeroRecord> = {
  Contacts: {
    BankAccountDetails: '',
    ContactGroups: [],
    ContactPersons: [],
    HasAttachments: false,
    HasValidationErrors: false,
  },
  Accounts: {EnablePaymentsToAccount: false},
  Invoices: {HasAttachments: false, HasErrors: false},
  CreditNotes: {HasAttachments: false, HasErrors: false},
  Overpayments: {HasAttachments: false},
  Prepayments: {HasAttachments: false},
  BankTransactions: {HasAttachments: false},
  ManualJournals: {HasAttachments: false},
}

/** Documents whose Contact is the full contact when one is fetched by id (as in the real single-record GETs). */
const FULL_CONTACT_ON_GET = new Set([
  'Invoices',
  'CreditNotes',
  'Overpayments',
  'Prepayments',
  'BankTransactions',
])

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const obj = (v: unknown): XeroRecord | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as XeroRecord) : undefined
const live = (r: XeroRecord) => r.Status !== 'DELETED' && r.Status !== 'VOIDED'

function push(map: Refs, key: string | undefined, value: XeroRecord): void {
  if (!key) return
  let list = map.get(key)
  if (!list) map.set(key, (list = []))
  list.push(value)
}

/** Payments as Xero embeds them in the document they pay. */
function paymentsByDocument(company: XeroCompany): Refs {
  const out: Refs = new Map()
  for (const p of company.Payments ?? []) {
    if (!live(p)) continue
    const summary: XeroRecord = {
      PaymentID: p.PaymentID,
      Date: p.Date,
      Amount: p.Amount,
      ...(p.Reference !== undefined ? {Reference: p.Reference} : {}),
      ...(p.CurrencyRate !== undefined ? {CurrencyRate: p.CurrencyRate} : {}),
      HasAccount: false,
      HasValidationErrors: false,
    }
    push(out, str(obj(p.Invoice)?.InvoiceID), summary)
    push(out, str(obj(p.CreditNote)?.CreditNoteID), summary)
    push(out, str(obj(p.Prepayment)?.PrepaymentID), summary)
    push(out, str(obj(p.Overpayment)?.OverpaymentID), summary)
  }
  return out
}

/** Credit notes, prepayments and overpayments allocated to an invoice, as the invoice lists them. */
function allocationsByInvoice(
  records: XeroRecord[] | undefined,
  idField: string,
  numberField?: string,
): Refs {
  const out: Refs = new Map()
  for (const r of records ?? []) {
    if (!live(r)) continue
    for (const a of Array.isArray(r.Allocations) ? (r.Allocations as XeroRecord[]) : []) {
      push(out, str(obj(a.Invoice)?.InvoiceID), {
        [idField]: r[idField],
        ...(numberField && r[numberField] !== undefined ? {[numberField]: r[numberField]} : {}),
        Date: a.Date ?? r.Date,
        Total: r.Total,
        AppliedAmount: a.Amount,
      })
    }
  }
  return out
}

interface OpenItem {
  side: 'AccountsReceivable' | 'AccountsPayable'
  /** Base-currency amount: positive owed, negative an unallocated credit. */
  amount: Dec
  dueMs: number | undefined
}

/** Xero's CurrencyRate is units of the document currency per unit of base currency. */
function inBase(amount: unknown, rate: unknown): Dec {
  const r = typeof rate === 'number' && rate > 0 ? rate : 1
  return new D(typeof amount === 'number' ? amount : 0).div(r)
}

function openItemsByContact(company: XeroCompany): Map<string, OpenItem[]> {
  const out = new Map<string, OpenItem[]>()
  const add = (contactId: string | undefined, item: OpenItem) => {
    if (!contactId) return
    let list = out.get(contactId)
    if (!list) out.set(contactId, (list = []))
    list.push(item)
  }
  for (const i of company.Invoices ?? []) {
    if (i.Status !== 'AUTHORISED') continue
    add(str(obj(i.Contact)?.ContactID), {
      side: i.Type === 'ACCPAY' ? 'AccountsPayable' : 'AccountsReceivable',
      amount: inBase(i.AmountDue, i.CurrencyRate),
      dueMs: parseXeroDate(i.DueDate),
    })
  }
  for (const c of company.CreditNotes ?? []) {
    if (c.Status !== 'AUTHORISED') continue
    add(str(obj(c.Contact)?.ContactID), {
      side: c.Type === 'ACCPAYCREDIT' ? 'AccountsPayable' : 'AccountsReceivable',
      amount: inBase(c.RemainingCredit, c.CurrencyRate).neg(),
      dueMs: undefined,
    })
  }
  return out
}

/**
 * Outstanding: what is open on approved invoices (bills) less unallocated credit notes; Overdue: open
 * invoices (bills) past their due date. In base currency, 2 dp. How Xero nets credits, prepayments and
 * overpayments in these figures is UNCONFIRMED (its own examples show Overdue above Outstanding).
 */
function balancesOf(items: OpenItem[] | undefined, nowMs: number): XeroRecord {
  const sum = (side: OpenItem['side'], overdue: boolean) =>
    Number(
      (items ?? [])
        .filter(
          (i) =>
            i.side === side && (!overdue || (i.dueMs !== undefined && i.dueMs < nowMs && i.amount.gt(0))),
        )
        .reduce((acc, i) => acc.plus(i.amount), new D(0))
        .toDecimalPlaces(2, D.ROUND_HALF_UP),
    )
  return {
    AccountsReceivable: {
      Outstanding: sum('AccountsReceivable', false),
      Overdue: sum('AccountsReceivable', true),
    },
    AccountsPayable: {Outstanding: sum('AccountsPayable', false), Overdue: sum('AccountsPayable', true)},
  }
}

/** The latest date among the payments and allocations that settled a document. */
function latestDate(...lists: unknown[]): string | undefined {
  let latest: number | undefined
  for (const list of lists)
    for (const entry of Array.isArray(list) ? (list as XeroRecord[]) : []) {
      const ms = parseXeroDate(entry.Date)
      if (ms !== undefined && (latest === undefined || ms > latest)) latest = ms
    }
  return latest === undefined ? undefined : msDate(latest)
}

export function derive(company: XeroCompany): Derivations {
  const payments = paymentsByDocument(company)
  const credits = allocationsByInvoice(company.CreditNotes, 'CreditNoteID', 'CreditNoteNumber')
  const prepayments = allocationsByInvoice(company.Prepayments, 'PrepaymentID')
  const overpayments = allocationsByInvoice(company.Overpayments, 'OverpaymentID')
  const openItems = openItemsByContact(company)
  const contacts = new Map<string, XeroRecord>()
  for (const c of company.Contacts ?? []) if (str(c.ContactID)) contacts.set(String(c.ContactID), c)

  const withDefaults = (collection: string, record: XeroRecord): XeroRecord => ({
    ...DEFAULTS[collection],
    ...record,
  })

  function enrich(collection: string, record: XeroRecord, single: boolean, nowMs: number): XeroRecord {
    const out = withDefaults(collection, record)
    const fill = (field: string, value: () => unknown) => {
      if (out[field] === undefined) {
        const v = value()
        if (v !== undefined) out[field] = v
      }
    }
    if (collection === 'Invoices') {
      const id = String(record.InvoiceID ?? '')
      fill('Payments', () => payments.get(id) ?? [])
      fill('CreditNotes', () => credits.get(id) ?? [])
      fill('Prepayments', () => prepayments.get(id) ?? [])
      fill('Overpayments', () => overpayments.get(id) ?? [])
      if (out.Status === 'PAID')
        fill('FullyPaidOnDate', () =>
          latestDate(out.Payments, out.CreditNotes, out.Prepayments, out.Overpayments),
        )
    }
    if (collection === 'CreditNotes') {
      fill('Payments', () => payments.get(String(record.CreditNoteID ?? '')) ?? [])
      if (out.Status === 'PAID') fill('FullyPaidOnDate', () => latestDate(out.Allocations, out.Payments))
    }
    if (collection === 'Prepayments')
      fill('Payments', () => payments.get(String(record.PrepaymentID ?? '')) ?? [])
    if (collection === 'Overpayments')
      fill('Payments', () => payments.get(String(record.OverpaymentID ?? '')) ?? [])
    if (collection === 'Contacts')
      fill('Balances', () => balancesOf(openItems.get(String(record.ContactID ?? '')), nowMs))
    if (single && FULL_CONTACT_ON_GET.has(collection)) {
      const ref = obj(record.Contact)
      const full = ref && contacts.get(String(ref.ContactID ?? ''))
      if (full) {
        // The contact as GET Contacts/{id} has it, less what Xero leaves out of a document's contact.
        const {Balances: _b, PaymentTerms: _p, ...contact} = withDefaults('Contacts', full)
        out.Contact = {...contact, ...ref}
      }
    }
    return out
  }

  return {enrich}
}
