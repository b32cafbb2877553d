import {randomUUID} from 'node:crypto'
import {dirname, join, resolve} from 'node:path'

import {UsageError, UserInputError} from '../domain/errors.js'
import {resolveUndecided} from '../load/outbox/action.js'
import {settleInDoubt} from '../load/outbox/settle.js'
import {emptyReport, type WriterDeps} from '../load/outbox/writer.js'
import {clientWritePort} from '../load/qbo-port.js'
import type {PoStorage, PoWant} from '../mappers/po/fields.js'
import {inTransaction, type PoBatch, type Staging} from '../staging/index.js'
import {withJobLock} from '../sync/lock.js'
import {runDocumentSteps, sendRequestId} from './document-steps.js'
import {pdfNames} from './pdf-names.js'
import {batchSettled, batchStatus, writeResultCsv} from './report.js'
import {type PoSelection, selectPurchaseOrders, summarize} from './selection.js'
import {runSmtpStep, SMTP_MAX_BYTES} from './smtp-step.js'
import {rememberStorageNames, resolveStorage, type StorageNames, storageNames} from './storage.js'
import type {PoActions, PoBatchResult, PoDeps} from './types.js'
import {itemSourceId, parseItemSourceId, runUpdates} from './update-step.js'

export const JOB = 'po'

/** What `qbo po batch` was asked for. */
export interface PoBatchOptions {
  selection: PoSelection
  tag?: string
  shipDate?: string
  /** Folder for the PDFs (relative to the working directory). */
  pdfDir?: string
  email?: {to: string; via: 'qbo' | 'smtp'}
  fullUpdate?: boolean
  /** Custom field names given on the command line (remembered in settings). */
  storage: StorageNames
  resume: boolean
  batchId?: string
  /** The operator's word on emails whose outcome could not be told. */
  confirmEmail?: 'sent' | 'not-sent'
  dbPath: string
  /** Where to write the result CSV (default: beside the migration file). */
  out?: string
  smtpMaxBytes?: number
}

/**
 * `qbo po batch`: selects purchase orders (frozen as a batch), then for each: tag and ship date (one update),
 * its PDF, its email, each step checkpointed so that a run killed anywhere resumes without repeating a step;
 * an email is never sent twice for the same batch and purchase order (docs/purchase-orders.md).
 */
export async function runPoBatch(deps: PoDeps, options: PoBatchOptions): Promise<PoBatchResult> {
  return withJobLock(options.dbPath, JOB, () => runLocked(deps, options))
}

async function runLocked(deps: PoDeps, options: PoBatchOptions): Promise<PoBatchResult> {
  const {staging, client, logger} = deps
  const run = staging.runs.start({kind: 'po:batch', realmId: client.realmId, options: {pid: process.pid}})
  const report = emptyReport()
  const writer = writerFor(deps, run.id, report)
  let batch: PoBatch | undefined
  try {
    const settled = await settleInDoubt(writer)
    if (settled > 0) logger.info(`Resolved ${settled} writes an earlier run left without an answer.`)
    let notice: string | undefined
    if (options.resume) batch = findBatch(staging, client.realmId, options.batchId)
    else batch = await createBatch(deps, options)
    if (batch.status === 'finished') {
      staging.poBatches.setStatus(batch.id, 'open')
      notice = `Batch ${batch.id} had finished; its failed steps are tried again.`
    }
    if (options.confirmEmail) confirmEmails(deps, writer, batch.id, options.confirmEmail)
    const actions = batch.actions as PoActions & {storage?: PoStorage}
    const want: PoWant = {
      ...(actions.tag !== undefined ? {tag: actions.tag} : {}),
      ...(actions.shipDate !== undefined ? {shipDate: actions.shipDate} : {}),
      ...(actions.email?.via === 'qbo' ? {emailTo: actions.email.to} : {}),
    }
    await runUpdates(deps, writer, batch.id, want, actions.storage ?? {}, {
      fullUpdate: actions.fullUpdate === true,
    })
    await runDocumentSteps(deps, writer, batch.id, actions)
    await runSmtpStep(deps, batch.id, actions, options.smtpMaxBytes ?? SMTP_MAX_BYTES)
    if (batchSettled(staging.poBatches.items(batch.id))) staging.poBatches.setStatus(batch.id, 'finished')
    const file = resultPath(options, batch.id)
    writeResultCsv(staging, staging.poBatches.get(batch.id)!, file)
    const result: PoBatchResult = {
      ...batchStatus(staging, staging.poBatches.get(batch.id)!, file),
      recovered: {
        writes: settled,
        found: report.found,
        resent: report.resent,
        notLanded: report.notLanded,
        waitedSeconds: Math.round(report.waitedMs / 100) / 10,
      },
      requests: client.stats(),
      ...(notice ? {notice} : {}),
    }
    staging.runs.finish(run.id, 'finished', {batchId: batch.id, steps: result.steps})
    return result
  } catch (error) {
    try {
      staging.runs.finish(run.id, 'interrupted', {batchId: batch?.id, error: (error as Error).message})
      if (batch) writeResultCsv(staging, staging.poBatches.get(batch.id)!, resultPath(options, batch.id))
    } catch (second) {
      logger.debug(`Could not record the interruption: ${(second as Error).message}`)
    }
    throw error
  }
}

