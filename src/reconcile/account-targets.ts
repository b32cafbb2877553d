import {D} from '../domain/money.js'
import {sourceTaxAccounts} from '../domain/report-accounts.js'
import {PLANNED_ACCOUNT_PREFIX} from '../mappers/accounts.js'
import type {BalanceInput} from './balance-checks.js'
import {NO_ACCOUNT} from './source-ledger.js'
import type {QboBalances} from './trial-balance.js'
import {SOURCE_RETAINED_EARNINGS} from './year-end.js'

// Which QBO account each source account (or trial balance row) corresponds to, and how it got there: the only
// thing the balance checks take from the migration.

/** The source's tax accounts (domain/report-accounts.ts): compared together with QBO's own tax account. */
export function taxAccounts(input: BalanceInput): Set<string> {
  return new Set(sourceTaxAccounts(input.source.accounts).map((a) => a.id))
}

/**
 * QBO's trial balance with the accounts the migration made for the source's tax accounts folded into QBO's
 * own tax liability account (see taxAccounts).
 */
export function foldTax(input: BalanceInput, qbo: QboBalances): QboBalances {
  const gst = input.books.gstPayable
  if (!gst) return qbo
  const byId = new Map(qbo.byId)
  for (const id of taxAccounts(input)) {
    const made = plainTarget(input)(id)
    const entry = made ? byId.get(made) : undefined
    if (!made || made === gst || !entry) continue
    const own = byId.get(gst)
    byId.set(gst, {name: own?.name ?? entry.name, balance: (own?.balance ?? new D(0)).plus(entry.balance)})
    byId.delete(made)
  }
  return {byId}
}

/** The accountant's mapping, else the account the load created or adopted. */
export function plainTarget(input: BalanceInput) {
  return (id: string) => {
    const mapping = input.staging.mappings.get('account', id)
    // Mapped onto the account the migration created for another source account (mappers/accounts.ts).
    if (mapping?.origin === 'user' && mapping.target?.startsWith(PLANNED_ACCOUNT_PREFIX))
      return input.qboIdOf('Account', mapping.target.slice(PLANNED_ACCOUNT_PREFIX.length))
    if (mapping?.origin === 'user') return mapping.target
    return input.qboIdOf('Account', id) ?? mapping?.target
  }
}

/** Where a source account lands in QBO: QBO's own account for tax, earnings and exchange gains, else plainTarget. */
export function targetOf(input: BalanceInput) {
  const {books} = input
  const tax = taxAccounts(input)
  const plain = plainTarget(input)
  return (id: string) => {
    if (id === NO_ACCOUNT.GST || (tax.has(id) && books.gstPayable)) return books.gstPayable
    if (id === NO_ACCOUNT.FX) return books.exchangeGainLoss
    if (id === SOURCE_RETAINED_EARNINGS) return books.retainedEarnings
    return plain(id)
  }
}

/** A sentence on how a source account reached its QBO account. */
export function describeOf(input: BalanceInput, names: ReadonlyMap<string, string>) {
  const how = new Map<string, string>()
  for (const e of input.staging.idMap.list(input.port.realmId, 'Account')) how.set(e.sourceId, e.how)
  const tax = taxAccounts(input)
  return (id: string) => {
    const name = names.get(id) ?? id
    if (tax.has(id) && input.books.gstPayable)
      return `${name}: the source's tax account, compared with QBO's own GST account (where QBO books all tax), the account made for it included`
    if (id === SOURCE_RETAINED_EARNINGS) return `${name}: earlier years' profit, in QBO's Retained Earnings`
    if (id === NO_ACCOUNT.FX) return `${name}: QBO's own Exchange Gain or Loss account`
    if (id === NO_ACCOUNT.GST) return `${name}: QBO's own GST account`
    const mapping = input.staging.mappings.get('account', id)
    if (mapping?.origin === 'user')
      return mapping.target === null
        ? `${name}: you chose not to migrate it`
        : `${name}: your mapping, onto QBO account ${mapping.target}`
    const h = how.get(id)
    if (h === 'created') return `${name}: created in QBO by the load`
    if (h === 'adopted') return `${name}: an existing QBO account, used by the load`
    return mapping?.target ? `${name}: the suggested mapping` : `${name}: not mapped`
  }
}
