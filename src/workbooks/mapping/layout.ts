/**
 * The mapping workbook's contract (docs/workbooks.md): sheet names, the headers the reader looks for (by
 * text, so an accountant may reorder or add columns), and the words that stand for "none".
 */
import type {Column} from '../style.js'

export const DO_NOT_MIGRATE = '(do not migrate)'
export const NOT_MIGRATED = '(not migrated)'

export const SHEETS = {
  accounts: 'Accounts',
  taxCodes: 'Tax codes',
  tracking: 'Tracking',
  settings: 'Settings',
  exchangeRates: 'Exchange rates',
  contactNames: 'Contact names',
  qboAccounts: 'QBO accounts',
  qboTaxCodes: 'QBO tax codes',
  choices: 'Choices',
} as const

export const ACCOUNT_COLUMNS = [
  {header: 'Source id', key: 'sourceId', width: 14},
  {header: 'Code', key: 'code', width: 10},
  {header: 'Name', key: 'name', width: 36},
  {header: 'Source type', key: 'sourceType', width: 18},
  {header: 'Header', key: 'header', width: 8},
  {header: 'System account', key: 'system', width: 16},
  {header: 'Plan', key: 'plan', width: 10},
  {header: 'Suggested QBO account', key: 'suggested', width: 36},
  {header: 'QBO type / subtype', key: 'qboType', width: 40},
  {header: 'Why', key: 'why', width: 50},
  {header: 'Use QBO account', key: 'use', width: 36},
  {header: 'Confirm', key: 'confirm', width: 9},
  {header: 'Records', key: 'records', width: 9},
  {header: 'Balance', key: 'balance', width: 14, kind: 'money'},
] as const satisfies readonly Column[]

export const TAX_COLUMNS = [
  {header: 'Source code', key: 'code', width: 16},
  {header: 'Name', key: 'name', width: 30},
  {header: 'Rate %', key: 'rate', width: 8},
  {header: 'Direction', key: 'direction', width: 10},
  {header: 'Suggested QBO tax code', key: 'suggested', width: 26},
  {header: 'Why', key: 'why', width: 60},
  {header: 'Use QBO tax code', key: 'use', width: 26},
  {header: 'Confirm', key: 'confirm', width: 9},
  {header: 'QBO rate %', key: 'qboRate', width: 10},
  {header: 'Lines', key: 'lines', width: 8},
] as const satisfies readonly Column[]

export const TRACKING_COLUMNS = [
  {header: 'Category', key: 'category', width: 24},
  {header: 'Options', key: 'options', width: 50},
  {header: 'Suggested', key: 'suggested', width: 16},
  {header: 'Use', key: 'use', width: 16},
] as const satisfies readonly Column[]

export const SETTINGS_COLUMNS = [
  {header: 'Setting', key: 'setting', width: 24},
  {header: 'Value', key: 'value', width: 16},
  {header: 'Allowed', key: 'allowed', width: 34},
  {header: 'Meaning', key: 'meaning', width: 90},
] as const satisfies readonly Column[]

/** Settings rows, in order: row 2, 3, 4 … (their values sit at B2, B3, B4 …); the reader finds them by label. */
export const SETTINGS = {
  headerAccounts: 'Header accounts',
  taxPresentation: 'Tax presentation',
  inventoryStartDate: 'Inventory start date',
  freightIncomeAccount: 'Freight income account',
  freightExpenseAccount: 'Freight expense account',
  conversionDate: 'Conversion date',
  openDocuments: 'Open documents at conversion',
  history: 'History before conversion',
} as const

/**
 * The Exchange rates sheet. The rate column's header names its direction: `AUD per unit` (home-currency
 * units for one unit of the row's currency, as the export writes it) or `Units per AUD` (the other way
 * round, as Xero and MYOB quote rates); the reader takes either.
 */
export const rateColumns = (home: string) =>
  [
    {header: 'Currency', key: 'currency', width: 10},
    {header: 'From', key: 'from', width: 12},
    {header: 'To', key: 'to', width: 12},
    {header: `${home} per unit`, key: 'rate', width: 14},
    {header: 'Records', key: 'records', width: 10},
    {header: 'Note', key: 'note', width: 70},
  ] as const satisfies readonly Column[]

export const CONTACT_NAME_COLUMNS = [
  {header: 'Source id', key: 'sourceId', width: 24},
  {header: 'Source name', key: 'sourceName', width: 32},
  {header: 'Role', key: 'role', width: 10},
  {header: 'QBO DisplayName', key: 'displayName', width: 32},
  {header: 'Decision', key: 'code', width: 28},
  {header: 'Why', key: 'why', width: 90},
] as const satisfies readonly Column[]

/** What the Confirm column takes to keep a choice that does not fit (mapping-fit.ts); blank is no. */
export const CONFIRM_CHOICES = ['yes'] as const

export const TRACKING_CHOICES = ['Class', 'Department', NOT_MIGRATED] as const
export const HEADER_ACCOUNT_CHOICES = ['parent', 'drop'] as const
export const TAX_PRESENTATION_CHOICES = ['source', 'TaxExcluded', 'TaxInclusive'] as const
export const OPEN_DOCUMENT_CHOICES = ['outstanding', 'full'] as const
export const HISTORY_CHOICES = ['opening', 'monthly'] as const
export const DIRECTIONS = ['sales', 'purchase'] as const

/** Where the export puts each column, to point at the right cell when the accountant removed a header. */
export const COLUMNS_OF: Record<string, readonly Column[]> = {
  [SHEETS.accounts]: ACCOUNT_COLUMNS,
  [SHEETS.taxCodes]: TAX_COLUMNS,
  [SHEETS.tracking]: TRACKING_COLUMNS,
  [SHEETS.settings]: SETTINGS_COLUMNS,
  [SHEETS.exchangeRates]: rateColumns('AUD'),
}

/** The header text of a column, as the reader compares it. */
export const headerKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()