/** The exactly-once writer for this job: what a landed update or send means to the batch's items. */
function writerFor(deps: PoDeps, runId: string, report: WriterDeps['report']): WriterDeps {
  const {staging} = deps
  return {
    staging,
    port: clientWritePort(deps.client),
    job: JOB,
    runId,
    now: deps.now,
    sleep: deps.sleep,
    logger: deps.logger,
    report,
    ...(deps.onWait ? {onWait: deps.onWait} : {}),
    onLanded: (write) => {
      const {batchId, poId} = parseItemSourceId(write.sourceId)
      if (write.operation === 'send')
        staging.poBatches.setEmail(batchId, poId, 'sent', {
          at: new Date(deps.now()).toISOString(),
          ref: write.requestId,
        })
      else staging.poBatches.setUpdate(batchId, poId, 'done')
    },
    onUndecided: (write, reason) => {
      const {batchId, poId} = parseItemSourceId(write.sourceId)
      staging.poBatches.setEmail(batchId, poId, 'undecided', undefined, `email: ${reason}`)
    },
  }
}

function findBatch(staging: Staging, realmId: string, batchId: string | undefined): PoBatch {
  if (batchId) {
    const batch = staging.poBatches.get(batchId)
    if (!batch || batch.realmId !== realmId)
      throw new UsageError(`There is no purchase-order batch ${batchId} for QBO company ${realmId}.`, {
        next: 'Run `qbo po status` to list the batches.',
      })
    return batch
  }
  const open = staging.poBatches.list(realmId).find((b) => b.status === 'open')
  if (!open)
    throw new UsageError('There is no unfinished purchase-order batch to resume.', {
      next: 'Start one without --resume, or retry a finished batch with `--resume --batch ID` (see `qbo po status`).',
    })
  return open
}

