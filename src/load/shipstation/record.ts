import {inTransaction} from '../../staging/index.js'
import type {SyncDeps} from './deps.js'
import type {OrderPlan} from './plan.js'
import type {SyncResult} from './result.js'

/** Records what each order came to (except the writes, which the writer commits with QBO's answer). */
export function recordOutcomes(
  d: SyncDeps,
  plans: readonly OrderPlan[],
  result: SyncResult,
  dryRun: boolean,
): void {
  const repo = d.staging.shipstation
  const realmId = d.port.realmId
  const c = result.counts
  const apply = () => {
    for (const p of plans) {
      const row = p.order.row
      const ref = {store: row.storeId, order: row.orderNumber}
      const matched =
        'invoice' in p && p.invoice
          ? {realmId, invoiceId: String(p.invoice.Id), docNumber: docNumberOf(p.invoice)}
          : {}
      if ('invoice' in p && p.invoice) c.matched++
      switch (p.kind) {
        case 'unchanged':
          c.unchanged++
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {
              ...matched,
              state: 'synced',
              written: {...(row.written ?? {}), ...p.current},
              reason: null,
              attempts: 0,
            })
          break
        case 'conflict':
          c.conflicts++
          result.conflicts.push({
            ...ref,
            invoiceId: String(p.invoice.Id),
            fields: p.decision.fields,
            ours: p.decision.ours,
            theirs: p.decision.theirs,
            reason: p.decision.reason,
          })
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {
              ...matched,
              state: 'conflict',
              reason: p.decision.reason,
            })
          break
        case 'invalid':
        case 'park':
          c.parked++
          result.parked.push({...ref, reason: p.reason})
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {...matched, state: 'parked', reason: p.reason})
          break
        case 'unmatched':
          c.unmatched++
          result.unmatched.push({
            ...ref,
            firstSeen: row.firstSeenAt,
            retryUntil: p.retryUntil,
            reason: p.reason,
          })
          if (!dryRun)
            repo.updateOrder(row.storeId, row.orderNumber, {
              state: 'unmatched',
              // The invoice written before (if any) is gone: what was written there no longer counts.
              invoiceId: null,
              docNumber: null,
              written: null,
              reason: p.reason,
            })
          break
        case 'done':
          if (!dryRun) repo.updateOrder(row.storeId, row.orderNumber, {state: 'synced', reason: null})
          break
        case 'write':
          break
      }
    }
  }
  if (dryRun) apply()
  else inTransaction(d.staging.db, apply)
}

export function docNumberOf(invoice: Record<string, unknown>): string | null {
  return typeof invoice.DocNumber === 'string' ? invoice.DocNumber : null
}
