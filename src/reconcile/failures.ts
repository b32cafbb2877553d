import type {AgingRow} from './aging.js'
import type {BalanceChecks} from './balance-checks.js'
import type {MatchedEntity} from './docs.js'
import type {EntityStats} from './result.js'
import type {TrialBalanceRow} from './trial-balance.js'

/** Why a reconciliation is outside tolerance, one line per reason, naming what differs. */
export function failureReasons(
  entities: Partial<Record<MatchedEntity, EntityStats>>,
  balances: BalanceChecks,
  unreadable: number,
): string[] {
  const out: string[] = []
  for (const [entity, s] of Object.entries(entities)) {
    if (s.mismatched) out.push(`${entity}: ${s.mismatched} mismatched`)
    if (s.missing) out.push(`${entity}: ${s.missing} missing in QBO`)
    if (s.extra) out.push(`${entity}: ${s.extra} extra in QBO`)
  }
  const {trialBalance: tb, receivables: ar, payables: ap} = balances
  if (!tb.withinTolerance) out.push(`Trial balance: ${accountsDiffering(tb.rows)}`)
  for (const m of balances.monthly) {
    if (!m.comparison.withinTolerance)
      out.push(`Income and expense for ${m.month}: ${accountsDiffering(m.comparison.rows)}`)
  }
  if (!ar.withinTolerance) out.push(`AR aging: ${contactsDiffering(ar.rows, 'customers')}`)
  if (!ap.withinTolerance) out.push(`AP aging: ${contactsDiffering(ap.rows, 'vendors')}`)
  if (unreadable) out.push(`${unreadable} QBO records could not be read`)
  return out
}

const NAMED = 8

/** "3 accounts differ: Sales (variance 12.34), ..." naming the first few, largest first. */
function accountsDiffering(rows: TrialBalanceRow[]): string {
  const bad = rows
    .filter((r) => r.status === 'variance' || r.status === 'unmapped')
    .sort((a, b) => b.variance.abs().comparedTo(a.variance.abs()))
  const named = bad.slice(0, NAMED).map((r) => {
    const source = r.sourceAccounts.length ? ` from ${r.sourceAccounts.join(', ')}` : ''
    return `${r.name}${source} (${r.status === 'unmapped' ? 'unmapped' : `QBO - source ${r.variance.toFixed(2)}`})`
  })
  const more = bad.length > NAMED ? `, and ${bad.length - NAMED} more` : ''
  return `${bad.length} ${bad.length === 1 ? 'account differs' : 'accounts differ'}: ${named.join('; ')}${more}`
}

function contactsDiffering(rows: AgingRow[], what: string): string {
  const bad = rows
    .filter((r) => r.status !== 'agrees')
    .sort((a, b) => b.variance.abs().comparedTo(a.variance.abs()))
  const named = bad.slice(0, NAMED).map((r) => `${r.contact} (QBO - source ${r.variance.toFixed(2)})`)
  const more = bad.length > NAMED ? `, and ${bad.length - NAMED} more` : ''
  return `${bad.length} ${what} differ: ${named.join('; ')}${more}`
}