/** Selects the purchase orders and records the batch with them, its actions and its PDF names, in one go. */
async function createBatch(deps: PoDeps, options: PoBatchOptions): Promise<PoBatch> {
  const {staging, client} = deps
  const open = staging.poBatches.list(client.realmId).find((b) => b.status === 'open')
  if (open) {
    throw new UsageError(`Purchase-order batch ${open.id} is not finished.`, {
      next: `Run \`qbo po batch --resume\` to finish it (same purchase orders, same actions, nothing done twice); \`qbo po status --batch ${open.id}\` shows where it stands.`,
    })
  }
  const actions = actionsOf(options)
  const names = storageNames(staging, options.storage)
  const storage = await resolveStorage(client, names)
  const pos = await selectPurchaseOrders(client, options.selection, storage)
  if (pos.length === 0)
    throw new UserInputError('No purchase order matches the selection.', {
      next: 'Check the flags with `qbo po list` and the same selection.',
      data: {selection: options.selection},
    })
  const id = `po-${new Date(deps.now()).toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomUUID().slice(0, 6)}`
  if (actions.email?.via === 'smtp' && !actions.pdfDir)
    actions.pdfDir = join(dirname(resolve(options.dbPath)), id)
  const fileNames = pdfNames(pos)
  const updates = actions.tag !== undefined || actions.shipDate !== undefined || actions.email?.via === 'qbo'
  inTransaction(staging.db, () => {
    rememberStorageNames(staging, options.storage)
    staging.poBatches.create({
      id,
      realmId: client.realmId,
      selection: {...options.selection},
      actions: {...actions, ...names, storage},
      items: pos.map((po) => {
        const s = summarize(po, storage)
        return {
          poId: s.id,
          docNumber: s.docNumber,
          vendor: s.vendor,
          txnDate: s.txnDate,
          total: s.total,
          pdfName: fileNames.get(s.id) ?? null,
        }
      }),
      initial: {
        update: updates ? 'todo' : 'skipped',
        pdf: actions.pdfDir ? 'todo' : 'skipped',
        email: actions.email ? 'todo' : 'skipped',
      },
    })
  })
  deps.logger.info(`Batch ${id}: ${pos.length} purchase orders.`)
  return staging.poBatches.get(id)!
}

export function actionsOf(
  options: Pick<PoBatchOptions, 'tag' | 'shipDate' | 'pdfDir' | 'email' | 'fullUpdate'>,
): PoActions {
  const actions: PoActions = {
    ...(options.tag !== undefined ? {tag: options.tag} : {}),
    ...(options.shipDate !== undefined ? {shipDate: options.shipDate} : {}),
    ...(options.pdfDir ? {pdfDir: resolve(options.pdfDir)} : {}),
    ...(options.email ? {email: options.email} : {}),
    ...(options.fullUpdate ? {fullUpdate: true} : {}),
  }
  if (Object.keys(actions).filter((k) => k !== 'fullUpdate').length === 0)
    throw new UsageError('Nothing to do: give at least one of --tag, --ship-date, --pdf, --email.', {
      next: 'e.g. `qbo po batch --status open --tag wave-12 --ship-date 2025-03-14 --pdf ./pos --email warehouse@example.com`',
    })
  return actions
}

/** The operator's word on the batch's undecided emails (they looked in the warehouse's inbox). */
function confirmEmails(
  deps: PoDeps,
  writer: WriterDeps,
  batchId: string,
  verdict: 'sent' | 'not-sent',
): void {
  const {staging} = deps
  let n = 0
  for (const item of staging.poBatches.items(batchId)) {
    if (item.emailState !== 'undecided') continue
    const requestId = sendRequestId(deps.client.realmId, batchId, item.poId)
    if (resolveUndecided(writer, requestId, verdict)) {
      n++
      if (verdict === 'not-sent')
        staging.poBatches.setEmail(
          batchId,
          item.poId,
          'todo',
          undefined,
          'email: confirmed not sent; sent again',
        )
    }
  }
  for (const mail of staging.poBatches.mails(batchId)) {
    if (mail.state !== 'undecided' && mail.state !== 'sending') continue
    n += mail.poIds.length
    inTransaction(staging.db, () => {
      staging.poBatches.setMail(
        batchId,
        mail.part,
        verdict === 'sent' ? 'sent' : 'todo',
        `confirmed ${verdict} by the operator`,
      )
      for (const id of mail.poIds) {
        if (verdict === 'sent')
          staging.poBatches.setEmail(
            batchId,
            id,
            'sent',
            {at: new Date(deps.now()).toISOString(), ref: mail.messageId},
            'email: confirmed sent by the operator',
          )
        else
          staging.poBatches.setEmail(batchId, id, 'todo', undefined, 'email: confirmed not sent; sent again')
      }
    })
  }
  deps.logger.info(`${n} undecided emails recorded as ${verdict} on your word.`)
}

function resultPath(options: PoBatchOptions, batchId: string): string {
  return options.out ? resolve(options.out) : join(dirname(resolve(options.dbPath)), `${batchId}.csv`)
}

export {itemSourceId}
