/**
 * Xero CSV exports and import templates as a table (sources.md §1; docs/sources-files.md lists them): per
 * export type, the columns read with the spellings accepted, the other documented columns (they help
 * recognise the file), and the columns it cannot do without. Names are compared without a leading `*`,
 * spaces, underscores or case (sources.md §1.0).
 */
import {type Layout, type LayoutColumn, LayoutSet} from '../files/layouts.js'

export type XeroFileType =
  | 'exchangeRates'
  | 'taxRates'
  | 'accounts'
  | 'items'
  | 'documents'
  | 'journals'
  | 'contacts'
  | 'bankStatement'

/** Xero header names: a leading `*` (mandatory in templates) stripped, spaces ignored, case-insensitive. */
export function xeroName(name: string): string {
  return name
    .trim()
    .replace(/^\*+/, '')
    .replace(/[\s_]+/g, '')
    .toLowerCase()
}

const col = (key: string, ...names: string[]): LayoutColumn => ({key, names})
const address = (prefix: 'PO' | 'SA'): LayoutColumn[] => {
  const p = prefix.toLowerCase()
  return [
    col(`${p}attentionto`, `${prefix}AttentionTo`),
    ...[1, 2, 3, 4].map((n) => col(`${p}addressline${n}`, `${prefix}AddressLine${n}`)),
    col(`${p}city`, `${prefix}City`),
    col(`${p}region`, `${prefix}Region`),
    // POZipCode in some regions (sources.md §1.1).
    col(`${p}postalcode`, `${prefix}PostalCode`, `${prefix}ZipCode`),
    col(`${p}country`, `${prefix}Country`),
  ]
}
const TRACKING = [1, 2].flatMap((n) => [
  col(`trackingname${n}`, `TrackingName${n}`),
  col(`trackingoption${n}`, `TrackingOption${n}`),
])
const PERSONS = [1, 2, 3, 4, 5].flatMap((n) =>
  ['FirstName', 'LastName', 'Email', 'IncludeInEmail'].map((f) => `Person${n}${f}`),
)

/**
 * The rate of a rates file, in either direction, named in its header: `AUD per unit` (home units for one
 * foreign unit, QBO's ExchangeRate) or `Units per AUD` (foreign units for one home unit, Xero's and MYOB's).
 */
const HOME_PER_UNIT = /^(rate\(?)?([a-z]{3}|home)per1?(unit|foreign|foreignunit)\)?$/
const UNITS_PER_HOME = /^(rate\(?)?(units?|foreign|foreignunits?)per1?([a-z]{3}|home)\)?$/

