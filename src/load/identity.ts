import {LIST_ENTITIES, type QboEntity} from '../domain/entities.js'
import {parsePrivateNoteMarker} from '../domain/ids.js'
import type {Identity} from './port.js'

/**
 * How to find a payload's record in QBO without its id. Lists are unique by name (Customer, Vendor and
 * Employee by DisplayName, the rest by Name). Transactions carry the PrivateNote marker the mappers write;
 * their DocNumber (or TxnDate) narrows the query, since QBO cannot filter on PrivateNote.
 */
export function identityOf(entity: QboEntity, payload: Record<string, unknown>): Identity | undefined {
  if (LIST_ENTITIES.has(entity)) {
    const field = entity === 'Customer' || entity === 'Vendor' ? 'DisplayName' : 'Name'
    const value = payload[field]
    return typeof value === 'string' && value.length > 0 ? {kind: 'name', field, value} : undefined
  }
  const note = payload.PrivateNote
  if (typeof note !== 'string') return undefined
  const parsed = parsePrivateNoteMarker(note)
  if (!parsed) return undefined
  const marker = `qbo-toolkit:${parsed.system}:${parsed.sourceId}`
  const docNumber = typeof payload.DocNumber === 'string' ? payload.DocNumber : undefined
  const txnDate = typeof payload.TxnDate === 'string' ? payload.TxnDate : undefined
  return {kind: 'marker', marker, ...(docNumber ? {docNumber} : {}), ...(txnDate ? {txnDate} : {})}
}
