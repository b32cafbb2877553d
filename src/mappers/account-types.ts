import type {Account} from '../domain/canonical.js'

export interface QboAccountKind {
  AccountType: string
  AccountSubType: string
  Classification: 'Asset' | 'Liability' | 'Equity' | 'Revenue' | 'Expense'
}

type CanonicalType = Account['type']

/**
 * Canonical account type -> QBO AccountType and default AccountSubType (qbo-api.md §11 table). Sources
 * already normalised Xero codes (CURRENT, TERMLIAB …) and MYOB types (Income, Cost of Sales …) into the
 * canonical types, so one table serves both.
 */
const BY_TYPE: Record<CanonicalType, QboAccountKind> = {
  bank: {AccountType: 'Bank', AccountSubType: 'Checking', Classification: 'Asset'},
  creditCard: {AccountType: 'Credit Card', AccountSubType: 'CreditCard', Classification: 'Liability'},
  accountsReceivable: {
    AccountType: 'Accounts Receivable',
    AccountSubType: 'AccountsReceivable',
    Classification: 'Asset',
  },
  currentAsset: {
    AccountType: 'Other Current Asset',
    AccountSubType: 'OtherCurrentAssets',
    Classification: 'Asset',
  },
  fixedAsset: {AccountType: 'Fixed Asset', AccountSubType: 'OtherFixedAssets', Classification: 'Asset'},
  nonCurrentAsset: {
    AccountType: 'Other Asset',
    AccountSubType: 'OtherLongTermAssets',
    Classification: 'Asset',
  },
  inventory: {AccountType: 'Other Current Asset', AccountSubType: 'Inventory', Classification: 'Asset'},
  prepayment: {
    AccountType: 'Other Current Asset',
    AccountSubType: 'PrepaidExpenses',
    Classification: 'Asset',
  },
  accountsPayable: {
    AccountType: 'Accounts Payable',
    AccountSubType: 'AccountsPayable',
    Classification: 'Liability',
  },
  currentLiability: {
    AccountType: 'Other Current Liability',
    AccountSubType: 'OtherCurrentLiabilities',
    Classification: 'Liability',
  },
  nonCurrentLiability: {
    AccountType: 'Long Term Liability',
    AccountSubType: 'OtherLongTermLiabilities',
    Classification: 'Liability',
  },
  // Xero's generic LIABILITY type: treated as current, the more conservative reading.
  liability: {
    AccountType: 'Other Current Liability',
    AccountSubType: 'OtherCurrentLiabilities',
    Classification: 'Liability',
  },
  equity: {AccountType: 'Equity', AccountSubType: 'OwnersEquity', Classification: 'Equity'},
  revenue: {AccountType: 'Income', AccountSubType: 'OtherPrimaryIncome', Classification: 'Revenue'},
  sales: {AccountType: 'Income', AccountSubType: 'SalesOfProductIncome', Classification: 'Revenue'},
  otherIncome: {
    AccountType: 'Other Income',
    AccountSubType: 'OtherMiscellaneousIncome',
    Classification: 'Revenue',
  },
  directCosts: {
    AccountType: 'Cost of Goods Sold',
    AccountSubType: 'SuppliesMaterialsCogs',
    Classification: 'Expense',
  },
  expense: {
    AccountType: 'Expense',
    AccountSubType: 'OtherMiscellaneousServiceCost',
    Classification: 'Expense',
  },
  overheads: {
    AccountType: 'Expense',
    AccountSubType: 'OfficeGeneralAdministrativeExpenses',
    Classification: 'Expense',
  },
  depreciation: {AccountType: 'Other Expense', AccountSubType: 'Depreciation', Classification: 'Expense'},
  otherExpense: {
    AccountType: 'Other Expense',
    AccountSubType: 'OtherMiscellaneousExpense',
    Classification: 'Expense',
  },
}

/** Name hints that pick a more precise subtype of the same AccountType; the first match wins. */
const NAME_HINTS: {types: CanonicalType[]; pattern: RegExp; subType: string}[] = [
  {types: ['bank'], pattern: /savings?/i, subType: 'Savings'},
  {types: ['bank'], pattern: /petty cash|cash on hand|cash in hand/i, subType: 'CashOnHand'},
  {
    types: ['fixedAsset'],
    pattern: /accum\w*\.? (depreciation|amorti[sz]ation)/i,
    subType: 'AccumulatedDepreciation',
  },
  {types: ['fixedAsset'], pattern: /vehicle|motor/i, subType: 'Vehicles'},
  {types: ['fixedAsset'], pattern: /building/i, subType: 'Buildings'},
  {types: ['fixedAsset'], pattern: /furniture|fixtures|fittings/i, subType: 'FurnitureAndFixtures'},
  {types: ['fixedAsset'], pattern: /equipment|machinery|plant|computer/i, subType: 'MachineryAndEquipment'},
  {types: ['revenue', 'sales'], pattern: /service|consult|fees/i, subType: 'ServiceFeeIncome'},
  {types: ['otherIncome'], pattern: /interest/i, subType: 'InterestEarned'},
  {types: ['expense', 'overheads'], pattern: /bank (fees|charges)/i, subType: 'BankCharges'},
  {types: ['expense', 'overheads'], pattern: /advertising|marketing/i, subType: 'AdvertisingPromotional'},
  {types: ['expense', 'overheads'], pattern: /insurance/i, subType: 'Insurance'},
  {types: ['expense', 'overheads'], pattern: /rent/i, subType: 'RentOrLeaseOfBuildings'},
  {types: ['expense', 'overheads'], pattern: /travel/i, subType: 'Travel'},
  {types: ['expense', 'overheads'], pattern: /electricity|utilities|water|gas\b/i, subType: 'Utilities'},
  {
    types: ['expense', 'overheads'],
    pattern: /legal|accounting|professional/i,
    subType: 'LegalProfessionalFees',
  },
  {types: ['expense', 'overheads'], pattern: /interest/i, subType: 'InterestPaid'},
]

export function qboKindOf(account: Pick<Account, 'type' | 'name'>): QboAccountKind {
  const base = BY_TYPE[account.type]
  const hint = NAME_HINTS.find((h) => h.types.includes(account.type) && h.pattern.test(account.name))
  return hint ? {...base, AccountSubType: hint.subType} : base
}

/** QBO subtypes that can neither be sub-accounts nor have any (qbo-api.md §11). */
export const NO_HIERARCHY_SUBTYPES = new Set([
  'OpeningBalanceEquity',
  'UndepositedFunds',
  'RetainedEarnings',
  'CashReceiptIncome',
  'CashExpenditureExpense',
  'ExchangeGainOrLoss',
])
