import {UserInputError} from '../../domain/errors.js'
import {inBatches, QBO_LIMITS} from '../../domain/qbo-limits.js'
import {inTransaction} from '../../staging/index.js'
import type {StoredDiff} from '../../staging/prices.js'
import {withJobLock} from '../../sync/lock.js'
import {settleInDoubt} from '../outbox/settle.js'
import {sendWrites} from '../outbox/send.js'
import {emptyReport} from '../outbox/writer.js'
import type {ApplyDeps, ApplyInput, ApplyLine, ApplyResult} from './apply-types.js'
import {applyLine, choose, type Todo, toWrite} from './choice.js'
import {fail} from './record.js'
import {pricesWriter} from './settle.js'
import {reread} from './stale.js'
import {loadDiff} from './view.js'
import {PRICES_JOB, priceWrite} from './writes.js'

// In apply-types.ts so that the steps this file runs (choice.ts, stale.ts) can name them without a cycle.
export type {ApplyDeps, ApplyInput, ApplyLine, ApplyResult}

/** QBO's batch limit (qbo-api.md §5): 30 item updates to a request. */
const BATCH = QBO_LIMITS.batchSize

/**
 * `qbo prices apply` and the dashboard's Apply: writes the selected changes of a stored diff as sparse
 * PurchaseCost updates, 30 to a batch, exactly once (load/outbox). A stale SyncToken (5010) re-reads the
 * item: if its cost is still the one the diff saw, the change is written again with the new SyncToken;
 * if someone changed the cost meanwhile, the line is reported as a conflict and QBO's cost is kept.
 * Lines already written are never written again, so applying a diff twice writes nothing the second time.
 */
export async function applyPriceDiff(deps: ApplyDeps, input: ApplyInput): Promise<ApplyResult> {
  const {staging, qbo} = deps
  const diff = loadDiff(staging, input.diffId)
  if (diff.realmId !== qbo.realmId)
    throw new UserInputError(
      `Price diff ${diff.id} was made for QBO company ${diff.realmId}, not ${qbo.realmId}.`,
      {next: `Pass --realm ${diff.realmId}, or make a new diff for this company.`},
    )
  if (input.skipLines || input.skip) choose(staging, diff.id, input)
  const stored = staging.prices.lines(diff.id)
  const todo = toWrite(stored)
  const base: ApplyResult = {
    diffId: diff.id,
    realmId: diff.realmId,
    runId: null,
    dryRun: input.dryRun === true,
    planned: todo.map(({stored: s, line}) =>
      applyLine(line, {syncToken: s.syncToken ?? line.item.syncToken}),
    ),
    written: [],
    conflicts: [],
    failed: [],
    earlier: {
      written: stored.filter((l) => l.status === 'change' && l.state === 'written').length,
      conflict: stored.filter((l) => l.status === 'change' && l.state === 'conflict').length,
    },
    unselected: stored.filter((l) => l.status === 'change' && !l.selected && l.state === 'pending').length,
    recovered: {writes: 0, found: 0, resent: 0, notLanded: 0, waitedSeconds: 0},
  }
  if (input.dryRun) return base
  const work = () => runApply(deps, diff, base)
  return deps.dbPath && deps.dbPath !== ':memory:' ? withJobLock(deps.dbPath, PRICES_JOB, work) : work()
}

async function runApply(deps: ApplyDeps, diff: StoredDiff, result: ApplyResult): Promise<ApplyResult> {
  const {staging, qbo, logger} = deps
  const run = staging.runs.start({
    kind: 'prices:apply',
    realmId: qbo.realmId,
    options: {diffId: diff.id, actor: deps.actor, pid: process.pid},
  })
  result.runId = run.id
  const report = emptyReport()
  const writer = pricesWriter(deps, run.id, report)
  try {
    // Writes an earlier apply left without an answer are settled first: found ones become 'written'.
    const settled = await settleInDoubt(writer)
    result.recovered = {
      writes: settled,
      found: report.found,
      resent: report.resent,
      notLanded: report.notLanded,
      waitedSeconds: Math.round(report.waitedMs / 1000),
    }
    let todo = toWrite(staging.prices.lines(diff.id))
    const total = todo.length
    let done = 0
    for (let round = 0; todo.length > 0; round++) {
      const stale: Todo[] = []
      for (const chunk of inBatches(todo, BATCH)) {
        const writes = chunk.map((t) => ({
          t,
          write: priceWrite(qbo.realmId, diff.uid, {
            diffId: diff.id,
            line: t.line.line,
            itemId: t.line.item.id,
            syncToken: t.stored.syncToken ?? t.line.item.syncToken,
            newCost: t.line.newCost,
          }),
        }))
        const outcomes = await sendWrites(
          writer,
          writes.map((w) => w.write),
        )
        inTransaction(staging.db, () => {
          for (const {t, write} of writes) {
            const o = outcomes.get(write.requestId)
            if (!o) continue
            if (o.ok) {
              result.written.push(applyLine(t.line, {syncToken: o.syncToken}))
              done++
            } else if (o.fault.code === '5010') stale.push(t)
            else {
              fail(deps, run.id, diff, t, o.fault, write.requestId)
              result.failed.push(applyLine(t.line, {fault: o.fault}))
              done++
            }
          }
        })
        await deps.onProgress?.({done, total})
      }
      todo = []
      for (const t of stale) {
        const next = await reread(deps, run.id, diff, t, round, result)
        if (next) todo.push(next)
        else done++
      }
      if (todo.length) logger.info(`${todo.length} items changed in QBO since the diff; writing them again.`)
    }
    staging.runs.finish(run.id, 'finished', summary(result))
    return result
  } catch (error) {
    staging.runs.finish(run.id, 'failed', {...summary(result), error: (error as Error).message})
    throw error
  }
}

function summary(r: ApplyResult): Record<string, unknown> {
  return {
    diffId: r.diffId,
    planned: r.planned.length,
    written: r.written.length,
    conflicts: r.conflicts.length,
    failed: r.failed.length,
    recovered: r.recovered,
  }
}
