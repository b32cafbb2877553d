import type {NotMigrated} from '../files/units.js'

/** Xero header names: a leading `*` (mandatory in templates) stripped, spaces ignored, case-insensitive. */
export function xeroKey(name: string): string {
  return name
    .trim()
    .replace(/^\*+/, '')
    .replace(/[\s_]+/g, '')
    .toLowerCase()
}

export type XeroFileType = 'taxRates' | 'accounts' | 'items' | 'documents' | 'journals' | 'contacts'

/** Recognises a Xero CSV by its header row (never by its name); undefined when it is none we know. */
export function recogniseXeroHeader(headers: readonly string[]): XeroFileType | undefined {
  const k = new Set(headers.map(xeroKey))
  const has = (...names: string[]) => names.every((n) => k.has(n))
  if (
    has('contactname') &&
    (has('unitamount') || has('lineamount')) &&
    (has('invoicenumber') || has('invoicedate'))
  )
    return 'documents'
  if (has('narration', 'accountcode', 'amount')) return 'journals'
  if (has('itemcode')) return 'items'
  if (has('code', 'name', 'type')) return 'accounts'
  if (has('contactname')) return 'contacts'
  if (has('taxtype') && (has('taxratename') || has('name') || has('displayname'))) return 'taxRates'
  return undefined
}

/** Xero report titles: an exported report starts with its title line, not a header row (sources.md §1.8). */
const REPORT_TITLES = [
  'trial balance',
  'account transactions',
  'general ledger',
  'aged receivables',
  'aged payables',
  'profit and loss',
  'balance sheet',
  'receivable invoice detail',
  'payable invoice detail',
]

/** Exports Xero writes that a migration does not stage, with what to do instead. */
export function xeroNotMigrated(headers: readonly string[]): NotMigrated | undefined {
  const k = new Set(headers.map(xeroKey))
  const has = (...names: string[]) => names.every((n) => k.has(n))
  const any = (...names: string[]) => names.some((n) => k.has(n))
  const title = headers.filter((h) => h.trim() !== '')
  if (
    title.length === 1 &&
    REPORT_TITLES.some((t) => (title[0] as string).trim().toLowerCase().startsWith(t))
  ) {
    return {
      notMigrated: `a Xero report export ("${(title[0] as string).trim()}"): reports are not migrated`,
      next: 'Remove it from the folder: the reconciliation workbook compares the trial balance and aging itself.',
    }
  }
  if (
    has('date', 'amount') &&
    any('payee', 'chequenumber', 'checknumber', 'analysiscode', 'transactiontype')
  ) {
    return {
      notMigrated:
        'a bank statement CSV: statement lines are not ledger transactions, and staging them would duplicate the invoices, bills and payments they settle',
      next: 'Remove it from the folder. Spend and receive money come with `--from xero-api` (docs/sources-files.md).',
    }
  }
  return undefined
}

/** Processing order: tax names and accounts first (documents refer to them), contacts after documents. */
export const XERO_TYPE_ORDER: readonly XeroFileType[] = [
  'taxRates',
  'accounts',
  'items',
  'documents',
  'journals',
  'contacts',
]
