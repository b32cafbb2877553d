import {planPoChange, type PoWant} from '../mappers/po/fields.js'
import type {QboClient} from '../qbo/index.js'
import type {Staging} from '../staging/index.js'
import {actionsOf, type PoBatchOptions} from './batch.js'
import {pdfNames} from './pdf-names.js'
import {selectPurchaseOrders, summarize} from './selection.js'
import {resolveStorage, storageNames} from './storage.js'
import type {PoActions} from './types.js'

export interface PoBatchPlan {
  dryRun: true
  actions: PoActions
  purchaseOrders: {
    id: string
    docNumber: string | null
    vendor: string | null
    /** What the update would change, 'unchanged', or why it would be refused. */
    update: string[] | 'unchanged' | {refused: string}
    pdfFile: string | null
    emailTo: string | null
  }[]
  counts: {
    purchaseOrders: number
    updates: number
    unchanged: number
    refused: number
    pdfs: number
    emails: number
  }
}

/**
 * `qbo po batch --dry-run`: what a batch would do, read from QBO as it is now. Writes nothing anywhere: not
 * to QBO, not to the migration file, no file, no email.
 */
export async function planPoBatch(
  deps: {staging: Staging; client: QboClient},
  options: PoBatchOptions,
): Promise<PoBatchPlan> {
  const actions = actionsOf(options)
  const names = storageNames(deps.staging, options.storage)
  const storage = await resolveStorage(deps.client, names)
  const pos = await selectPurchaseOrders(deps.client, options.selection, storage)
  const files = pdfNames(pos)
  const want: PoWant = {
    ...(actions.tag !== undefined ? {tag: actions.tag} : {}),
    ...(actions.shipDate !== undefined ? {shipDate: actions.shipDate} : {}),
    ...(actions.email?.via === 'qbo' ? {emailTo: actions.email.to} : {}),
  }
  const rows = pos.map((po) => {
    const s = summarize(po, storage)
    const change = planPoChange(po, want, storage)
    return {
      id: s.id,
      docNumber: s.docNumber,
      vendor: s.vendor,
      update:
        change.kind === 'change'
          ? change.describe
          : change.kind === 'unchanged'
            ? ('unchanged' as const)
            : {refused: change.reason},
      pdfFile: actions.pdfDir || actions.email?.via === 'smtp' ? (files.get(s.id) ?? null) : null,
      emailTo: actions.email?.to ?? null,
    }
  })
  return {
    dryRun: true,
    actions: {...actions, ...names},
    purchaseOrders: rows,
    counts: {
      purchaseOrders: rows.length,
      updates: rows.filter((r) => Array.isArray(r.update)).length,
      unchanged: rows.filter((r) => r.update === 'unchanged').length,
      refused: rows.filter((r) => typeof r.update === 'object' && !Array.isArray(r.update)).length,
      pdfs: rows.filter((r) => r.pdfFile).length,
      emails: actions.email ? (actions.email.via === 'smtp' ? 1 : rows.length) : 0,
    },
  }
}
