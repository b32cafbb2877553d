/**
 * Whether an accountant's mapping choice fits (docs/mapping.md, "Mapping fit"): the import refuses a choice
 * that does not (unless confirmed where confirming is allowed), and the plan blocks a saved one that no
 * longer does. Pure: the source record and the QBO record in, the problem out.
 */
import type {Account, TaxRate} from '../domain/canonical.js'
import {dec} from '../domain/money.js'
import type {QboAccount, QboTaxCode, TargetCompany, TaxDirection} from './context.js'

/** The families an account must stay within: postings to a bank, receivable or payable differ from the rest. */
export type AccountFamily =
  | 'bank'
  | 'accounts receivable'
  | 'accounts payable'
  | 'income'
  | 'expense'
  | 'asset'
  | 'liability'
  | 'equity'

const SOURCE_FAMILY: Record<Account['type'], AccountFamily> = {
  bank: 'bank',
  // Xero keeps credit cards as bank accounts (BankAccountType CREDITCARD): one family with banks.
  creditCard: 'bank',
  accountsReceivable: 'accounts receivable',
  accountsPayable: 'accounts payable',
  currentAsset: 'asset',
  fixedAsset: 'asset',
  nonCurrentAsset: 'asset',
  inventory: 'asset',
  prepayment: 'asset',
  currentLiability: 'liability',
  nonCurrentLiability: 'liability',
  liability: 'liability',
  equity: 'equity',
  revenue: 'income',
  sales: 'income',
  otherIncome: 'income',
  directCosts: 'expense',
  expense: 'expense',
  overheads: 'expense',
  depreciation: 'expense',
  otherExpense: 'expense',
}

/** QBO AccountType (qbo-api.md §10) -> family. */
const QBO_FAMILY: Record<string, AccountFamily> = {
  Bank: 'bank',
  'Credit Card': 'bank',
  'Accounts Receivable': 'accounts receivable',
  'Accounts Payable': 'accounts payable',
  Income: 'income',
  'Other Income': 'income',
  Expense: 'expense',
  'Other Expense': 'expense',
  'Cost of Goods Sold': 'expense',
  'Other Current Asset': 'asset',
  'Fixed Asset': 'asset',
  'Other Asset': 'asset',
  'Other Current Liability': 'liability',
  'Long Term Liability': 'liability',
  Equity: 'equity',
}

export function sourceFamily(account: Account): AccountFamily {
  // A system receivable or payable is one whatever type the source filed it under.
  if (account.systemAccount === 'AR') return 'accounts receivable'
  if (account.systemAccount === 'AP') return 'accounts payable'
  return SOURCE_FAMILY[account.type]
}

export function qboFamily(account: QboAccount): AccountFamily | undefined {
  return QBO_FAMILY[account.AccountType]
}

/** Families whose currency must agree: QBO posts a bank, receivable or payable in one currency only. */
const CURRENCY_BOUND = new Set<AccountFamily>(['bank', 'accounts receivable', 'accounts payable'])

export interface FitProblem {
  code: 'ACCOUNT_TYPE_MISFIT' | 'ACCOUNT_CURRENCY_MISFIT' | 'TAX_RATE_MISFIT'
  message: string
  /** Whether a confirmation (the workbook's Confirm column) lets the choice stand. */
  confirmable: boolean
}

/** Problems with mapping `source` onto the existing QBO account `target`, worst first. */
export function accountFit(source: Account, target: QboAccount, homeCurrency: string): FitProblem[] {
  const problems: FitProblem[] = []
  const from = sourceFamily(source)
  const to = qboFamily(target)
  if (to !== undefined && from !== to) {
    problems.push({
      code: 'ACCOUNT_TYPE_MISFIT',
      message: `${label(source)} is ${article(from)} ${from} account but "${target.Name}" is ${article(to)} ${to} account (${target.AccountType})`,
      confirmable: true,
    })
  }
  const targetCurrency = target.currency ?? homeCurrency
  // Only between currency-bound accounts: QBO's income, expense and balance-sheet accounts take any currency.
  const bound = CURRENCY_BOUND.has(from) && to !== undefined && CURRENCY_BOUND.has(to)
  // A source account without a currency is in the home currency, as the account mapper creates it.
  const sourceCurrency = source.currency ?? homeCurrency
  if (bound && sourceCurrency !== targetCurrency) {
    problems.push({
      code: 'ACCOUNT_CURRENCY_MISFIT',
      message: `${label(source)} is in ${sourceCurrency} but "${target.Name}" is in ${targetCurrency}; a ${from} account takes postings in its own currency only`,
      confirmable: false,
    })
  }
  return problems
}

/**
 * The QBO accounts that play a system role (QBO keeps one of each and posts to it itself): two source
 * accounts mapped onto one of them would merge two ledgers the source keeps apart.
 */
const SYSTEM_SUBTYPES = new Set([
  'AccountsReceivable',
  'AccountsPayable',
  'GlobalTaxPayable',
  'GlobalTaxSuspense',
  'RetainedEarnings',
  'OpeningBalanceEquity',
  'UndepositedFunds',
])

export function isSystemRole(account: QboAccount): boolean {
  return account.AccountSubType !== undefined && SYSTEM_SUBTYPES.has(account.AccountSubType)
}

/** The source accounts that share a system-role QBO account, by that account's Id (only groups of 2+). */
export function systemRoleClashes(
  targets: ReadonlyMap<string, string>,
  target: Pick<TargetCompany, 'accounts'>,
): Map<string, string[]> {
  const bySystem = new Map<string, string[]>()
  for (const [sourceId, qboId] of targets) {
    const account = target.accounts.find((a) => a.Id === qboId)
    if (!account || !isSystemRole(account)) continue
    bySystem.set(qboId, [...(bySystem.get(qboId) ?? []), sourceId])
  }
  return new Map([...bySystem].filter(([, ids]) => ids.length > 1))
}

/** The percentage the QBO code applies in a direction, when known. */
export function qboRate(code: QboTaxCode, direction: TaxDirection): string | undefined {
  return direction === 'sales' ? code.salesRate : code.purchaseRate
}

/** A source tax code mapped onto a QBO code of another rate: the tax QBO computes would differ. */
export function taxFit(source: TaxRate, target: QboTaxCode, direction: TaxDirection): FitProblem[] {
  const rate = qboRate(target, direction)
  if (rate === undefined || dec(rate).eq(dec(source.rate))) return []
  return [
    {
      code: 'TAX_RATE_MISFIT',
      message: `${source.id} "${source.name}" is ${dec(source.rate).toString()}% but the QBO tax code "${target.Name}" is ${dec(rate).toString()}% for ${direction === 'sales' ? 'sales' : 'purchases'}`,
      confirmable: true,
    },
  ]
}

const label = (a: Account) => `${a.code ?? a.id} "${a.name}"`
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a')
