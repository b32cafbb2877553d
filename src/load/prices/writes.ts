import {contentHash, requestIdFor} from '../../domain/ids.js'
import type {Write} from '../outbox/write.js'

/** What a price write needs from its diff line. */
export interface PriceWriteLine {
  diffId: number
  line: number
  itemId: string
  syncToken: string
  newCost: string
}

export const PRICES_JOB = 'prices'
export const PRICE_SOURCE = 'price-list'

/**
 * The one write a price change makes: a sparse update of PurchaseCost and nothing else (never QtyOnHand,
 * which QBO may refuse on an update: integrations.md §4.1). Its requestid comes from the diff, the item and
 * the new cost (and, through the payload hash, the SyncToken it is written with: after a stale-object
 * re-read the write is a new one). Its probe: the item holds that cost.
 */
export function priceWrite(realmId: string, diffUid: string, l: PriceWriteLine): Write {
  const fields = {PurchaseCost: Number(l.newCost)}
  const payload = {Id: l.itemId, SyncToken: l.syncToken, sparse: true, ...fields}
  const payloadHash = contentHash(payload)
  return {
    requestId: requestIdFor(realmId, PRICES_JOB, diffUid, l.itemId, l.newCost, payloadHash),
    entity: 'Item',
    sourceSystem: PRICE_SOURCE,
    sourceId: lineKey(l.diffId, l.line),
    operation: 'update',
    payload,
    payloadHash,
    probe: {kind: 'fields', id: l.itemId, fields},
  }
}

/** The outbox's source id of a diff line: "<diff id>:<line>". */
export function lineKey(diffId: number, line: number): string {
  return `${diffId}:${line}`
}

export function parseLineKey(key: string): {diffId: number; line: number} | undefined {
  const m = /^(\d+):(\d+)$/.exec(key)
  return m ? {diffId: Number(m[1]), line: Number(m[2])} : undefined
}
