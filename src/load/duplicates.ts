import {LIST_ENTITIES, type QboEntity} from '../domain/entities.js'
import type {Staging} from '../staging/index.js'
import type {QboWritePort} from './port.js'

export interface Duplicate {
  entity: string
  sourceId: string
  /** Every QBO record carrying the one marker, oldest first. */
  qboIds: string[]
}

/**
 * Records of this migration that QBO holds more than once: two records carrying one PrivateNote marker.
 * Exactly-once loading should make this impossible; this check is how a load proves it, and how it tells
 * the user loudly if it ever failed. Lists need no check: QBO keeps their names unique.
 */
export async function findDuplicates(
  staging: Staging,
  port: QboWritePort,
  system: string,
): Promise<Duplicate[]> {
  const entities = Object.keys(staging.idMap.countsByEntity(port.realmId)).filter(
    (e) => !LIST_ENTITIES.has(e as QboEntity),
  )
  const duplicates: Duplicate[] = []
  for (const entity of entities) {
    const bySource = new Map<string, string[]>()
    for (const r of await port.markedRecords(entity)) {
      if (r.system !== system) continue
      bySource.set(r.sourceId, [...(bySource.get(r.sourceId) ?? []), r.id])
    }
    for (const [sourceId, ids] of bySource) {
      if (ids.length > 1)
        duplicates.push({entity, sourceId, qboIds: ids.sort((a, b) => Number(a) - Number(b))})
    }
  }
  return duplicates
}

/** Both lists, each duplicate once. */
export function mergeDuplicates(a: readonly Duplicate[], b: readonly Duplicate[]): Duplicate[] {
  const seen = new Map<string, Duplicate>()
  for (const d of [...a, ...b]) {
    const key = `${d.entity}\u0000${d.sourceId}`
    const known = seen.get(key)
    seen.set(key, known ? {...d, qboIds: [...new Set([...known.qboIds, ...d.qboIds])]} : d)
  }
  return [...seen.values()]
}
