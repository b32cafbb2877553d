import {inTransaction, type Staging} from '../staging/index.js'
import type {OutboxEntry} from '../staging/outbox.js'
import type {Logger} from '../ui/logger.js'
import type {Identity, QboWritePort} from './port.js'
import type {QboEntity} from '../domain/entities.js'

export interface UnknownResolution {
  adopted: number
  /** Writes that never reached QBO: their records are simply pending again. */
  notFound: number
}

/**
 * Resolves every write to this realm whose outcome is unknown (the process died, or the connection dropped,
 * between sending and committing the answer). Each is looked up in QBO by its identity: found means it was
 * written, and it is adopted into the id map; not found means it never landed, and its record is sent again.
 * This runs before anything new is sent, so a record is never written twice.
 */
export async function resolveUnknownWrites(
  staging: Staging,
  port: QboWritePort,
  runId: string,
  logger: Logger,
): Promise<UnknownResolution> {
  const open = staging.outbox.unresolvedForRealm(port.realmId)
  const result: UnknownResolution = {adopted: 0, notFound: 0}
  for (const entry of open) {
    if (staging.idMap.get(port.realmId, entry.entity, entry.sourceSystem, entry.sourceId)) {
      staging.outbox.mark(entry.requestId, 'succeeded')
      continue
    }
    const identity = parseIdentity(entry)
    const found = identity ? await port.findExisting(entry.entity as QboEntity, identity) : []
    if (found.length === 0) {
      staging.outbox.mark(entry.requestId, 'failed', 'not in QBO after an interrupted send; sent again')
      result.notFound++
      continue
    }
    const sorted = [...found].sort((a, b) => Number(a.id) - Number(b.id))
    const first = sorted[0]!
    if (sorted.length > 1) {
      logger.warn(
        `${entry.entity} ${entry.sourceId} exists ${sorted.length} times in QBO (ids ${sorted.map((f) => f.id).join(', ')}); ` +
          `keeping ${first.id}. The others were not written by this run's exactly-once path: review them in QBO.`,
      )
    }
    inTransaction(staging.db, () => {
      staging.idMap.put({
        realmId: port.realmId,
        entity: entry.entity,
        sourceSystem: entry.sourceSystem,
        sourceId: entry.sourceId,
        qboId: first.id,
        syncToken: first.syncToken,
        how: 'created',
        runId,
      })
      staging.outbox.mark(entry.requestId, 'succeeded', 'outcome was unknown; found in QBO and adopted')
    })
    result.adopted++
  }
  return result
}

function parseIdentity(entry: OutboxEntry): Identity | undefined {
  if (!entry.identityJson) return undefined
  return JSON.parse(entry.identityJson) as Identity
}