export const XERO_LAYOUTS: readonly Layout<XeroFileType>[] = [
  {
    type: 'documents',
    label: 'Sales invoices or bills (export or import template)',
    columns: [
      col('contactname', 'ContactName'),
      col('emailaddress', 'EmailAddress'),
      col('invoicenumber', 'InvoiceNumber'),
      col('reference', 'Reference'),
      col('invoicedate', 'InvoiceDate'),
      col('duedate', 'DueDate'),
      col('planneddate', 'PlannedDate'),
      col('total', 'Total'),
      col('taxtotal', 'TaxTotal'),
      col('invoiceamountpaid', 'InvoiceAmountPaid'),
      col('invoiceamountdue', 'InvoiceAmountDue'),
      col('inventoryitemcode', 'InventoryItemCode'),
      col('description', 'Description'),
      col('quantity', 'Quantity'),
      col('unitamount', 'UnitAmount'),
      col('discount', 'Discount'),
      col('lineamount', 'LineAmount'),
      col('accountcode', 'AccountCode'),
      col('taxtype', 'TaxType', 'TaxRate'),
      col('taxamount', 'TaxAmount'),
      ...TRACKING,
      col('currency', 'Currency', 'CurrencyCode'),
      col('type', 'Type'),
      col('status', 'Status'),
    ],
    other: [
      ...address('PO').flatMap((c) => c.names),
      ...address('SA').flatMap((c) => c.names),
      'Sent',
      'BrandingTheme',
    ],
    required: ['contactname', 'invoicenumber', 'invoicedate', ['unitamount', 'lineamount']],
  },
  {
    type: 'contacts',
    label: 'Contacts',
    columns: [
      col('contactname', 'ContactName'),
      col('accountnumber', 'AccountNumber'),
      col('emailaddress', 'EmailAddress'),
      col('firstname', 'FirstName'),
      col('lastname', 'LastName'),
      ...address('PO'),
      ...address('SA'),
      col('phonenumber', 'PhoneNumber'),
      col('faxnumber', 'FaxNumber'),
      col('mobilenumber', 'MobileNumber'),
      col('taxnumber', 'TaxNumber'),
      col('website', 'Website'),
      col('legalname', 'LegalName'),
      col('duedatebillday', 'DueDateBillDay'),
      col('duedatebillterm', 'DueDateBillTerm'),
      col('duedatesalesday', 'DueDateSalesDay'),
      col('duedatesalesterm', 'DueDateSalesTerm'),
    ],
    other: [
      'DDINumber',
      'SkypeName',
      'BankAccountName',
      'BankAccountNumber',
      'BankAccountParticulars',
      'BankAccountCode',
      'BankAccountReference',
      'TaxNumberType',
      'TaxNumberName',
      'AccountsReceivableTaxCodeName',
      'AccountsPayableTaxCodeName',
      'Discount',
      'CompanyNumber',
      'SalesAccount',
      'PurchasesAccount',
      'TrackingName1',
      'SalesTrackingOption1',
      'PurchasesTrackingOption1',
      'TrackingName2',
      'SalesTrackingOption2',
      'PurchasesTrackingOption2',
      'BrandingTheme',
      'DefaultTaxBills',
      'DefaultTaxSales',
      'DefaultTaxBillsName',
      'DefaultTaxSalesName',
      ...PERSONS,
    ],
    required: ['contactname'],
  },
  {
    type: 'accounts',
    label: 'Chart of accounts',
    columns: [
      col('code', 'Code'),
      col('name', 'Name'),
      col('type', 'Type'),
      col('taxcode', 'Tax Code'),
      col('description', 'Description'),
    ],
    other: ['Dashboard', 'Expense Claims', 'Enable Payments', 'Balance', 'Reporting Code', 'Reporting Name'],
    required: ['code', 'name', 'type'],
  },
  {
    type: 'items',
    label: 'Products and services (items)',
    columns: [
      col('itemcode', 'ItemCode'),
      col('itemname', 'ItemName'),
      col('quantity', 'Quantity'),
      col('purchasesdescription', 'PurchasesDescription'),
      col('purchasesunitprice', 'PurchasesUnitPrice'),
      col('purchasesaccount', 'PurchasesAccount'),
      col('purchasestaxrate', 'PurchasesTaxRate'),
      col('salesdescription', 'SalesDescription'),
      col('salesunitprice', 'SalesUnitPrice'),
      col('salesaccount', 'SalesAccount'),
      col('salestaxrate', 'SalesTaxRate'),
      col('inventoryassetaccount', 'InventoryAssetAccount'),
      col('costofgoodssoldaccount', 'CostOfGoodsSoldAccount'),
    ],
    required: ['itemcode'],
  },
  {
    type: 'journals',
    label: 'Manual journals',
    columns: [
      col('narration', 'Narration'),
      col('date', 'Date'),
      col('description', 'Description'),
      col('accountcode', 'AccountCode'),
      col('taxrate', 'TaxRate', 'TaxType'),
      col('amount', 'Amount'),
      ...TRACKING,
    ],
    required: ['narration', 'date', 'accountcode', 'amount'],
  },
  {
    type: 'taxRates',
    label: 'Tax rates (an export of them, or your own mapping file)',
    columns: [
      col('taxratename', 'Tax Rate Name', 'Name', 'Display Name'),
      col('taxtype', 'TaxType'),
      col('rate', 'Rate', 'Effective Rate', 'Display Tax Rate', 'Tax Rate'),
      col('reporttaxtype', 'ReportTaxType'),
      col('status', 'Status'),
    ],
    required: ['taxtype', 'taxratename'],
  },
  {
    type: 'exchangeRates',
    label: 'Exchange rates (your own file)',
    columns: [
      col('currency', 'Currency', 'Currency Code'),
      col('date', 'Date', 'Rate Date'),
      col('from', 'From', 'Date From', 'From Date', 'Start Date'),
      col('to', 'To', 'Date To', 'To Date', 'End Date'),
      {
        key: 'home per unit',
        names: ['Home per unit', 'Home per foreign unit', 'AUD per unit'],
        matches: (n) => HOME_PER_UNIT.test(n),
      },
      {
        key: 'units per home',
        names: ['Units per home', 'Foreign units per home', 'Units per AUD'],
        matches: (n) => UNITS_PER_HOME.test(n),
      },
    ],
    required: ['currency', ['date', 'from'], ['home per unit', 'units per home']],
  },
  {
    type: 'bankStatement',
    label: 'Bank statement',
    columns: [
      col('date', 'Date'),
      col('amount', 'Amount'),
      col('payee', 'Payee'),
      col('chequenumber', 'Cheque Number', 'Check Number'),
      col('analysiscode', 'Analysis Code'),
      col('transactiontype', 'Transaction Type'),
    ],
    other: ['Description', 'Reference'],
    required: ['date', 'amount', ['payee', 'chequenumber', 'analysiscode', 'transactiontype']],
    notMigrated: {
      what: 'a bank statement CSV: statement lines are not ledger transactions, and staging them would duplicate the invoices, bills and payments they settle',
      next: 'Remove it from the folder. Spend and receive money come with `--from xero-api` (docs/sources-files.md).',
    },
  },
]

export const XERO = new LayoutSet(XERO_LAYOUTS, xeroName)

/** Processing order: rates, tax names and accounts first (documents refer to them), contacts after documents. */
export const XERO_TYPE_ORDER: readonly XeroFileType[] = [
  'exchangeRates',
  'taxRates',
  'accounts',
  'items',
  'documents',
  'journals',
  'contacts',
]
