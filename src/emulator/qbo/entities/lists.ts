import {D} from '../../../domain/money.js'
import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {type WriteContext, maxLen, num, requireStr, resolveRef, str} from './context.js'

/** Decimal places the emulator keeps for an item's UnitPrice and PurchaseCost (UNCONFIRMED for QBO). */
export const ITEM_RATE_DP = 5

/** AccountType → [Classification, default AccountSubType] (qbo-api.md §11). */
const ACCOUNT_TYPES: Record<string, [string, string]> = {
  Bank: ['Asset', 'CashOnHand'],
  'Accounts Receivable': ['Asset', 'AccountsReceivable'],
  'Other Current Asset': ['Asset', 'EmployeeCashAdvances'],
  'Fixed Asset': ['Asset', 'FurnitureAndFixtures'],
  'Other Asset': ['Asset', 'Licenses'],
  'Accounts Payable': ['Liability', 'AccountsPayable'],
  'Credit Card': ['Liability', 'CreditCard'],
  'Other Current Liability': ['Liability', 'OtherCurrentLiabilities'],
  'Long Term Liability': ['Liability', 'NotesPayable'],
  Equity: ['Equity', 'OpeningBalanceEquity'],
  Income: ['Revenue', 'OtherPrimaryIncome'],
  'Other Income': ['Revenue', 'OtherInvestmentIncome'],
  Expense: ['Expense', 'Travel'],
  'Other Expense': ['Expense', 'Depreciation'],
  'Cost of Goods Sold': ['Expense', 'CostOfLaborCos'],
}

/** Subtypes that tell the type when only AccountSubType is sent (the common ones; others need AccountType). */
const SUBTYPE_TO_TYPE: Record<string, string> = {
  Checking: 'Bank',
  Savings: 'Bank',
  CashOnHand: 'Bank',
  MoneyMarket: 'Bank',
  TrustAccounts: 'Bank',
  AccountsReceivable: 'Accounts Receivable',
  AccountsPayable: 'Accounts Payable',
  CreditCard: 'Credit Card',
  Inventory: 'Other Current Asset',
  PrepaidExpenses: 'Other Current Asset',
  UndepositedFunds: 'Other Current Asset',
  GlobalTaxPayable: 'Other Current Liability',
  GlobalTaxSuspense: 'Other Current Liability',
  OtherCurrentLiabilities: 'Other Current Liability',
  OpeningBalanceEquity: 'Equity',
  RetainedEarnings: 'Equity',
  OwnersEquity: 'Equity',
  SalesOfProductIncome: 'Income',
  ServiceFeeIncome: 'Income',
  OtherPrimaryIncome: 'Income',
  DiscountsRefundsGiven: 'Income',
  SuppliesMaterialsCogs: 'Cost of Goods Sold',
  CostOfLaborCos: 'Cost of Goods Sold',
  AdvertisingPromotional: 'Expense',
  BankCharges: 'Expense',
  OfficeGeneralAdministrativeExpenses: 'Expense',
  Travel: 'Expense',
  ExchangeGainOrLoss: 'Other Expense',
  Depreciation: 'Other Expense',
}

const NO_HIERARCHY = new Set([
  'OpeningBalanceEquity',
  'UndepositedFunds',
  'RetainedEarnings',
  'ExchangeGainOrLoss',
])

function uniqueName(
  ctx: WriteContext,
  entity: string,
  fqn: string,
  existing: Json | undefined,
  what: string,
): void {
  for (const row of ctx.store.byName(entity, fqn))
    if (row.Id !== existing?.Id) throw faults.duplicateName(what)
}

/** Parent handling shared by Account, Item, Class, Department: FullyQualifiedName joins with ':' up to 5 levels. */
function hierarchy(ctx: WriteContext, entity: string, out: Json, subFlag: string, name: string): void {
  const parent = out[subFlag] === false ? undefined : resolveRef(ctx, out, 'ParentRef', [entity])
  if (!parent) {
    out[subFlag] = false
    delete out.ParentRef
    out.FullyQualifiedName = name
    return
  }
  const fqn = `${String(parent.FullyQualifiedName)}:${name}`
  if (fqn.split(':').length > 5) throw faults.subLevel()
  out[subFlag] = true
  out.FullyQualifiedName = fqn
}

