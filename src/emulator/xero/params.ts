import type {XeroRecord} from './company.js'

/**
 * The query parameters Xero documents (OpenAPI spec) and xero-node sends for the collections this project
 * reads, beyond where/order/page/pageSize/unitdp (api.ts). Xero binds parameter names without regard to
 * case and ignores names it does not know (a list it cannot read is silently ignored: xero-node #339);
 * a value it cannot parse is a 400 with a plain-text body (xero-node #502, xero-php-oauth2-app #17).
 */
export class ParamError extends Error {}

interface ListFilter {
  param: string
  /** The record's field the values are matched against (a path). */
  field: string[]
  /** Values must be GUIDs, or Xero answers "Supplied parameter '…' cannot be parsed." */
  guid?: boolean
}

/** A status the collection leaves out unless the flag is true (includeArchived, includeDeleted). */
interface HiddenStatus {
  flag: string
  field: string
  status: string
}

interface CollectionParams {
  lists?: ListFilter[]
  /** searchTerm: a case-insensitive text search over these fields. */
  search?: string[]
  hidden?: HiddenStatus
  /** summaryOnly=true leaves these out (which fields Xero drops is UNCONFIRMED; the spec says "computation-heavy"). */
  summaryDrops?: string[]
  /** createdByMyApp=true: only records created by the calling app, which is none of a served company's. */
  createdByMyApp?: boolean
}

export const COLLECTION_PARAMS: Record<string, CollectionParams> = {
  Invoices: {
    lists: [
      {param: 'IDs', field: ['InvoiceID'], guid: true},
      {param: 'InvoiceNumbers', field: ['InvoiceNumber']},
      {param: 'ContactIDs', field: ['Contact', 'ContactID'], guid: true},
      {param: 'Statuses', field: ['Status']},
    ],
    search: ['InvoiceNumber', 'Reference'],
    // Invoices have no ARCHIVED status, so includeArchived changes nothing for them.
    summaryDrops: ['LineItems', 'Payments', 'CreditNotes', 'Prepayments', 'Overpayments'],
    createdByMyApp: true,
  },
  Contacts: {
    lists: [{param: 'IDs', field: ['ContactID'], guid: true}],
    search: ['Name', 'FirstName', 'LastName', 'ContactNumber', 'EmailAddress'],
    hidden: {flag: 'includeArchived', field: 'ContactStatus', status: 'ARCHIVED'},
    summaryDrops: ['Balances'],
  },
  Overpayments: {lists: [{param: 'References', field: ['Reference']}]},
  Prepayments: {
    lists: [
      {param: 'InvoiceNumbers', field: ['InvoiceNumber']},
      {param: 'References', field: ['Reference']},
    ],
  },
  BankTransactions: {lists: [{param: 'References', field: ['Reference']}]},
  BankTransfers: {hidden: {flag: 'includeDeleted', field: 'Status', status: 'DELETED'}},
  TrackingCategories: {hidden: {flag: 'includeArchived', field: 'Status', status: 'ARCHIVED'}},
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every value given for `name`, matched without regard to case, with or without a `[]` suffix. */
function rawValues(query: URLSearchParams, name: string): string[] | undefined {
  const wanted = name.toLowerCase()
  const values: string[] = []
  let seen = false
  for (const [key, value] of query) {
    const bare = key.endsWith('[]') ? key.slice(0, -2) : key
    if (bare.toLowerCase() !== wanted) continue
    seen = true
    values.push(value)
  }
  return seen ? values : undefined
}

/**
 * A list parameter's values: `Statuses=PAID,AUTHORISED` (documented), repeated keys (Xero-Java sends
 * those, Xero-OpenAPI #534) or `Statuses[]=PAID&Statuses[]=AUTHORISED` (what xero-node 20 sends through
 * axios; whether Xero reads that form is UNCONFIRMED). Undefined when the parameter is absent.
 */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = rawValues(query, name)
  if (values === undefined) return undefined
  const items = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().replace(/^"(.*)"$/, '$1'))
    .filter((v) => v !== '')
  return items.length ? items : undefined
}

/** true/false (any case); a parameter given with another value cannot be bound. */
export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = rawValues(query, name)?.[0]
  if (value === undefined || value === '') return undefined
  const lower = value.toLowerCase()
  if (lower !== 'true' && lower !== 'false')
    throw new ParamError(`Supplied parameter '${name}' cannot be parsed.`)
  return lower === 'true'
}

/** A whole number, or undefined when absent; anything else cannot be bound. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = rawValues(query, name)?.[0]
  if (value === undefined || value === '') return undefined
  if (!/^-?\d+$/.test(value.trim())) throw new ParamError(`Supplied parameter '${name}' cannot be parsed.`)
  return Number(value)
}

function fieldText(record: XeroRecord, path: string[]): string | undefined {
  let value: unknown = record
  for (const key of path) value = value && typeof value === 'object' ? (value as XeroRecord)[key] : undefined
  return typeof value === 'string' ? value : undefined
}

/** Xero's message names the parameter as its binder does: IDs → Ids, ContactIDs → ContactIds. */
function binderName(param: string): string {
  return param.replace(/IDs$/, 'Ids')
}

/** The collection's own filters, applied before `where` (they are Xero's "optimised" filters). */
export function applyCollectionParams(
  collection: string,
  records: XeroRecord[],
  query: URLSearchParams,
): XeroRecord[] {
  const spec = COLLECTION_PARAMS[collection]
  if (!spec) return records
  let out = records
  for (const filter of spec.lists ?? []) {
    const values = listParam(query, filter.param)
    if (!values) continue
    if (filter.guid && values.some((v) => !GUID.test(v)))
      throw new ParamError(`Supplied parameter '${binderName(filter.param)}' cannot be parsed.`)
    const wanted = new Set(values.map((v) => v.toLowerCase()))
    out = out.filter((r) => wanted.has((fieldText(r, filter.field) ?? '').toLowerCase()))
  }
  const term = rawValues(query, 'searchTerm')?.[0]?.trim().toLowerCase()
  if (spec.search && term) {
    out = out.filter((r) => spec.search!.some((f) => (fieldText(r, [f]) ?? '').toLowerCase().includes(term)))
  }
  if (spec.hidden && !boolParam(query, spec.hidden.flag)) {
    const {field, status} = spec.hidden
    out = out.filter((r) => r[field] !== status)
    if (collection === 'TrackingCategories') out = out.map(withoutArchivedOptions)
  }
  if (spec.createdByMyApp && boolParam(query, 'createdByMyApp')) out = []
  return out
}

/** A tracking category's archived options are left out too unless includeArchived=true. */
function withoutArchivedOptions(category: XeroRecord): XeroRecord {
  if (!Array.isArray(category.Options)) return category
  return {...category, Options: (category.Options as XeroRecord[]).filter((o) => o.Status !== 'ARCHIVED')}
}

/** summaryOnly=true: the record without the fields Xero leaves out of its lightweight answer. */
export function summaryOnly(collection: string, record: XeroRecord): XeroRecord {
  const drops = COLLECTION_PARAMS[collection]?.summaryDrops ?? []
  if (!drops.length) return record
  return Object.fromEntries(Object.entries(record).filter(([k]) => !drops.includes(k)))
}
