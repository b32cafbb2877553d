/**
 * MYOB AccountRight exports as a table (sources.md §4.1–§4.2 and §7.4; docs/sources-files.md lists them):
 * per export type, the columns read with every spelling accepted, the other documented columns (they help
 * recognise the file), and the columns it cannot do without. Field names marked UNCONFIRMED in sources.md
 * (payments, purchases, journals, spend and receive money) accept the variants it names and the obvious
 * spellings: with or without `#` / `No.` / `Number`, any spacing, any case.
 */
import {type Layout, type LayoutColumn, LayoutSet, numbered} from '../files/layouts.js'

export type MyobFileType =
  | 'taxCodes'
  | 'accounts'
  | 'items'
  | 'itemSales'
  | 'serviceSales'
  | 'itemPurchases'
  | 'servicePurchases'
  | 'journals'
  | 'customerPayments'
  | 'supplierPayments'
  | 'spendMoney'
  | 'receiveMoney'
  | 'cards'
  | 'inventoryAdjustments'
  | 'jobs'
  | 'activities'

/** Header lookup: case, asterisks (MYOB Business templates) and all spacing ignored (`ID#` is `ID #`). */
export function myobName(name: string): string {
  return name.trim().replace(/^\*+/, '').replace(/\s+/g, '').toLowerCase()
}

const col = (key: string, ...names: string[]): LayoutColumn => ({key, names: names.length ? names : [key]})
const addr = (n: number, parts: readonly string[]) => parts.map((p) => `Addr ${n} - ${p}`)
const ADDRESS_PARTS = ['Line 1', 'Line 2', 'Line 3', 'Line 4', 'City', 'State', 'Postcode', 'Country']
const CARD_ADDRESS_PARTS = [
  ...ADDRESS_PARTS,
  'Phone # 1',
  'Phone # 2',
  'Phone # 3',
  'Fax #',
  'Email',
  'WWW',
  'Contact Name',
  'Salutation',
]
const TERMS = [
  'Terms - Payment is Due',
  'Terms - Discount Days',
  'Terms - Balance Due Days',
  'Terms - % Discount',
  'Terms - % Monthly Charge',
]

const CARD_NAME = [
  col('co./last name', 'Co./Last Name', 'Co/Last Name', 'Company/Last Name'),
  col('first name', 'First Name'),
]
const CURRENCY = [col('currency code', 'Currency Code', 'Currency'), col('exchange rate', 'Exchange Rate')]
const TRACKING = [col('job', 'Job', ...numbered('Job')), col('category', 'Category')]
const TAX_CODE = col('tax code', 'Tax Code', 'GST Code')
const MEMO = col('memo', 'Memo')

/** Sales and purchases share one skeleton (sources.md §4.2: Item Sales, Service Sales, Purchases). */
const DOCUMENT_COMMON = [
  ...CARD_NAME,
  col('inclusive', 'Inclusive'),
  col('date', 'Date'),
  ...TRACKING,
  col('journal memo', 'Journal Memo', 'Memo'),
  TAX_CODE,
  col('gst amount', 'GST Amount', 'Tax Amount'),
  col('import duty amount', 'Import Duty Amount'),
  col('freight amount', 'Freight Amount', 'Ex-Tax Freight Amount'),
  col('inc-tax freight amount', 'Inc-Tax Freight Amount'),
  col('freight tax code', 'Freight Tax Code'),
  col('freight gst amount', 'Freight GST Amount', 'Freight Tax Amount'),
  col('freight import duty amount', 'Freight Import Duty Amount'),
  ...CURRENCY,
  col('amount paid', 'Amount Paid'),
]
const DOCUMENT_OTHER = [
  ...addr(1, ['Line 1', 'Line 2', 'Line 3', 'Line 4']),
  'Ship Via',
  'Delivery Status',
  'Comment',
  'Shipping Date',
  'Non-GST Amount',
  'LCT Amount',
  'Freight Non-GST Amount',
  'Freight LCT Amount',
  ...TERMS,
  'Payment Method',
  'Payment Notes',
  'Name on Card',
  'Card Number',
  'Expiry Date',
  'Authorisation Code',
  // The payment taken at the time of sale: not the line's account (that is Account #).
  'Account Number',
  'Account Name',
  'Cheque Number',
  'Location ID',
  'Card ID',
  'Record ID',
]
const SALE = [
  col('invoice #', ...numbered('Invoice')),
  col('customer po', 'Customer PO', ...numbered('Customer PO')),
  col('sale status', 'Sale Status', 'Status'),
]
const SALE_OTHER = [
  'Destination Country',
  'Permit #',
  'Salesperson Last Name',
  'Salesperson First Name',
  'Referral Source',
]
const PURCHASE = [
  col('purchase #', ...numbered('Purchase')),
  col('supplier invoice #', ...numbered('Supplier Invoice'), "Vendor's #", 'Supplier Inv #'),
  col('purchase status', 'Purchase Status', 'Status'),
]
const ITEM_LINE = [
  col('item number', ...numbered('Item')),
  col('quantity', 'Quantity'),
  col('received', 'Received'),
  col('billed', 'Billed'),
  col('description', 'Description'),
  col('price', 'Price', 'Ex-Tax Price'),
  col('inc-tax price', 'Inc-Tax Price'),
  col('discount', 'Discount', '% Discount'),
  col('total', 'Total', 'Ex-Tax Total'),
  col('inc-tax total', 'Inc-Tax Total'),
]
const SERVICE_LINE = [
  col('description', 'Description'),
  // Not `Account Number`: in sales and purchases that is the payment's account (sources.md §4.2).
  col('account #', 'Account #', 'Account No.', 'Account No'),
  col('amount', 'Amount', 'Ex-Tax Amount'),
  col('inc-tax amount', 'Inc-Tax Amount'),
]

