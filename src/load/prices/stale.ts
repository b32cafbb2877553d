import {D} from '../../domain/money.js'
import {inTransaction} from '../../staging/index.js'
import type {StoredDiff} from '../../staging/prices.js'
import type {ApplyDeps, ApplyResult} from './apply.js'
import {applyLine, type Todo} from './choice.js'
import {audit, fail} from './record.js'

/** How many times a stale item is re-read and written again within one apply. */
export const MAX_REREADS = 3

/**
 * After a stale-object answer: reads the item as it is now. Its cost is still the one the diff saw → the
 * same change with the new SyncToken (returned, to write again). Already the new cost → nothing to write.
 * Another cost → someone changed it since the diff: a conflict, reported and not overwritten.
 */
export async function reread(
  deps: ApplyDeps,
  runId: string,
  diff: StoredDiff,
  t: Todo,
  round: number,
  result: ApplyResult,
): Promise<Todo | undefined> {
  const {staging} = deps
  const record = await deps.qbo.port.readRecord('Item', t.line.item.id)
  if (!record) {
    const fault = {code: '610', message: 'the item is no longer in QBO'}
    inTransaction(staging.db, () => fail(deps, runId, diff, t, fault, null))
    result.failed.push(applyLine(t.line, {fault}))
    return undefined
  }
  const syncToken = String(record.SyncToken ?? '')
  const qboCost = costOf(record.PurchaseCost)
  const same = (a: string | null, b: string | null) =>
    a === null || b === null ? a === b : new D(a).eq(new D(b))
  if (same(qboCost, t.line.newCost)) {
    inTransaction(staging.db, () => {
      staging.prices.setState(
        diff.id,
        t.line.line,
        'written',
        {syncToken, note: 'QBO already held the new cost'},
        syncToken,
      )
      audit(
        deps,
        runId,
        diff,
        t.line,
        'already',
        `QBO already holds ${t.line.newCost} (SyncToken ${syncToken})`,
        null,
      )
    })
    result.written.push(applyLine(t.line, {syncToken, qboCost}))
    return undefined
  }
  if (!same(qboCost, t.line.oldCost)) {
    inTransaction(staging.db, () => {
      staging.prices.setState(diff.id, t.line.line, 'conflict', {qboCost, syncToken}, syncToken)
      audit(
        deps,
        runId,
        diff,
        t.line,
        'conflict',
        `not written: the cost in QBO is now ${qboCost ?? 'empty'} (it was ${t.line.oldCost ?? 'empty'} when the diff was made; SyncToken ${syncToken})`,
        null,
      )
    })
    result.conflicts.push(applyLine(t.line, {syncToken, qboCost}))
    return undefined
  }
  if (round + 1 >= MAX_REREADS) {
    const fault = {
      code: '5010',
      message: `still stale after ${MAX_REREADS} re-reads: the item keeps changing in QBO`,
    }
    inTransaction(staging.db, () => fail(deps, runId, diff, t, fault, null))
    result.failed.push(applyLine(t.line, {fault}))
    return undefined
  }
  staging.prices.setState(diff.id, t.line.line, 'pending', {reread: syncToken}, syncToken)
  return {stored: {...t.stored, syncToken}, line: t.line}
}

function costOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  return new D(String(value)).toFixed()
}
