import {isDeepStrictEqual} from 'node:util'

import {requestIdFor} from '../domain/ids.js'
import type {QboClient, QboEntity} from './client.js'
import {QboFaultError, SyncConflictError} from './errors.js'

export interface SparseUpdateInput {
  entity: string
  id: string
  /** The SyncToken the caller read. */
  syncToken: string
  /** The fields to write, and only those. */
  fields: Record<string, unknown>
  /** The values of those same fields as the caller read them: the basis of the conflict check. */
  readValues: Record<string, unknown>
  requestId: string
}

/**
 * Sparse update (Id + SyncToken + sparse:true + the fields). On 5010 (stale object) it re-reads: if
 * nobody touched the fields being written since the caller read them, it retries with the new SyncToken;
 * otherwise it writes nothing and throws SyncConflictError. Returns the updated entity (new SyncToken).
 */
export async function sparseUpdate(
  client: QboClient,
  input: SparseUpdateInput,
  maxRetries = 3,
): Promise<QboEntity> {
  let syncToken = input.syncToken
  for (let attempt = 0; ; attempt++) {
    // A new SyncToken is a new logical write; it gets its own (still deterministic) requestid so QBO
    // does not replay the stale-object answer of the previous attempt.
    const requestId = attempt === 0 ? input.requestId : requestIdFor(input.requestId, 'sync', syncToken)
    try {
      return await client.update(
        input.entity,
        {Id: input.id, SyncToken: syncToken, sparse: true, ...input.fields},
        {requestId},
      )
    } catch (e) {
      if (!(e instanceof QboFaultError) || e.faultCode !== '5010' || attempt >= maxRetries) throw e
    }
    const current = await client.read(input.entity, input.id)
    const changed = Object.keys(input.fields).filter(
      (k) => !isDeepStrictEqual(current[k], input.readValues[k]),
    )
    if (changed.length > 0) throw new SyncConflictError(input.entity, input.id, changed)
    if (typeof current.SyncToken !== 'string')
      throw new SyncConflictError(input.entity, input.id, ['SyncToken'])
    syncToken = current.SyncToken
  }
}