const BANK_LINE = [
  ...CARD_NAME,
  col('date', 'Date'),
  col('inclusive', 'Inclusive'),
  MEMO,
  col('allocation account #', ...numbered('Allocation Account')),
  col('ex-tax amount', 'Ex-Tax Amount', 'Amount'),
  col('inc-tax amount', 'Inc-Tax Amount'),
  TAX_CODE,
  col('tax amount', 'Tax Amount', 'GST Amount'),
  col('import duty amount', 'Import Duty Amount'),
  ...CURRENCY,
  col('allocation memo', 'Allocation Memo'),
  ...TRACKING,
]
const BANK_OTHER = [
  ...addr(1, ['Line 1', 'Line 2', 'Line 3', 'Line 4']),
  'Non GST/LCT Amount',
  'Non-GST Amount',
  'Printed',
  'Statement Text',
  'Card ID',
  'Record ID',
  'Delivery Status',
  'Payment Method',
]

const CHEQUE_ACCOUNT = col(
  'cheque account',
  'Cheque Account',
  ...numbered('Cheque Account'),
  'Checking Account',
  ...numbered('Checking Account'),
  'Payment Account',
  ...numbered('Payment Account'),
)
const CHEQUE_NUMBER = col('cheque #', ...numbered('Cheque'), ...numbered('Check'))
const DEPOSIT_ACCOUNT = col('deposit account', 'Deposit Account', ...numbered('Deposit Account'))
const RECEIPT_ID = col('id #', ...numbered('ID'), ...numbered('Receipt'))

const PAYMENT_COMMON = [
  ...CARD_NAME,
  col('amount applied', 'Amount Applied'),
  col('payment method', 'Payment Method'),
  MEMO,
  ...CURRENCY,
]

