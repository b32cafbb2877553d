/**
 * What QBO allows per entity (qbo-api.md §3 filterable fields, §4 capability table). The router and the
 * query engine read this table; the rules themselves live in the family files (names, lists, txns).
 */
export type Family =
  'name' | 'list' | 'tax' | 'sales' | 'purchase' | 'payment' | 'banking' | 'journal' | 'singleton'

export interface EntityDef {
  name: string
  family: Family
  /** TaxCode/TaxRate: query and read only through their own endpoints. */
  readOnly?: boolean
  /** Transactions can be deleted; list entities only made inactive. */
  deletable?: boolean
  voidable?: boolean
  /** DocNumber must be unique within the type unless include=allowduplicatedocnum. */
  uniqueDocNumber?: boolean
  /** Properties a WHERE/ORDERBY may use (besides MetaData.CreateTime / MetaData.LastUpdatedTime). */
  filterable: string[]
}

const NAME_FIELDS = ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'CompanyName', 'Active']

const defs: EntityDef[] = [
  {
    name: 'Customer',
    family: 'name',
    filterable: [
      ...NAME_FIELDS,
      'PrimaryEmailAddr',
      'PrintOnCheckName',
      'FullyQualifiedName',
      'Balance',
      'Job',
      'ParentRef',
    ],
  },
  {name: 'Vendor', family: 'name', filterable: [...NAME_FIELDS, 'Suffix', 'Balance', 'PrintOnCheckName']},
  {name: 'Employee', family: 'name', filterable: [...NAME_FIELDS, 'PrintOnCheckName', 'EmployeeNumber']},
  {
    name: 'Account',
    family: 'list',
    filterable: [
      'Id',
      'Name',
      'AccountType',
      'AccountSubType',
      'Classification',
      'SubAccount',
      'FullyQualifiedName',
      'CurrentBalance',
      'CurrentBalanceWithSubAccounts',
      'Active',
      'AcctNum',
      'CurrencyRef',
    ],
  },
  {
    name: 'Item',
    family: 'list',
    filterable: ['Id', 'Name', 'Type', 'Active', 'SubItem', 'Taxable', 'FullyQualifiedName', 'Sku'],
  },
  {name: 'Class', family: 'list', filterable: ['Id', 'Name', 'Active', 'FullyQualifiedName', 'SubClass']},
  {
    name: 'Department',
    family: 'list',
    filterable: ['Id', 'Name', 'Active', 'FullyQualifiedName', 'SubDepartment'],
  },
  {name: 'Term', family: 'list', filterable: ['Id', 'Name', 'Active']},
  {name: 'PaymentMethod', family: 'list', filterable: ['Id', 'Name', 'Active', 'Type']},
  {name: 'TaxCode', family: 'tax', readOnly: true, filterable: ['Id', 'Name', 'Description', 'Active']},
  {
    name: 'TaxRate',
    family: 'tax',
    readOnly: true,
    filterable: ['Id', 'Name', 'Description', 'AgencyRef', 'TaxReturnLineRef', 'Active'],
  },
  {
    name: 'Invoice',
    family: 'sales',
    deletable: true,
    voidable: true,
    uniqueDocNumber: true,
    filterable: [
      'Id',
      'DocNumber',
      'TxnDate',
      'DueDate',
      'CustomerRef',
      'SalesTermRef',
      'Balance',
      'TotalAmt',
      'ProjectRef',
    ],
  },
  {
    name: 'CreditMemo',
    family: 'sales',
    deletable: true,
    uniqueDocNumber: true,
    filterable: [
      'Id',
      'DocNumber',
      'TxnDate',
      'CustomerRef',
      'SalesTermRef',
      'Balance',
      'TotalAmt',
      'ProjectRef',
    ],
  },
  {
    name: 'SalesReceipt',
    family: 'sales',
    deletable: true,
    voidable: true,
    uniqueDocNumber: true,
    filterable: ['Id', 'DocNumber', 'TxnDate', 'CustomerRef', 'Balance', 'TotalAmt', 'ProjectRef'],
  },
  {
    // Money paid back to a customer (integrations.md §5.8): a sales receipt in reverse; DepositToAccountRef required.
    name: 'RefundReceipt',
    family: 'sales',
    deletable: true,
    voidable: true,
    uniqueDocNumber: true,
    filterable: ['Id', 'DocNumber', 'TxnDate', 'CustomerRef', 'TotalAmt', 'DepositToAccountRef'],
  },
  {
    name: 'Payment',
    family: 'payment',
    deletable: true,
    voidable: true,
    filterable: ['Id', 'TxnDate', 'CustomerRef', 'PaymentMethodRef', 'PaymentRefNum', 'TotalAmt'],
  },
  {
    name: 'Bill',
    family: 'purchase',
    deletable: true,
    uniqueDocNumber: true,
    filterable: [
      'Id',
      'DocNumber',
      'TxnDate',
      'DueDate',
      'VendorRef',
      'APAccountRef',
      'SalesTermRef',
      'Balance',
      'TotalAmt',
    ],
  },
  {
    name: 'VendorCredit',
    family: 'purchase',
    deletable: true,
    uniqueDocNumber: true,
    filterable: ['Id', 'DocNumber', 'TxnDate', 'VendorRef', 'APAccountRef', 'TotalAmt'],
  },
  {
    name: 'Purchase',
    family: 'purchase',
    deletable: true,
    filterable: ['Id', 'DocNumber', 'TxnDate', 'PaymentType', 'TotalAmt', 'EntityRef'],
  },
  {
    name: 'PurchaseOrder',
    family: 'purchase',
    deletable: true,
    uniqueDocNumber: true,
    filterable: ['Id', 'DocNumber', 'TxnDate', 'VendorRef', 'TotalAmt', 'POStatus'],
  },
  {
    name: 'BillPayment',
    family: 'payment',
    deletable: true,
    voidable: true,
    filterable: ['Id', 'DocNumber', 'TxnDate', 'VendorRef', 'APAccountRef', 'TotalAmt', 'PayType'],
  },
  {name: 'Deposit', family: 'banking', deletable: true, filterable: ['Id', 'TxnDate', 'TotalAmt']},
  {name: 'Transfer', family: 'banking', deletable: true, filterable: ['Id', 'TxnDate', 'Amount']},
  {name: 'JournalEntry', family: 'journal', deletable: true, filterable: ['Id', 'DocNumber', 'TxnDate']},
  {name: 'CompanyInfo', family: 'singleton', filterable: ['Id', 'CompanyName']},
  {name: 'Preferences', family: 'singleton', filterable: ['Id']},
]

const byLower = new Map(defs.map((d) => [d.name.toLowerCase(), d]))

/** Entity names are case-insensitive in paths and queries (node-quickbooks sends lower case). */
export function entityDef(name: string): EntityDef | undefined {
  return byLower.get(name.toLowerCase())
}

export const ENTITY_NAMES = defs.map((d) => d.name)

export function isTransaction(def: EntityDef): boolean {
  return !['name', 'list', 'tax', 'singleton'].includes(def.family)
}
