import type {Staging} from '../staging/index.js'
import type {LandedWrite, WriterDeps} from './outbox/writer.js'

/** The fields a sparse update wrote: its body without Id, SyncToken and the sparse flag. */
export function writtenFields(payload: Record<string, unknown>): Record<string, unknown> {
  const {Id: _id, SyncToken: _token, sparse: _sparse, ...fields} = payload
  return fields
}

/**
 * What a landed write of the migration means to the migration file, recorded inside the transaction that
 * closes its outbox row: a create enters the id map with what was written; an update refreshes the SyncToken
 * and what QBO now holds from us; a delete (a document replaced by corrections) leaves the map.
 */
export function migrationLanded(staging: Staging, realmId: string, runId: string): WriterDeps['onLanded'] {
  return (write, landed) => {
    if (write.operation === 'create') recordCreated(staging, realmId, runId, write, landed)
    else if (write.operation === 'update') recordUpdated(staging, realmId, write, landed)
    else if (write.operation === 'delete')
      staging.idMap.remove(realmId, write.entity, write.sourceSystem, write.sourceId)
  }
}

/** A create that landed, in the id map with its checkpoint. */
export function recordCreated(
  staging: Staging,
  realmId: string,
  runId: string,
  write: Pick<LandedWrite, 'entity' | 'sourceSystem' | 'sourceId' | 'payload'>,
  landed: {id: string; syncToken: string},
): void {
  staging.idMap.put({
    realmId,
    entity: write.entity,
    sourceSystem: write.sourceSystem,
    sourceId: write.sourceId,
    qboId: landed.id,
    syncToken: landed.syncToken,
    how: 'created',
    runId,
    ...(Object.keys(write.payload).length > 0 ? {payload: write.payload} : {}),
  })
  staging.parked.unpark(runId, write.entity, write.sourceSystem, write.sourceId)
  staging.checkpoints.set(runId, write.entity, write.sourceId)
}

/** A correction that landed: the record now holds what was loaded with the written fields replaced. */
function recordUpdated(
  staging: Staging,
  realmId: string,
  write: LandedWrite,
  landed: {id: string; syncToken: string},
): void {
  const entry = staging.idMap.get(realmId, write.entity, write.sourceSystem, write.sourceId)
  if (!entry) return
  const before = staging.idMap.payload(realmId, write.entity, write.sourceSystem, write.sourceId) ?? {}
  staging.idMap.put({
    ...entry,
    syncToken: landed.syncToken || entry.syncToken,
    payload: {...before, ...writtenFields(write.payload)},
  })
}