export const MYOB_LAYOUTS: readonly Layout<MyobFileType>[] = [
  {
    type: 'accounts',
    label: 'Accounts List',
    columns: [
      col('account number', 'Account Number', 'Account #', 'Account No.'),
      col('account name', 'Account Name'),
      col('header', 'Header'),
      col('account type', 'Account Type', 'Type'),
      TAX_CODE,
      col('description', 'Description'),
      col('currency code', 'Currency Code'),
      col('inactive account', 'Inactive Account', 'Inactive'),
    ],
    other: [
      'Balance',
      'Opening Balance',
      'Cheque/Checking Privileges',
      'Last Cheque Number',
      'Exchange Account',
      'Classification for Statement of Cash Flow',
      'Bank Code',
    ],
    required: ['account number', 'account name'],
  },
  {
    type: 'cards',
    label: 'Customer or Supplier Cards',
    columns: [
      ...CARD_NAME,
      col('card id', 'Card ID'),
      col('card status', 'Card Status'),
      col('currency code', 'Currency Code'),
      ...[1, 2].flatMap((n) =>
        ADDRESS_PARTS.map((p) => col(`addr ${n} - ${p.toLowerCase()}`, `Addr ${n} - ${p}`)),
      ),
      col('addr 1 - phone # 1', 'Addr 1 - Phone # 1'),
      col('addr 1 - fax #', 'Addr 1 - Fax #'),
      col('addr 1 - email', 'Addr 1 - Email'),
      col('addr 1 - www', 'Addr 1 - WWW'),
      col('notes', 'Notes'),
      col('terms - payment is due', 'Terms - Payment is Due'),
      col('terms - balance due days', 'Terms - Balance Due Days'),
      col('a.b.n.', 'A.B.N.', 'ABN'),
      col('tax id no.', 'Tax ID No.', 'Tax ID No', 'Tax ID #'),
      // Customer-only and supplier-only fields (UNCONFIRMED): a hint to the card's role.
      col('price level', 'Price Level'),
      col('salesperson', 'Salesperson'),
      col('receipt memo', 'Receipt Memo'),
      col('expense account', 'Expense Account'),
      col('payment memo', 'Payment Memo'),
    ],
    other: [
      ...[1, 2, 3, 4, 5].flatMap((n) => addr(n, CARD_ADDRESS_PARTS)),
      'Picture',
      'Identifiers',
      'Custom List 1',
      'Custom List 2',
      'Custom List 3',
      'Custom Field 1',
      'Custom Field 2',
      'Custom Field 3',
      'Billing Rate',
      ...TERMS,
      'Tax Code',
      'Credit Limit',
      'Volume Discount %',
      'Sales/Purchase Layout',
      'Payment Method',
      'Payment Notes',
      'Name on Card',
      'Card Number',
      'Expiry Date',
      // The card's bank details (the payment-details block): not a chart of accounts.
      'BSB',
      'Account Number',
      'Account Name',
      'A.B.N. Branch',
      'Account',
      'Salesperson Card ID',
      'Comment',
      'Shipping Method',
      'Printed Form',
      'Freight Tax Code',
      "Use Customer's Tax Code",
      "Use Supplier's Tax Code",
      'Invoice/Purchase Order Delivery',
      'Record ID',
    ],
    required: ['co./last name'],
  },
  {
    type: 'items',
    label: 'Items List',
    columns: [
      col('item number', ...numbered('Item')),
      col('item name', 'Item Name', 'Name'),
      col('buy', 'Buy', 'I Buy'),
      col('sell', 'Sell', 'I Sell'),
      col('inventory', 'Inventory', 'I Inventory'),
      col('asset acct', 'Asset Acct', 'Asset Account'),
      col('income acct', 'Income Acct', 'Income Account'),
      col('expense/cos acct', 'Expense/COS Acct', 'Expense Acct', 'Cost of Sales Acct', 'Expense Account'),
      col('description', 'Description'),
      col('selling price', 'Selling Price', 'Base Selling Price'),
      col('tax code when sold', 'Tax Code When Sold', 'Sell Tax Code'),
      col('tax code when bought', 'Tax Code When Bought', 'Buy Tax Code'),
      col('standard cost', 'Standard Cost', 'Last Purchase Price'),
      col('quantity on hand', 'Quantity On Hand'),
      col('inactive item', 'Inactive Item'),
    ],
    other: ['Use Desc. On Invoice', 'Custom List 1', 'Custom Field 1', 'Primary Supplier', 'Record ID'],
    required: ['item number'],
  },
  {
    type: 'itemSales',
    label: 'Item Sales',
    columns: [...DOCUMENT_COMMON, ...SALE, ...ITEM_LINE],
    other: [...DOCUMENT_OTHER, ...SALE_OTHER],
    required: ['co./last name', 'invoice #', 'date', 'item number'],
  },
  {
    type: 'serviceSales',
    label: 'Service Sales',
    columns: [...DOCUMENT_COMMON, ...SALE, ...SERVICE_LINE],
    other: [...DOCUMENT_OTHER, ...SALE_OTHER],
    required: ['co./last name', 'invoice #', 'date', 'account #'],
  },
  {
    type: 'itemPurchases',
    label: 'Item Purchases',
    columns: [...DOCUMENT_COMMON, ...PURCHASE, ...ITEM_LINE],
    other: [...DOCUMENT_OTHER, 'Order'],
    required: ['co./last name', 'purchase #', 'date', 'item number'],
  },
  {
    type: 'servicePurchases',
    label: 'Service Purchases',
    columns: [...DOCUMENT_COMMON, ...PURCHASE, ...SERVICE_LINE],
    other: DOCUMENT_OTHER,
    required: ['co./last name', 'purchase #', 'date', 'account #'],
  },
  {
    type: 'journals',
    label: 'General Journal Entries',
    columns: [
      col('journal number', 'Journal Number', ...numbered('Journal'), ...numbered('GJ')),
      col('date', 'Date'),
      MEMO,
      col('inclusive', 'Inclusive'),
      col('account number', 'Account Number', 'Account #', 'Account No.'),
      col('debit amount', 'Debit Amount', 'Debit', 'Debit Ex-Tax Amount'),
      col('credit amount', 'Credit Amount', 'Credit', 'Credit Ex-Tax Amount'),
      ...TRACKING,
      TAX_CODE,
      col('gst amount', 'GST Amount', 'Tax Amount'),
      col('import duty amount', 'Import Duty Amount'),
      ...CURRENCY,
      col('allocation memo', 'Allocation Memo'),
    ],
    other: ['Non-GST Amount', 'Record ID'],
    required: ['date', 'account number', 'debit amount', 'credit amount'],
  },
  {
    type: 'spendMoney',
    label: 'Spend Money',
    columns: [CHEQUE_ACCOUNT, CHEQUE_NUMBER, ...BANK_LINE],
    other: BANK_OTHER,
    required: ['cheque account', 'date', 'allocation account #', ['ex-tax amount', 'inc-tax amount']],
  },
  {
    type: 'receiveMoney',
    label: 'Receive Money',
    columns: [DEPOSIT_ACCOUNT, RECEIPT_ID, ...BANK_LINE],
    other: BANK_OTHER,
    required: ['deposit account', 'date', 'allocation account #', ['ex-tax amount', 'inc-tax amount']],
  },
  {
    type: 'customerPayments',
    label: 'Customer Payments (receipts)',
    columns: [
      DEPOSIT_ACCOUNT,
      RECEIPT_ID,
      col('date', 'Date', 'Receipt Date'),
      col('invoice #', ...numbered('Invoice')),
      ...PAYMENT_COMMON,
    ],
    other: [
      ...numbered('Customer PO'),
      'Customer PO',
      'Invoice Date',
      'Payment Notes',
      'Name on Card',
      'Card Number',
      'Expiry Date',
      'Authorisation Code',
      'Cheque Number',
      'Discount',
      'Finance Charge',
      'Card ID',
      'Record ID',
    ],
    required: ['deposit account', 'date', 'co./last name', 'invoice #', 'amount applied'],
  },
  {
    type: 'supplierPayments',
    label: 'Supplier Payments',
    columns: [
      CHEQUE_ACCOUNT,
      CHEQUE_NUMBER,
      col('date', 'Date', 'Payment Date'),
      col('purchase #', ...numbered('Purchase')),
      ...PAYMENT_COMMON,
    ],
    other: [
      'Payee - Line 1',
      'Payee - Line 2',
      'Payee - Line 3',
      'Payee - Line 4',
      'Statement Text',
      ...numbered('Supplier Invoice'),
      "Vendor's #",
      'Bill Date',
      'Discount',
      'Card ID',
      'Record ID',
    ],
    required: ['cheque account', 'date', 'co./last name', 'purchase #', 'amount applied'],
  },
  {
    type: 'taxCodes',
    label: 'Tax Codes',
    columns: [
      col('tax code', 'Tax Code', 'Code'),
      col('description', 'Description'),
      col('rate', 'Rate', 'Tax Rate', 'Percentage', 'Rate %'),
    ],
    other: ['Tax Type', 'Linked Account for Tax Collected', 'Linked Account for Tax Paid'],
    required: ['tax code', 'rate'],
  },
  ...notMigrated(
    'inventoryAdjustments',
    'Inventory Adjustments',
    'a MYOB Inventory Adjustments export: stock adjustments are not migrated',
    [col('inventory journal #', ...numbered('Inventory Journal'))],
    ['Date', 'Memo', 'Item Number', 'Quantity', 'Unit Cost', 'Amount', 'Job', 'Account #', 'Allocation Memo'],
  ),
  ...notMigrated(
    'jobs',
    'Jobs',
    'a MYOB Jobs list: jobs are not migrated as a list (the Job on each line becomes tracking)',
    [col('job number', 'Job Number', 'Job #'), col('job name', 'Job Name')],
    ['Header', 'Description', 'Contact', 'Percent Complete', 'Start Date', 'Finish Date', 'Manager'],
  ),
  ...notMigrated(
    'activities',
    'Activities',
    'a MYOB Activities or Timesheets export: activities are not migrated',
    [col('activity id', 'Activity ID')],
    ['Activity Name', 'Description', 'Use Description on Sales', 'Units of Measure', 'Status'],
  ),
]

function notMigrated(
  type: MyobFileType,
  label: string,
  what: string,
  columns: LayoutColumn[],
  other: string[],
): Layout<MyobFileType>[] {
  return [
    {
      type,
      label,
      columns,
      other,
      required: columns.map((c) => c.key),
      notMigrated: {
        what,
        next: 'Remove it from the folder, and enter what it holds in QBO after the migration if you need it.',
      },
    },
  ]
}

export const MYOB = new LayoutSet(MYOB_LAYOUTS, myobName)

/** Files are read in this order: what documents refer to (tax codes, accounts, items) first, cards last. */
export const MYOB_TYPE_ORDER: readonly MyobFileType[] = [
  'taxCodes',
  'accounts',
  'items',
  'itemSales',
  'serviceSales',
  'itemPurchases',
  'servicePurchases',
  'customerPayments',
  'supplierPayments',
  'spendMoney',
  'receiveMoney',
  'journals',
  'cards',
]
