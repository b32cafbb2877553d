import type {Json, Store} from './store.js'
import {qboMetaTime} from './time.js'

/**
 * What a new QBO Australia company holds before anyone writes to it: the system accounts QBO creates
 * (A/R, A/P, GST, Undeposited Funds, equity), a bank, income and expense accounts, the AU GST codes of
 * qbo-api.md §9 with their rates, common terms and payment methods, CompanyInfo and Preferences.
 */
export const AU_ACCOUNTS: [name: string, type: string, subType: string, classification: string][] = [
  ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset'],
  ['Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable', 'Liability'],
  ['GST Payable', 'Other Current Liability', 'GlobalTaxPayable', 'Liability'],
  ['GST Suspense', 'Other Current Liability', 'GlobalTaxSuspense', 'Liability'],
  ['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', 'Asset'],
  ['Inventory Asset', 'Other Current Asset', 'Inventory', 'Asset'],
  ['Retained Earnings', 'Equity', 'RetainedEarnings', 'Equity'],
  ['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity', 'Equity'],
  ['Business Cheque Account', 'Bank', 'Checking', 'Asset'],
  ['Sales', 'Income', 'SalesOfProductIncome', 'Revenue'],
  ['Services', 'Income', 'ServiceFeeIncome', 'Revenue'],
  ['Discounts given', 'Income', 'DiscountsRefundsGiven', 'Revenue'],
  ['Cost of sales', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense'],
  ['Office expenses', 'Expense', 'OfficeGeneralAdministrativeExpenses', 'Expense'],
  ['Exchange Gain or Loss', 'Other Expense', 'ExchangeGainOrLoss', 'Expense'],
]

// [rate name, percent]
const AU_RATES: [string, number][] = [
  ['GST (sales)', 10],
  ['GST (purchases)', 10],
  ['GST-free (sales)', 0],
  ['GST-free (purchases)', 0],
  ['Input taxed (sales)', 0],
  ['Input taxed (purchases)', 0],
  ['Out of scope', 0],
]

// [code name, description, sales rate, purchase rate]
const AU_CODES: [string, string, string | null, string | null][] = [
  ['GST', 'GST 10% on sales (G1)', 'GST (sales)', null],
  ['GST-free exports', 'GST-free exports (G2)', 'GST-free (sales)', null],
  ['GST-free', 'GST-free sales (G3)', 'GST-free (sales)', null],
  ['GST on capital', 'GST 10% on capital purchases (G10)', null, 'GST (purchases)'],
  ['GST-free capital', 'GST-free capital purchases (G10)', null, 'GST-free (purchases)'],
  ['GST on non-capital', 'GST 10% on non-capital purchases (G11)', null, 'GST (purchases)'],
  ['GST-free non-capital', 'GST-free non-capital purchases (G11)', null, 'GST-free (purchases)'],
  ['Input taxed', 'Input taxed sales and purchases', 'Input taxed (sales)', 'Input taxed (purchases)'],
  ['Input taxed - Net', 'Input taxed (G13)', 'Input taxed (sales)', 'Input taxed (purchases)'],
  ['0% Out of Scope', 'Out of scope, not reported on the BAS', 'Out of scope', 'Out of scope'],
]

export function stamp(obj: Json, id: string, nowMs: number): Json {
  const t = qboMetaTime(nowMs)
  return {
    ...obj,
    domain: 'QBO',
    sparse: false,
    Id: id,
    SyncToken: '0',
    MetaData: {CreateTime: t, LastUpdatedTime: t},
  }
}

export function seedCompany(store: Store, realmId: string, nowMs: number): void {
  const put = (entity: string, obj: Json, id = store.newId()): Json => {
    const row = stamp(obj, id, nowMs)
    store.put(entity, row)
    return row
  }
  for (const [Name, AccountType, AccountSubType, Classification] of AU_ACCOUNTS) {
    put('Account', {
      Name,
      SubAccount: false,
      FullyQualifiedName: Name,
      Active: true,
      Classification,
      AccountType,
      AccountSubType,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
      CurrencyRef: {value: 'AUD', name: 'Australian Dollar'},
    })
  }
  const services = store.list('Account').find((a) => a.Name === 'Services')
  // QBO puts an item on a sales line that names none; the seeded "Services" item plays that part.
  put('Item', {
    Name: 'Services',
    FullyQualifiedName: 'Services',
    Type: 'Service',
    Active: true,
    SubItem: false,
    Taxable: true,
    IncomeAccountRef: {value: services?.Id, name: 'Services'},
  })
  const rateIds = new Map<string, string>()
  for (const [Name, RateValue] of AU_RATES) {
    const row = put('TaxRate', {
      Name,
      Description: Name,
      Active: true,
      RateValue,
      AgencyRef: {value: '1'},
      SpecialTaxType: 'NONE',
      DisplayType: 'ReadOnly',
      EffectiveTaxRate: [{RateValue, EffectiveDate: '2000-07-01T00:00:00-07:00'}],
    })
    rateIds.set(Name, String(row.Id))
  }
  const rateList = (rate: string | null) => ({
    TaxRateDetail: rate
      ? [{TaxRateRef: {value: rateIds.get(rate), name: rate}, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0}]
      : [],
  })
  for (const [Name, Description, sales, purchase] of AU_CODES) {
    put('TaxCode', {
      Name,
      Description,
      Active: true,
      Hidden: false,
      Taxable: true,
      TaxGroup: false,
      SalesTaxRateList: rateList(sales),
      PurchaseTaxRateList: rateList(purchase),
    })
  }
  for (const [Name, DueDays] of [
    ['Due on receipt', 0],
    ['Net 15', 15],
    ['Net 30', 30],
    ['Net 60', 60],
  ] as const)
    put('Term', {Name, Active: true, Type: 'STANDARD', DueDays, DiscountDays: 0, DiscountPercent: 0})
  for (const [Name, Type] of [
    ['Cash', 'NON_CREDIT_CARD'],
    ['Cheque', 'NON_CREDIT_CARD'],
    ['Credit Card', 'CREDIT_CARD'],
    ['Direct Debit', 'NON_CREDIT_CARD'],
  ])
    put('PaymentMethod', {Name, Active: true, Type})
  put(
    'CompanyInfo',
    {
      CompanyName: 'Emulated Company Pty Ltd',
      LegalName: 'Emulated Company Pty Ltd',
      Country: 'AU',
      CompanyAddr: {
        Line1: '1 George St',
        City: 'Sydney',
        CountrySubDivisionCode: 'NSW',
        PostalCode: '2000',
        Country: 'AUS',
      },
      Email: {Address: 'owner@example.com.au'},
      FiscalYearStartMonth: 'July',
      SupportedLanguages: 'en',
      DefaultTimeZone: 'Australia/Sydney',
      CompanyStartDate: '2020-07-01',
      NameValue: [
        {Name: 'NeoEnabled', Value: 'true'},
        {Name: 'IndustryType', Value: 'Professional services'},
      ],
    },
    realmId,
  )
  put(
    'Preferences',
    {
      AccountingInfoPrefs: {
        TrackDepartments: true,
        DepartmentTerminology: 'Location',
        ClassTrackingPerTxn: true,
        CustomerTerminology: 'Customers',
        UseAccountNumbers: true,
        FirstMonthOfFiscalYear: 'July',
        TaxYearMonth: 'July',
      },
      SalesFormsPrefs: {
        CustomTxnNumbers: true,
        AllowDiscount: true,
        AllowDeposit: true,
        AllowShipping: false,
        ETransactionEnabledStatus: 'NotApplicable',
      },
      VendorAndPurchasesPrefs: {TrackingByCustomer: true, BillableExpenseTracking: true},
      TaxPrefs: {UsingSalesTax: true, PartnerTaxEnabled: true, TaxGroupCodeRef: undefined},
      CurrencyPrefs: {MultiCurrencyEnabled: true, HomeCurrency: {value: 'AUD'}},
      OtherPrefs: {NameValue: []},
    },
    '1',
  )
}
