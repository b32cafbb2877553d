import type {Account} from './canonical.js'
import type {TrialBalanceRow} from './source-reports.js'

/**
 * How a row of the source's trial balance was tied to the migration: a staged account (by code, then by
 * name), or one of the accounts a source keeps for itself and leaves out of its chart export, known by
 * name. Shared by the reconciliation (which compares) and the conversion-date mapper (which opens with it).
 */
export type ReportTie =
  | {kind: 'account'; accountId: string; by: 'code' | 'name'}
  | {kind: 'system'; system: 'retainedEarnings' | 'exchangeGainLoss'}

const SYSTEM_NAMES: [RegExp, 'retainedEarnings' | 'exchangeGainLoss'][] = [
  [/^(retained earnings|current year earnings|current earnings|historical earnings)$/, 'retainedEarnings'],
  [
    /currency gain|currency loss|exchange gain|exchange loss|foreign currency gains|realised currency|realized currency|fx gain/,
    'exchangeGainLoss',
  ],
]

const loose = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()
/** Excel drops leading zeros from codes (sources.md §1.0): "090" comes back as "90". */
const codeKey = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/^0+(?=\w)/, '')

export class ReportAccounts {
  private readonly byCode = new Map<string, Account>()
  private readonly byName = new Map<string, Account>()

  constructor(accounts: readonly Account[]) {
    for (const a of accounts) {
      if (a.code) this.byCode.set(codeKey(a.code), a)
      if (!this.byName.has(loose(a.name))) this.byName.set(loose(a.name), a)
    }
  }

  /** What a report row stands for, or undefined when nothing staged or known corresponds to it. */
  tie(row: Pick<TrialBalanceRow, 'code' | 'name' | 'label'>): ReportTie | undefined {
    const byCode = row.code ? this.byCode.get(codeKey(row.code)) : undefined
    if (byCode) return {kind: 'account', accountId: byCode.id, by: 'code'}
    const byName = this.byName.get(loose(row.name)) ?? this.byName.get(loose(row.label))
    if (byName) return {kind: 'account', accountId: byName.id, by: 'name'}
    const name = loose(row.name)
    for (const [pattern, system] of SYSTEM_NAMES) if (pattern.test(name)) return {kind: 'system', system}
    return undefined
  }
}

/**
 * The source's tax accounts: its GST system account, and liability accounts named for GST or VAT (MYOB keeps
 * "GST Collected" and "GST Paid" and flags neither in its chart export). QBO books every tax amount to its
 * own tax liability account, whatever account a migration made for the source's.
 */
export function sourceTaxAccounts(accounts: readonly Account[]): Account[] {
  return accounts.filter(
    (a) => a.systemAccount === 'GST' || (a.class === 'liability' && /\b(gst|vat)\b/i.test(a.name)),
  )
}
