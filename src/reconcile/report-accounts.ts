import type {Account} from '../domain/canonical.js'
import type {TrialBalanceRow} from '../domain/source-reports.js'
import {normalName} from './contacts.js'
import {NO_ACCOUNT} from './source-ledger.js'
import {SOURCE_RETAINED_EARNINGS} from './year-end.js'

/** How a report row was tied to a source account (shown in the Trial Balance sheet). */
export type RowTie = 'code' | 'name' | 'system'

/**
 * Accounts a source keeps for itself and leaves out of its chart export, known by their names, and the QBO
 * account that plays the same part: QBO closes earlier years into Retained Earnings and posts realised
 * exchange gains and losses to its own Exchange Gain or Loss account.
 */
const SYSTEM_NAMES: [RegExp, string][] = [
  [
    /^(retained earnings|current year earnings|current earnings|historical earnings)$/,
    SOURCE_RETAINED_EARNINGS,
  ],
  [
    /currency gain|currency loss|exchange gain|exchange loss|foreign currency gains|realised currency|realized currency|fx gain/,
    NO_ACCOUNT.FX,
  ],
]

/** Excel drops leading zeros from codes (sources.md §1.0): "090" comes back as "90". */
const codeKey = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/^0+(?=\w)/, '')

/**
 * Ties the rows of the source's trial balance to the staged accounts: by code (account number), then by name,
 * then the system accounts above. The report is the source's word; this only finds which staged account (and
 * so which QBO account, through the correspondence the accountant approved) each row belongs to.
 */
export class ReportAccounts {
  private readonly byCode = new Map<string, Account>()
  private readonly byName = new Map<string, Account>()

  constructor(accounts: readonly Account[]) {
    for (const a of accounts) {
      if (a.code) this.byCode.set(codeKey(a.code), a)
      if (!this.byName.has(normalName(a.name))) this.byName.set(normalName(a.name), a)
    }
  }

  /** The source account key of a report row, or undefined when nothing staged corresponds to it. */
  keyOf(row: Pick<TrialBalanceRow, 'code' | 'name' | 'label'>): {key: string; tie: RowTie} | undefined {
    const byCode = row.code ? this.byCode.get(codeKey(row.code)) : undefined
    if (byCode) return {key: byCode.id, tie: 'code'}
    const byName = this.byName.get(normalName(row.name)) ?? this.byName.get(normalName(row.label))
    if (byName) return {key: byName.id, tie: 'name'}
    const name = normalName(row.name)
    for (const [pattern, key] of SYSTEM_NAMES) if (pattern.test(name)) return {key, tie: 'system'}
    return undefined
  }
}
