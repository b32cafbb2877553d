import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, statSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {requestIdFor} from '../domain/ids.js'
import {writeAtomically} from '../io/atomic-file.js'
import {sendAction} from '../load/outbox/action.js'
import type {WriterDeps} from '../load/outbox/writer.js'
import {QboFaultError} from '../qbo/index.js'
import type {PoBatchItem} from '../staging/po-batches.js'
import type {PoActions, PoDeps} from './types.js'
import {itemSourceId} from './update-step.js'

/** Purchase orders worked on at once; the client's scheduler keeps the requests within QBO's limits. */
const WORKERS = 4

/** A purchase order whose tag or ship date could not be set is neither saved nor emailed. */
export function updateSettled(item: PoBatchItem): boolean {
  return item.updateState === 'done' || item.updateState === 'unchanged' || item.updateState === 'skipped'
}

/** The email send's own id: one per purchase order per batch. */
export function sendRequestId(realmId: string, batchId: string, poId: string): string {
  return requestIdFor(realmId, 'po', itemSourceId(batchId, poId), 'send')
}

/**
 * For each purchase order of the batch, in order and a few at a time: its PDF (unless already saved for this
 * batch and still on disk), then its QBO email (unless sent or undecided).
 */
export async function runDocumentSteps(
  deps: PoDeps,
  writer: WriterDeps,
  batchId: string,
  actions: PoActions,
): Promise<void> {
  const {staging} = deps
  const items = staging.poBatches.items(batchId)
  const byQbo = actions.email?.via === 'qbo'
  const work = items.filter(
    (i) =>
      (actions.pdfDir && i.pdfState !== 'saved') ||
      (actions.pdfDir && i.pdfState === 'saved' && !pdfOnDisk(actions.pdfDir, i)) ||
      (byQbo && (i.emailState === 'todo' || i.emailState === 'failed' || i.emailState === 'blocked')),
  )
  if (actions.pdfDir) mkdirSync(actions.pdfDir, {recursive: true})
  let next = 0
  let done = 0
  const worker = async () => {
    for (let i = next++; i < work.length; i = next++) {
      const item = work[i]!
      if (!updateSettled(item)) {
        if (actions.pdfDir)
          staging.poBatches.setPdf(batchId, item.poId, 'skipped', undefined, 'tag or ship date not set')
        if (actions.email)
          staging.poBatches.setEmail(batchId, item.poId, 'blocked', undefined, 'tag or ship date not set')
        continue
      }
      if (actions.pdfDir) await savePdf(deps, batchId, actions.pdfDir, item)
      if (byQbo) await emailByQbo(deps, writer, batchId, actions.email!.to, item)
      deps.onProgress?.({step: 'documents', done: ++done, total: work.length})
    }
  }
  await Promise.all(Array.from({length: Math.min(WORKERS, work.length)}, worker))
}

export function pdfOnDisk(dir: string, item: PoBatchItem): boolean {
  if (!item.pdfName) return false
  const path = join(dir, item.pdfName)
  return existsSync(path) && statSync(path).size === item.pdfBytes
}

async function savePdf(deps: PoDeps, batchId: string, dir: string, item: PoBatchItem): Promise<void> {
  if (item.pdfState === 'saved' && pdfOnDisk(dir, item)) return
  const path = join(dir, item.pdfName!)
  try {
    const bytes = await deps.client.pdf('PurchaseOrder', item.poId)
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new Error('QBO answered with something that is not a PDF')
    // A file with the final name is always complete (pdfOnDisk trusts it on a rerun); the batch runs under
    // its job lock, so a PDF cut off by a kill is replaced, not left beside, when the resumed run saves it.
    await writeAtomically(path, (tmp) => writeFile(tmp, bytes), {stableTemp: true})
    deps.staging.poBatches.setPdf(batchId, item.poId, 'saved', {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    })
  } catch (error) {
    deps.staging.poBatches.setPdf(batchId, item.poId, 'failed', undefined, `PDF: ${(error as Error).message}`)
  }
}

/**
 * QBO emails the purchase order. The document is read first: what EmailStatus and DeliveryInfo show now is
 * what a lost answer is judged against (load/outbox/action.ts).
 */
async function emailByQbo(
  deps: PoDeps,
  writer: WriterDeps,
  batchId: string,
  to: string,
  item: PoBatchItem,
): Promise<void> {
  const current = deps.staging.poBatches.item(batchId, item.poId)
  if (!current || current.emailState === 'sent' || current.emailState === 'undecided') return
  let po
  try {
    po = await deps.client.read('PurchaseOrder', item.poId)
  } catch (error) {
    if (!(error instanceof QboFaultError)) throw error
    deps.staging.poBatches.setEmail(batchId, item.poId, 'failed', undefined, `email: ${error.message}`)
    return
  }
  const info = po.DeliveryInfo as {DeliveryTime?: unknown} | undefined
  const outcome = await sendAction(writer, {
    requestId: sendRequestId(deps.client.realmId, batchId, item.poId),
    entity: 'PurchaseOrder',
    sourceSystem: 'po',
    sourceId: itemSourceId(batchId, item.poId),
    id: item.poId,
    sendTo: to,
    before: {
      emailStatus: typeof po.EmailStatus === 'string' ? po.EmailStatus : null,
      deliveryTime: typeof info?.DeliveryTime === 'string' ? info.DeliveryTime : null,
    },
  })
  if (!outcome.ok && 'fault' in outcome)
    deps.staging.poBatches.setEmail(
      batchId,
      item.poId,
      'failed',
      undefined,
      `email: QBO fault ${outcome.fault.code} ${outcome.fault.message}`,
    )
}