export function normalizeList(
  entity: string,
  input: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  const out: Json = {...input, Active: input.Active ?? true}
  const name = requireStr(out, 'Name')
  switch (entity) {
    case 'Account': {
      maxLen(out, 'Name', 100)
      maxLen(out, 'Description', 100)
      maxLen(out, 'AcctNum', 20)
      if (/[":]/.test(name))
        throw faults.invalidString('Name', 'Invalid String : Account names cannot contain " or :')
      let type = str(out, 'AccountType')
      const sub = str(out, 'AccountSubType')
      if (!type && sub) type = SUBTYPE_TO_TYPE[sub]
      if (!type) throw faults.accountType()
      const known = ACCOUNT_TYPES[type]
      if (!known) throw faults.invalidEnum('AccountType', type)
      out.AccountType = type
      out.Classification = known[0]
      out.AccountSubType = sub ?? known[1]
      if (
        existing &&
        existing.AccountType !== type &&
        ['Accounts Receivable', 'Accounts Payable'].includes(String(existing.AccountType))
      )
        throw faults.business('You cannot change the type of an A/R or A/P account.')
      if (NO_HIERARCHY.has(String(out.AccountSubType)) && out.ParentRef)
        throw faults.business(`${String(out.AccountSubType)} accounts cannot be sub-accounts.`)
      hierarchy(ctx, 'Account', out, 'SubAccount', name)
      uniqueName(ctx, 'Account', String(out.FullyQualifiedName), existing, 'account')
      const acctNum = str(out, 'AcctNum')
      if (acctNum?.includes(':'))
        throw faults.invalidString('AcctNum', 'Invalid String : AcctNum cannot contain :')
      if (acctNum && ctx.store.list('Account').some((a) => a.Id !== existing?.Id && a.AcctNum === acctNum))
        throw faults.duplicateName('account number')
      out.CurrencyRef = out.CurrencyRef ?? existing?.CurrencyRef ?? {value: 'AUD', name: 'Australian Dollar'}
      out.CurrentBalance = existing?.CurrentBalance ?? 0
      out.CurrentBalanceWithSubAccounts = existing?.CurrentBalanceWithSubAccounts ?? 0
      resolveRef(ctx, out, 'TaxCodeRef', ['TaxCode'])
      return out
    }
    case 'Item': {
      maxLen(out, 'Name', 100)
      maxLen(out, 'Sku', 100)
      maxLen(out, 'Description', 4000)
      maxLen(out, 'PurchaseDesc', 1000)
      if (name.includes(':'))
        throw faults.invalidString('Name', 'Invalid String : Item names cannot contain :')
      const type = str(out, 'Type') ?? 'NonInventory'
      if (!['Service', 'NonInventory', 'Inventory', 'Category', 'Group', 'Bundle'].includes(type))
        throw faults.invalidEnum('Type', type)
      if (existing && existing.Type !== type && (existing.Type === 'Inventory' || type === 'Inventory'))
        throw faults.business('You cannot change the type of an inventory item.')
      out.Type = type
      resolveRef(ctx, out, 'IncomeAccountRef', ['Account'], type === 'Inventory' || type === 'Service')
      resolveRef(ctx, out, 'ExpenseAccountRef', ['Account'], type === 'Inventory')
      resolveRef(ctx, out, 'AssetAccountRef', ['Account'], type === 'Inventory')
      resolveRef(ctx, out, 'SalesTaxCodeRef', ['TaxCode'])
      resolveRef(ctx, out, 'PurchaseTaxCodeRef', ['TaxCode'])
      if (type === 'Inventory') {
        if (out.TrackQtyOnHand !== true) throw faults.required('TrackQtyOnHand')
        if (num(out, 'QtyOnHand') === undefined) throw faults.required('QtyOnHand')
        requireStr(out, 'InvStartDate')
      }
      for (const f of ['UnitPrice', 'PurchaseCost']) {
        const v = num(out, f)
        if (v && v.abs().gt(99_999_999_999)) throw faults.business(`${f} is too large.`)
        // How many decimals QBO keeps for an item's rates is UNCONFIRMED (integrations.md §4.1: its UI shows up
        // to 5). The emulator keeps 5, rounded half up, so a client that writes more reads back what it would
        // most likely read from QBO, and must compare with that in mind.
        if (v) out[f] = Number(v.toDecimalPlaces(ITEM_RATE_DP, D.ROUND_HALF_UP).toString())
      }
      hierarchy(ctx, 'Item', out, 'SubItem', name)
      uniqueName(ctx, 'Item', String(out.FullyQualifiedName), existing, 'product or service')
      return out
    }
    case 'Class':
    case 'Department': {
      maxLen(out, 'Name', 100)
      hierarchy(ctx, entity, out, entity === 'Class' ? 'SubClass' : 'SubDepartment', name)
      uniqueName(
        ctx,
        entity,
        String(out.FullyQualifiedName),
        existing,
        entity === 'Class' ? 'class' : 'location',
      )
      return out
    }
    case 'Term': {
      maxLen(out, 'Name', 31)
      for (const [f, lo, hi] of [
        ['DueDays', 0, 999],
        ['DiscountDays', 0, 999],
        ['DayOfMonthDue', 1, 31],
        ['DiscountPercent', 0, 100],
      ] as const) {
        const v = num(out, f)
        if (v && (v.lt(lo) || v.gt(hi))) throw faults.business(`${f} must be between ${lo} and ${hi}.`)
      }
      out.Type = out.DayOfMonthDue !== undefined ? 'DATE_DRIVEN' : 'STANDARD'
      uniqueName(ctx, 'Term', name, existing, 'term')
      return out
    }
    case 'PaymentMethod': {
      maxLen(out, 'Name', 31)
      out.Type = out.Type ?? 'NON_CREDIT_CARD'
      uniqueName(ctx, 'PaymentMethod', name, existing, 'payment method')
      return out
    }
    default:
      throw faults.unsupported(`Operation is not supported for ${entity}.`)
  }
}
