import {writeFileSync} from 'node:fs'

import {stringify} from 'csv-stringify/sync'

import type {QboClient} from '../qbo/index.js'
import type {Staging} from '../staging/index.js'
import {type PoSelection, type PoSummary, selectPurchaseOrders, summarize} from './selection.js'
import {resolveStorage, type StorageNames, storageNames} from './storage.js'

export interface PoListResult {
  count: number
  /** Where tags and ship dates are read from in this company. */
  storage: {tag: string; shipDate: string}
  purchaseOrders: PoSummary[]
  out?: string
}

/** `qbo po list`: the purchase orders a selection names, with their tags and ship dates. Reads only. */
export async function listPurchaseOrders(
  deps: {staging: Staging; client: QboClient},
  selection: PoSelection,
  given: StorageNames,
  out?: string,
): Promise<PoListResult> {
  const names = storageNames(deps.staging, given)
  const storage = await resolveStorage(deps.client, names)
  const pos = (await selectPurchaseOrders(deps.client, selection, storage)).map((po) =>
    summarize(po, storage),
  )
  if (out) {
    writeFileSync(
      out,
      stringify(
        pos.map((p) => ({...p, tags: p.tags.join(', ')})),
        {
          header: true,
          columns: [
            'id',
            'docNumber',
            'vendor',
            'vendorId',
            'txnDate',
            'dueDate',
            'status',
            'total',
            'tags',
            'shipDate',
            'emailStatus',
          ],
        },
      ),
    )
  }
  return {
    count: pos.length,
    storage: {
      tag: names.tagField ? `custom field "${names.tagField}"` : 'PrivateNote (first line "Tags: …")',
      shipDate: names.shipDateField ? `custom field "${names.shipDateField}"` : 'DueDate',
    },
    purchaseOrders: pos,
    ...(out ? {out} : {}),
  }
}
