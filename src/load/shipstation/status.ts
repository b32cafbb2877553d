import type {Staging} from '../../staging/index.js'
import {effectiveStatus, type RunStatus} from '../../staging/runs.js'
import type {OrderRow, OrderState} from '../../staging/shipstation.js'
import {JOB, RUN_KIND} from './deps.js'

export interface StatusOrder {
  store: string
  order: string
  state: OrderState
  invoiceId: string | null
  docNumber: string | null
  reason: string | null
  firstSeen: string
  updatedAt: string
}

/** What a status page shows (docs/shipstation.md): `qbo sync shipstation status --json` prints it. */
export interface ShipStationStatus {
  stores: {
    storeId: string
    name: string | null
    matchBy: string
    matchValue: string
    /** Where the next read starts (less the overlap); null before the first read. */
    watermark: string | null
    orders: Partial<Record<OrderState, number>>
  }[]
  /** The latest runs, newest first, with their counts. */
  runs: {
    runId: string
    status: RunStatus
    startedAt: string
    finishedAt: string | null
    counts?: unknown
    error?: unknown
  }[]
  /** Orders that need a person or are still waiting, oldest first. */
  attention: {
    unmatched: StatusOrder[]
    parked: StatusOrder[]
    conflicts: StatusOrder[]
    failed: StatusOrder[]
  }
  /** Invoice updates sent without an answer yet (the next run resolves them first). */
  inDoubt: number
}

function toStatus(r: OrderRow): StatusOrder {
  return {
    store: r.storeId,
    order: r.orderNumber,
    state: r.state,
    invoiceId: r.invoiceId,
    docNumber: r.docNumber,
    reason: r.reason,
    firstSeen: r.firstSeenAt,
    updatedAt: r.updatedAt,
  }
}

/** The sync's state from the migration file alone (no ShipStation or QBO call): for a dashboard page. */
export function shipStationStatus(
  staging: Staging,
  options: {realmId?: string; runs?: number} = {},
): ShipStationStatus {
  const repo = staging.shipstation
  const counts = repo.stateCounts()
  const mappings = repo.mappings()
  const ids = mappings.map((m) => m.storeId)
  const open = (state: OrderState) => repo.ordersIn(ids, [state]).map(toStatus)
  const runs = staging.runs
    .list()
    .filter((r) => r.kind === RUN_KIND)
    .reverse()
    .slice(0, options.runs ?? 24)
    .map((r) => ({
      runId: r.id,
      status: effectiveStatus(r),
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      ...(r.summary?.counts ? {counts: r.summary.counts} : {}),
      ...(r.summary?.error ? {error: r.summary.error} : {}),
    }))
  return {
    stores: mappings.map((m) => ({
      storeId: m.storeId,
      name: m.storeName,
      matchBy: m.matchBy,
      matchValue: m.matchValue,
      watermark: staging.watermarks.get(JOB, `store:${m.storeId}`) ?? null,
      orders: Object.fromEntries(counts.filter((c) => c.storeId === m.storeId).map((c) => [c.state, c.n])),
    })),
    runs,
    attention: {
      unmatched: open('unmatched'),
      parked: open('parked'),
      conflicts: open('conflict'),
      failed: open('failed'),
    },
    inDoubt: options.realmId ? staging.outbox.inDoubt(options.realmId, JOB).length : 0,
  }
}
