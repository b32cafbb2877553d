import {writeFileSync} from 'node:fs'

import {stringify} from 'csv-stringify/sync'

import type {PoBatch, PoBatchItem, Staging} from '../staging/index.js'
import type {PoActions, PoBatchResult, StepCounts} from './types.js'

function count(items: readonly PoBatchItem[], key: 'updateState' | 'pdfState' | 'emailState'): StepCounts {
  const out: StepCounts = {}
  for (const i of items) out[i[key]] = (out[i[key]] ?? 0) + 1
  return out
}

const NEEDS_ATTENTION = new Set(['failed', 'conflict', 'undecided', 'blocked'])

/**
 * Where a batch stands: per step, how many purchase orders are in each state; the SMTP parts; those that
 * need attention. What `qbo po status --json` prints and what a dashboard page would show.
 */
export function batchStatus(
  staging: Staging,
  batch: PoBatch,
  resultFile: string | null = null,
): PoBatchResult {
  const items = staging.poBatches.items(batch.id)
  const attention: PoBatchResult['attention'] = []
  for (const i of items) {
    for (const [step, state] of [
      ['update', i.updateState],
      ['pdf', i.pdfState],
      ['email', i.emailState],
    ] as const) {
      if (NEEDS_ATTENTION.has(state))
        attention.push({poId: i.poId, docNumber: i.docNumber, step, state, note: i.note})
    }
  }
  return {
    batchId: batch.id,
    realmId: batch.realmId,
    status: batch.status,
    createdAt: batch.createdAt,
    actions: batch.actions as PoActions,
    purchaseOrders: items.length,
    steps: {
      update: count(items, 'updateState'),
      pdf: count(items, 'pdfState'),
      email: count(items, 'emailState'),
    },
    mails: staging.poBatches.mails(batch.id).map((m) => ({
      part: m.part,
      messageId: m.messageId,
      purchaseOrders: m.poIds.length,
      state: m.state,
      response: m.response,
    })),
    attention,
    resultFile,
  }
}

/** Nothing left that a run would do by itself: every step done, skipped or failed, no email undecided. */
export function batchSettled(items: readonly PoBatchItem[]): boolean {
  return items.every(
    (i) =>
      i.updateState !== 'todo' &&
      i.pdfState !== 'todo' &&
      i.emailState !== 'todo' &&
      i.emailState !== 'undecided',
  )
}

/** The batch's result file: one row per purchase order, every step's outcome. */
export function writeResultCsv(staging: Staging, batch: PoBatch, path: string): void {
  const actions = batch.actions as PoActions
  const rows = staging.poBatches.items(batch.id).map((i) => ({
    DocNumber: i.docNumber ?? '',
    Vendor: i.vendor ?? '',
    QboId: i.poId,
    TxnDate: i.txnDate ?? '',
    Total: i.total ?? '',
    Tag: actions.tag ?? '',
    ShipDate: actions.shipDate ?? '',
    Update: i.updateState,
    Pdf: i.pdfState,
    PdfFile: i.pdfState === 'saved' ? (i.pdfName ?? '') : '',
    PdfSha256: i.pdfSha256 ?? '',
    Email: i.emailState,
    EmailedTo: i.emailState === 'sent' ? (actions.email?.to ?? '') : '',
    EmailedAt: i.emailAt ?? '',
    EmailRef: i.emailRef ?? '',
    Note: i.note ?? '',
  }))
  writeFileSync(path, stringify(rows, {header: true, columns: Object.keys(rows[0] ?? {DocNumber: ''})}))
}
