import {contentHash, requestIdFor} from '../../domain/ids.js'
import type {DesiredDoc} from '../../mappers/shopify/docs.js'
import {KEYS, sourceIdOf} from '../../mappers/shopify/identity.js'
import type {Write} from '../outbox/write.js'

/** The writer's job name for the Shopify sync: its outbox rows, settled at the start of every run. */
export const JOB = 'shopify'
const SYSTEM = 'shopify'

/** A list record the posting model names (a customer per currency, an item per SKU …), found by its name. */
export function listWrite(realmId: string, entity: string, payload: Record<string, unknown>): Write {
  const field = entity === 'Customer' ? 'DisplayName' : 'Name'
  const name = String(payload[field])
  const hash = contentHash(payload)
  const sourceId = `list:${entity}:${name}`
  return {
    requestId: requestIdFor(realmId, SYSTEM, sourceId, hash),
    entity,
    sourceSystem: SYSTEM,
    sourceId,
    operation: 'create',
    payload,
    payloadHash: hash,
    probe: {kind: 'identity', identity: {kind: 'name', field, value: name}},
  }
}

/** A new document, found afterwards by its PrivateNote marker (narrowed by DocNumber, or by date). */
export function createWrite(
  realmId: string,
  shop: string,
  orderId: string,
  doc: DesiredDoc,
  payload: Record<string, unknown>,
): Write {
  const hash = contentHash(payload)
  const sourceId = sourceIdOf(shop, orderId, doc.key)
  return {
    requestId: requestIdFor(realmId, SYSTEM, sourceId, doc.marker, hash),
    entity: doc.entity,
    sourceSystem: SYSTEM,
    sourceId,
    operation: 'create',
    payload,
    payloadHash: hash,
    probe: {
      kind: 'identity',
      identity: {
        kind: 'marker',
        marker: doc.marker,
        ...(doc.docNumber ? {docNumber: doc.docNumber} : {txnDate: doc.txnDate}),
      },
    },
  }
}

/**
 * A sparse update of what the sync owns in a document, with QBO's current SyncToken. It landed if the
 * document carries the new PrivateNote, whose version line changes with every change of content.
 */
export function updateWrite(
  realmId: string,
  shop: string,
  orderId: string,
  doc: DesiredDoc,
  current: {id: string; syncToken: string},
  payload: Record<string, unknown>,
): Write {
  const hash = contentHash(payload)
  const sourceId = sourceIdOf(shop, orderId, doc.key)
  const {CustomerRef: _c, CurrencyRef: _cur, ExchangeRate: _x, ...fields} = payload
  return {
    requestId: requestIdFor(realmId, SYSTEM, sourceId, hash, current.id, current.syncToken),
    entity: doc.entity,
    sourceSystem: SYSTEM,
    sourceId,
    operation: 'update',
    payload: {Id: current.id, SyncToken: current.syncToken, sparse: true, ...fields},
    payloadHash: hash,
    probe: {kind: 'fields', id: current.id, fields: {PrivateNote: payload.PrivateNote}},
  }
}

/** Voids a sales receipt that must become an invoice (QBO keeps it, amounts zeroed). */
export function voidWrite(
  realmId: string,
  shop: string,
  orderId: string,
  entity: string,
  current: {id: string; syncToken: string},
): Write {
  const sourceId = sourceIdOf(shop, orderId, KEYS.void(KEYS.doc))
  const payload = {Id: current.id, SyncToken: current.syncToken, sparse: true}
  return {
    requestId: requestIdFor(realmId, SYSTEM, sourceId, current.id, current.syncToken),
    entity,
    sourceSystem: SYSTEM,
    sourceId,
    operation: 'update',
    optionsData: 'void',
    payload,
    payloadHash: contentHash(payload),
    probe: {kind: 'fields', id: current.id, fields: {TotalAmt: 0}},
  }
}

/** Removes a document the order no longer calls for. */
export function deleteWrite(
  realmId: string,
  shop: string,
  orderId: string,
  key: string,
  entity: string,
  current: {id: string; syncToken: string},
): Write {
  const sourceId = sourceIdOf(shop, orderId, key)
  const payload = {Id: current.id, SyncToken: current.syncToken}
  return {
    requestId: requestIdFor(realmId, SYSTEM, sourceId, 'delete', current.id, current.syncToken),
    entity,
    sourceSystem: SYSTEM,
    sourceId,
    operation: 'delete',
    payload,
    payloadHash: contentHash(payload),
    probe: {kind: 'gone', id: current.id},
  }
}
