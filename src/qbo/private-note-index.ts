import {type SourceSystem, parsePrivateNoteMarker} from '../domain/ids.js'
import type {QboClient, QboEntity} from './client.js'
import {select} from './query.js'

export interface IndexedEntity {
  entity: string
  id: string
  syncToken: string | undefined
  row: QboEntity
}

export interface PrivateNoteIndexOptions {
  entities: readonly string[]
  /**
   * Bounds the pull: transactions by `TxnDate >= since` (a civil date), list entities by
   * `MetaData.LastUpdatedTime >= since` (an ISO instant or date). Omit to pull everything.
   */
  since?: {field: 'TxnDate' | 'MetaData.LastUpdatedTime'; value: string}
  /** Other non-filterable fields to index by exact value, e.g. ['DocNumber']. */
  extraKeys?: readonly string[]
  /**
   * Also index every line of PrivateNote (trimmed), for markers other systems write in their own form,
   * e.g. `Shopify order 1001` or `qbo-toolkit:myob:INV-00001` (the ShipStation sync's marker matching).
   */
  noteLines?: boolean
}

/**
 * QBO cannot filter on PrivateNote (fault 4001), where our marker `qbo-toolkit:<system>:<sourceId>` lives.
 * One date-bounded pull per entity builds this in-memory index, so each lookup by external reference
 * costs no query.
 */
export class PrivateNoteIndex {
  private readonly byMarker = new Map<string, IndexedEntity>()
  private readonly byKey = new Map<string, IndexedEntity>()
  private readonly byLine = new Map<string, IndexedEntity[]>()
  size = 0

  add(entity: string, row: QboEntity, extraKeys: readonly string[] = [], noteLines = false): void {
    const hit: IndexedEntity = {entity, id: String(row.Id), syncToken: row.SyncToken, row}
    this.size += 1
    const marker = parsePrivateNoteMarker(typeof row.PrivateNote === 'string' ? row.PrivateNote : undefined)
    if (marker) this.byMarker.set(`${entity}\u001f${marker.system}\u001f${marker.sourceId}`, hit)
    for (const k of extraKeys) {
      const v = row[k]
      if (typeof v === 'string' && v) this.byKey.set(`${entity}\u001f${k}\u001f${v}`, hit)
    }
    if (noteLines && typeof row.PrivateNote === 'string') {
      for (const line of new Set(row.PrivateNote.split(/\r?\n/).map((l) => l.trim()))) {
        if (!line) continue
        const key = `${entity}\u001f${line}`
        this.byLine.set(key, [...(this.byLine.get(key) ?? []), hit])
      }
    }
  }

  /** Every record of `entity` with a PrivateNote line equal to `line` (trimmed): more than one is ambiguous. */
  byNoteLine(entity: string, line: string): IndexedEntity[] {
    return this.byLine.get(`${entity}\u001f${line.trim()}`) ?? []
  }

  bySource(entity: string, system: SourceSystem, sourceId: string): IndexedEntity | undefined {
    return this.byMarker.get(`${entity}\u001f${system}\u001f${sourceId}`)
  }

  byField(entity: string, field: string, value: string): IndexedEntity | undefined {
    return this.byKey.get(`${entity}\u001f${field}\u001f${value}`)
  }
}

export async function buildPrivateNoteIndex(
  client: QboClient,
  options: PrivateNoteIndexOptions,
): Promise<PrivateNoteIndex> {
  const index = new PrivateNoteIndex()
  for (const entity of options.entities) {
    const q = select(entity)
    if (options.since) q.where(options.since.field, '>=', options.since.value)
    for (const row of await client.queryAll(q)) index.add(entity, row, options.extraKeys, options.noteLines)
  }
  return index
}
