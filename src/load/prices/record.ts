import type {DiffLine} from '../../mappers/price-list/index.js'
import type {Staging} from '../../staging/index.js'
import type {StoredDiff} from '../../staging/prices.js'
import type {LandedWrite} from '../outbox/writer.js'
import type {Todo} from './choice.js'
import {parseLineKey} from './writes.js'

/** What recording a line's outcome needs: the migration file and who is applying. */
export interface RecordDeps {
  staging: Staging
  actor: string
}

/** Inside the writer's transaction: the line is written, and the audit log says so with QBO's answer. */
export function recordLanded(
  deps: RecordDeps,
  runId: string,
  write: LandedWrite,
  landed: {id: string; syncToken: string},
): void {
  const key = parseLineKey(write.sourceId)
  const diff = key && deps.staging.prices.diff(key.diffId)
  const stored = key && deps.staging.prices.line(key.diffId, key.line)
  if (!key || !diff || !stored) return
  const line = JSON.parse(stored.lineJson) as DiffLine
  deps.staging.prices.setState(
    key.diffId,
    key.line,
    'written',
    {id: landed.id, syncToken: landed.syncToken, requestId: write.requestId},
    landed.syncToken,
  )
  audit(
    deps,
    runId,
    diff,
    line,
    'written',
    `updated: Item ${landed.id}, SyncToken ${landed.syncToken}`,
    write.requestId,
  )
}

export function fail(
  deps: RecordDeps,
  runId: string,
  diff: StoredDiff,
  t: Todo,
  fault: {code: string; message: string; detail?: string},
  requestId: string | null,
): void {
  deps.staging.prices.setState(diff.id, t.line.line, 'failed', {fault})
  const text = `${fault.code} ${fault.message}${fault.detail ? `: ${fault.detail}` : ''}`
  audit(deps, runId, diff, t.line, 'failed', text, requestId)
}

export function audit(
  deps: RecordDeps,
  runId: string,
  diff: StoredDiff,
  line: DiffLine,
  outcome: 'written' | 'conflict' | 'failed' | 'already',
  qboAnswer: string,
  requestId: string | null,
): void {
  deps.staging.prices.audit({
    actor: deps.actor,
    realmId: diff.realmId,
    diffId: diff.id,
    runId,
    supplier: diff.supplier,
    fileName: diff.fileName,
    fileHash: diff.fileHash,
    line: line.line,
    itemId: line.item?.id ?? null,
    itemName: line.item?.name ?? null,
    sku: line.item?.sku ?? null,
    code: line.code,
    oldCost: line.oldCost,
    newCost: line.newCost,
    outcome,
    qboAnswer,
    requestId,
  })
}
