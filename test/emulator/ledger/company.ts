import type {Book} from '../../../src/emulator/qbo/ledger/index.js'

/**
 * A small AU company as the emulator seeds one, in QBO's JSON shapes. Account Ids follow QBO's sample
 * company where it has them (35 Checking, 84 A/R, 33 A/P, 4 Undeposited Funds).
 */
type Json = Record<string, unknown>

const account = (
  Id: string,
  Name: string,
  AccountType: string,
  AccountSubType?: string,
  extra: Json = {},
): Json => ({
  Id,
  Name,
  AccountType,
  ...(AccountSubType ? {AccountSubType} : {}),
  Active: true,
  ...extra,
})

export const ACCOUNTS: Json[] = [
  account('35', 'Checking', 'Bank', 'Checking'),
  account('36', 'Savings', 'Bank', 'Savings'),
  account('84', 'Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'),
  account('4', 'Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'),
  account('81', 'Inventory Asset', 'Other Current Asset', 'Inventory'),
  account('33', 'Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable'),
  account('41', 'Mastercard', 'Credit Card', 'CreditCard'),
  account('90', 'GST Payable', 'Other Current Liability', 'GlobalTaxPayable'),
  account('34', 'Opening Balance Equity', 'Equity', 'OpeningBalanceEquity'),
  account('2', 'Retained Earnings', 'Equity', 'RetainedEarnings'),
  account('79', 'Sales of Product Income', 'Income', 'SalesOfProductIncome'),
  account('1', 'Services', 'Income', 'ServiceFeeIncome'),
  account('43', 'Consulting', 'Income', 'ServiceFeeIncome', {ParentRef: {value: '1'}}),
  account('86', 'Discounts given', 'Income', 'DiscountsRefundsGiven'),
  account('80', 'Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'),
  account('7', 'Advertising', 'Expense', 'AdvertisingPromotional'),
  account('17', 'Rent or Lease', 'Expense', 'RentOrLeaseOfBuildings'),
  account('95', 'Exchange Gain or Loss', 'Other Expense', 'ExchangeGainOrLoss'),
  account('29', 'Interest Earned', 'Other Income', 'InterestEarned'),
]

export const ITEMS: Json[] = [
  {
    Id: '1',
    Name: 'Consulting',
    Type: 'Service',
    IncomeAccountRef: {value: '43'},
    ExpenseAccountRef: {value: '7'},
  },
  {
    Id: '2',
    Name: 'Widget',
    Type: 'Inventory',
    IncomeAccountRef: {value: '79'},
    ExpenseAccountRef: {value: '80'},
    AssetAccountRef: {value: '81'},
    PurchaseCost: 6,
    QtyOnHand: 100,
  },
  {
    Id: '3',
    Name: 'Supplies',
    Type: 'NonInventory',
    IncomeAccountRef: {value: '79'},
    ExpenseAccountRef: {value: '17'},
  },
]

export const TAX_AGENCIES: Json[] = [{Id: '1', DisplayName: 'Australian Taxation Office'}]
export const TAX_RATES: Json[] = [
  {Id: '1', Name: 'GST (sales)', RateValue: 10, AgencyRef: {value: '1'}},
  {Id: '2', Name: 'GST (purchases)', RateValue: 10, AgencyRef: {value: '1'}},
  {Id: '3', Name: 'GST-free', RateValue: 0, AgencyRef: {value: '1'}},
]
const rateList = (id: string) => ({
  TaxRateDetail: [{TaxRateRef: {value: id}, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0}],
})
export const TAX_CODES: Json[] = [
  {Id: '10', Name: 'GST', SalesTaxRateList: rateList('1'), PurchaseTaxRateList: rateList('2')},
  {Id: '11', Name: 'GST-free', SalesTaxRateList: rateList('3'), PurchaseTaxRateList: rateList('3')},
]

export const CUSTOMERS: Json[] = [
  {Id: '58', DisplayName: 'Acme Pty Ltd'},
  {Id: '59', DisplayName: 'Bondi Cafe'},
  {Id: '60', DisplayName: 'Euro GmbH', CurrencyRef: {value: 'EUR'}},
]
export const VENDORS: Json[] = [
  {Id: '56', DisplayName: 'Smith Supplies'},
  {Id: '57', DisplayName: 'Office Rentals'},
]

/** A Book over the seeded company plus the given transactions. */
export function makeBook(transactions: Record<string, Json[]>, overrides: {accounts?: Json[]} = {}): Book {
  const lists: Record<string, Json[]> = {
    Account: overrides.accounts ?? ACCOUNTS,
    Item: ITEMS,
    TaxAgency: TAX_AGENCIES,
    TaxRate: TAX_RATES,
    TaxCode: TAX_CODES,
    Customer: CUSTOMERS,
    Vendor: VENDORS,
    ...transactions,
  }
  return {
    companyInfo: {CompanyName: 'Test Co', Country: 'AU', FiscalYearStartMonth: 'July'},
    preferences: {CurrencyPrefs: {MultiCurrencyEnabled: true, HomeCurrency: {value: 'AUD'}}},
    list: (entity) => lists[entity] ?? [],
  }
}

export const fixedClock = (iso: string) => ({now: () => new Date(iso)})
