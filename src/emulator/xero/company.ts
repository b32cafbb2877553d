import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {z} from 'zod'

/** One record as the Xero API returns it (PascalCase JSON). */
export type XeroRecord = Record<string, unknown>

/** What each collection is called, which field identifies a record, and whether Xero pages it. */
export interface CollectionSpec {
  name: string
  idField: string
  paged: boolean
  /** Lines Xero leaves out of a list response unless `page` is given (or one record is fetched by id). */
  linesOnlyWhenPaged?: string
  /** Line arrays whose UnitAmount `unitdp` rounds. */
  unitAmountLines?: string
}

export const COLLECTIONS: readonly CollectionSpec[] = [
  {name: 'Organisations', idField: 'OrganisationID', paged: false},
  {name: 'Accounts', idField: 'AccountID', paged: false},
  {name: 'TaxRates', idField: 'TaxType', paged: false},
  {name: 'TrackingCategories', idField: 'TrackingCategoryID', paged: false},
  {name: 'Contacts', idField: 'ContactID', paged: true},
  {name: 'Items', idField: 'ItemID', paged: false},
  {
    name: 'Invoices',
    idField: 'InvoiceID',
    paged: true,
    linesOnlyWhenPaged: 'LineItems',
    unitAmountLines: 'LineItems',
  },
  {name: 'CreditNotes', idField: 'CreditNoteID', paged: true, unitAmountLines: 'LineItems'},
  {name: 'Payments', idField: 'PaymentID', paged: true},
  {name: 'Overpayments', idField: 'OverpaymentID', paged: true, unitAmountLines: 'LineItems'},
  {name: 'Prepayments', idField: 'PrepaymentID', paged: true, unitAmountLines: 'LineItems'},
  {name: 'ManualJournals', idField: 'ManualJournalID', paged: true, linesOnlyWhenPaged: 'JournalLines'},
  {name: 'BankTransactions', idField: 'BankTransactionID', paged: true, unitAmountLines: 'LineItems'},
  {name: 'BankTransfers', idField: 'BankTransferID', paged: false},
]

export type CollectionName =
  | 'Organisations'
  | 'Accounts'
  | 'TaxRates'
  | 'TrackingCategories'
  | 'Contacts'
  | 'Items'
  | 'Invoices'
  | 'CreditNotes'
  | 'Payments'
  | 'Overpayments'
  | 'Prepayments'
  | 'ManualJournals'
  | 'BankTransactions'
  | 'BankTransfers'

/**
 * A company as the emulator serves it: each collection's records in Xero's API JSON, plus the
 * TrialBalance report (the `Reports` array of GET Reports/TrialBalance) when the company has one.
 */
export type XeroCompany = Partial<Record<CollectionName, XeroRecord[]>> & {TrialBalance?: XeroRecord[]}

const RecordList = z.array(z.record(z.string(), z.unknown()))

/** The file holding a collection: `<Collection>.json`; the organisation is `Organisation.json` as in the URL. */
export function fileNameOf(collection: CollectionName | 'TrialBalance'): string {
  return collection === 'Organisations' ? 'Organisation.json' : `${collection}.json`
}

/**
 * Reads a company folder: one JSON file per collection, each either the API response body
 * (`{"Invoices":[...]}`, `{"Reports":[...]}` for TrialBalance.json) or a bare array. Missing files are
 * empty collections.
 */
export function loadXeroCompany(dir: string): XeroCompany {
  const company: XeroCompany = {}
  const names = [...COLLECTIONS.map((c) => c.name as CollectionName), 'TrialBalance' as const]
  for (const name of names) {
    const file = join(dir, fileNameOf(name))
    if (!existsSync(file)) continue
    const key = name === 'TrialBalance' ? 'Reports' : name
    const parsed = z
      .union([RecordList, z.object({[key]: RecordList}).passthrough()])
      .safeParse(JSON.parse(readFileSync(file, 'utf8')))
    if (!parsed.success) {
      throw new Error(`${file}: expected {"${key}": [...]} or an array of records (${parsed.error.message})`)
    }
    const records = Array.isArray(parsed.data) ? parsed.data : (parsed.data[key] as XeroRecord[])
    company[name] = records
  }
  return company
}
