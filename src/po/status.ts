import {UsageError} from '../domain/errors.js'
import type {Staging} from '../staging/index.js'
import {batchStatus} from './report.js'
import type {PoBatchResult} from './types.js'

export interface PoBatchListEntry {
  batchId: string
  realmId: string
  status: 'open' | 'finished'
  createdAt: string
  updatedAt: string
  purchaseOrders: number
  emailed: number
  needsAttention: number
}

/** Every batch in the migration file, newest first, in one line each (`qbo po status --json`). */
export function listPoBatches(staging: Staging): PoBatchListEntry[] {
  return staging.poBatches.list().map((b) => {
    const s = batchStatus(staging, b)
    return {
      batchId: b.id,
      realmId: b.realmId,
      status: b.status,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
      purchaseOrders: s.purchaseOrders,
      emailed: s.steps.email.sent ?? 0,
      needsAttention: new Set(s.attention.map((a) => a.poId)).size,
    }
  })
}

/** One batch in full (`qbo po status --batch ID --json`): what a dashboard page for the batch shows. */
export function poBatchStatus(staging: Staging, batchId: string): PoBatchResult {
  const batch = staging.poBatches.get(batchId)
  if (!batch)
    throw new UsageError(`There is no purchase-order batch ${batchId}.`, {
      next: 'Run `qbo po status` to list them.',
    })
  return batchStatus(staging, batch)
}
