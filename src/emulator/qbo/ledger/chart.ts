import {type Json, refId, str} from './read.js'

/** An account as the ledger and the reports need it. Synthetic accounts stand in for a missing system account. */
export interface LedgerAccount {
  id: string
  name: string
  type: string
  subType?: string
  parentId?: string
  currency?: string
  synthetic: boolean
}

/** Accounts QBO posts to on its own, without a line naming them. */
export type SystemRole =
  | 'AR'
  | 'AP'
  | 'UndepositedFunds'
  | 'Tax'
  | 'RetainedEarnings'
  | 'OpeningBalanceEquity'
  | 'ExchangeGainLoss'
  | 'Discounts'
  | 'Inventory'
  | 'COGS'
  | 'Sales'
  | 'Expense'
  | 'Suspense'

/**
 * type/name: of the synthetic account used when the company has none. match: which accounts can play the
 * role; subType: the subtype that marks the account QBO itself uses, preferred over a name match.
 */
interface RoleRule {
  type: string
  name: string
  subType?: string
  match: (a: LedgerAccount) => boolean
}

const ROLE_RULES: Record<SystemRole, RoleRule> = {
  AR: {
    type: 'Accounts Receivable',
    name: 'Accounts Receivable (A/R)',
    match: (a) => a.type === 'Accounts Receivable',
  },
  AP: {type: 'Accounts Payable', name: 'Accounts Payable (A/P)', match: (a) => a.type === 'Accounts Payable'},
  UndepositedFunds: {
    type: 'Other Current Asset',
    name: 'Undeposited Funds',
    match: (a) => a.subType === 'UndepositedFunds' || /^undeposited funds/i.test(a.name),
  },
  Tax: {
    type: 'Other Current Liability',
    name: 'GST Payable',
    subType: 'GlobalTaxPayable',
    match: (a) =>
      a.subType === 'GlobalTaxPayable' ||
      (isLiability(a.type) && /\bGST\b/i.test(a.name)) ||
      (a.type === 'Other Current Liability' && /tax payable/i.test(a.name)),
  },
  RetainedEarnings: {
    type: 'Equity',
    name: 'Retained Earnings',
    match: (a) =>
      a.subType === 'RetainedEarnings' || (a.type === 'Equity' && /^retained earnings/i.test(a.name)),
  },
  OpeningBalanceEquity: {
    type: 'Equity',
    name: 'Opening Balance Equity',
    match: (a) =>
      a.subType === 'OpeningBalanceEquity' ||
      (a.type === 'Equity' && /^opening balance equity/i.test(a.name)),
  },
  ExchangeGainLoss: {
    type: 'Other Expense',
    name: 'Exchange Gain or Loss',
    match: (a) => a.subType === 'ExchangeGainOrLoss' || /exchange gain/i.test(a.name),
  },
  Discounts: {
    type: 'Income',
    name: 'Discounts given',
    match: (a) => a.subType === 'DiscountsRefundsGiven',
  },
  Inventory: {type: 'Other Current Asset', name: 'Inventory Asset', match: (a) => a.subType === 'Inventory'},
  COGS: {
    type: 'Cost of Goods Sold',
    name: 'Cost of Goods Sold',
    match: (a) => a.type === 'Cost of Goods Sold',
  },
  Sales: {type: 'Income', name: 'Sales', match: (a) => a.type === 'Income'},
  Expense: {type: 'Expense', name: 'Uncategorised Expense', match: (a) => a.type === 'Expense'},
  // Never matched: only when a transaction does not balance by more than rounding (see docs/emulator-ledger.md).
  Suspense: {type: 'Other Current Asset', name: 'Ledger Suspense (emulator)', match: () => false},
}

const LIABILITY_TYPES = new Set([
  'Accounts Payable',
  'Credit Card',
  'Other Current Liability',
  'Long Term Liability',
])

export function isLiability(type: string): boolean {
  return LIABILITY_TYPES.has(type)
}

function byId(a: LedgerAccount, b: LedgerAccount): number {
  const na = Number(a.id)
  const nb = Number(b.id)
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function toLedgerAccount(raw: Json): LedgerAccount | undefined {
  const id = str(raw, 'Id')
  if (id === undefined) return undefined
  return {
    id,
    name: str(raw, 'Name') ?? str(raw, 'FullyQualifiedName') ?? `Account ${id}`,
    type: str(raw, 'AccountType') ?? 'Other Current Asset',
    subType: str(raw, 'AccountSubType'),
    parentId: refId(raw, 'ParentRef'),
    currency: refId(raw, 'CurrencyRef'),
    synthetic: false,
  }
}

/**
 * The chart of accounts plus the rule that finds each system account (AR, AP, GST …) by type, subtype or
 * name, preferring an active account in the transaction's currency, then the lowest Id. When a company has
 * no such account the ledger invents one with Id `ledger:<role>`, so the books still balance and the gap is
 * visible in every report.
 */
export class Chart {
  private readonly accounts = new Map<string, LedgerAccount>()
  private readonly active = new Set<string>()
  private readonly roleCache = new Map<string, string>()

  constructor(rawAccounts: Json[]) {
    for (const raw of rawAccounts) {
      const account = toLedgerAccount(raw)
      if (!account) continue
      this.accounts.set(account.id, account)
      if (raw.Active !== false) this.active.add(account.id)
    }
  }

  get(id: string): LedgerAccount {
    const found = this.accounts.get(id)
    if (found) return found
    // A posting to an Id the chart does not hold (deleted or never created) stays visible under that Id.
    const unknown: LedgerAccount = {
      id,
      name: `Unknown account ${id}`,
      type: 'Other Current Asset',
      synthetic: true,
    }
    this.accounts.set(id, unknown)
    return unknown
  }

  all(): LedgerAccount[] {
    return [...this.accounts.values()].sort(byId)
  }

  /** The Id of the account QBO would post to for this role. */
  system(role: SystemRole, currency?: string): string {
    const key = `${role}|${currency ?? ''}`
    const cached = this.roleCache.get(key)
    if (cached) return cached
    const rule = ROLE_RULES[role]
    const candidates = [...this.accounts.values()].filter((a) => !a.synthetic && rule.match(a)).sort(byId)
    // Active first; then an account in the transaction's currency, then one with no currency, then others.
    const currencyRank = (a: LedgerAccount) =>
      a.currency === currency ? 0 : a.currency === undefined ? 1 : 2
    const rank = (a: LedgerAccount) =>
      (this.active.has(a.id) ? 0 : 100) +
      (currency === undefined ? 0 : currencyRank(a) * 10) +
      (rule.subType === undefined || a.subType === rule.subType ? 0 : 2) +
      (a.name.toLowerCase() === rule.name.toLowerCase() ? 0 : 1)
    const best = candidates.sort((a, b) => rank(a) - rank(b) || byId(a, b))[0]
    const id = best?.id ?? this.synthetic(role)
    this.roleCache.set(key, id)
    return id
  }

  private synthetic(role: SystemRole): string {
    const rule = ROLE_RULES[role]
    const id = `ledger:${role}`
    if (!this.accounts.has(id)) {
      this.accounts.set(id, {id, name: `${rule.name} (emulator)`, type: rule.type, synthetic: true})
    }
    return id
  }
}
