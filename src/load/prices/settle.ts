import {inTransaction, type Staging} from '../../staging/index.js'
import type {Logger} from '../../ui/logger.js'
import {settleInDoubt} from '../outbox/settle.js'
import {emptyReport, type WriterDeps, type WriterReport} from '../outbox/writer.js'
import type {PricesQbo} from './qbo.js'
import {recordLanded} from './record.js'
import {PRICES_JOB} from './writes.js'

export interface SettleDeps {
  staging: Staging
  qbo: PricesQbo
  logger: Logger
  now: () => number
  sleep: (ms: number) => Promise<void>
  actor: string
  onWait?: WriterDeps['onWait']
}

/** The writer for price writes: job 'prices', each landed write recorded on its diff line and audited. */
export function pricesWriter(deps: SettleDeps, runId: string, report: WriterReport): WriterDeps {
  return {
    staging: deps.staging,
    port: deps.qbo.port,
    job: PRICES_JOB,
    runId,
    now: deps.now,
    sleep: deps.sleep,
    logger: deps.logger,
    report,
    ...(deps.onWait ? {onWait: deps.onWait} : {}),
    onLanded: (write, landed) => recordLanded(deps, runId, write, landed),
  }
}

/**
 * Before a diff reads the items: writes an earlier apply left without an answer (it was killed, or lost
 * the connection) are settled first, so the diff sees the costs they wrote rather than the ones before.
 * Nothing to do (and no run recorded) in the usual case. Returns how many writes were settled.
 */
export async function settleEarlierWrites(deps: SettleDeps): Promise<number> {
  if (deps.staging.outbox.inDoubt(deps.qbo.realmId, PRICES_JOB).length === 0) return 0
  const run = inTransaction(deps.staging.db, () =>
    deps.staging.runs.start({kind: 'prices:settle', realmId: deps.qbo.realmId, options: {pid: process.pid}}),
  )
  const report = emptyReport()
  try {
    const settled = await settleInDoubt(pricesWriter(deps, run.id, report))
    deps.logger.info(
      `Settled ${settled} price writes an earlier apply left without an answer: ${report.found} were in QBO, ` +
        `${report.resent} sent again unchanged, ${report.notLanded} had not landed (the next apply writes them).`,
    )
    deps.staging.runs.finish(run.id, 'finished', {...report})
    return settled
  } catch (error) {
    deps.staging.runs.finish(run.id, 'failed', {...report, error: (error as Error).message})
    throw error
  }
}
