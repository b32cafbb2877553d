import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export type MapType = 'account' | 'taxCode' | 'tracking' | 'term' | 'paymentMethod' | 'contact' | 'item'

export interface Mapping {
  mapType: MapType
  sourceKey: string
  /** The QBO target (an Id or a name, depending on the map type); null means "do not migrate". */
  target: string | null
  origin: 'suggested' | 'user'
  note: string | null
}

/** Source-to-target mappings: the tool's suggestions and the accountant's edits (which always win). */
export class MappingsRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Stores a suggestion unless the user has already decided this key. */
  suggest(mapType: MapType, sourceKey: string, target: string | null, note?: string): void {
    this.db
      .prepare(
        `INSERT INTO mappings (map_type, source_key, target, origin, note, updated_at) VALUES (?, ?, ?, 'suggested', ?, ?)
         ON CONFLICT (map_type, source_key) DO UPDATE SET target = excluded.target, note = excluded.note,
           updated_at = excluded.updated_at WHERE mappings.origin = 'suggested'`,
      )
      .run(mapType, sourceKey, target, note ?? null, isoNow(this.clock))
  }

  setByUser(mapType: MapType, sourceKey: string, target: string | null, note?: string): void {
    this.db
      .prepare(
        `INSERT INTO mappings (map_type, source_key, target, origin, note, updated_at) VALUES (?, ?, ?, 'user', ?, ?)
         ON CONFLICT (map_type, source_key) DO UPDATE SET target = excluded.target, origin = 'user',
           note = excluded.note, updated_at = excluded.updated_at`,
      )
      .run(mapType, sourceKey, target, note ?? null, isoNow(this.clock))
  }

  list(mapType?: MapType): Mapping[] {
    const sql = `SELECT map_type AS mapType, source_key AS sourceKey, target, origin, note FROM mappings
                 ${mapType ? 'WHERE map_type = ?' : ''} ORDER BY map_type, source_key`
    return (mapType ? this.db.prepare(sql).all(mapType) : this.db.prepare(sql).all()) as Mapping[]
  }

  get(mapType: MapType, sourceKey: string): Mapping | undefined {
    return this.db
      .prepare(
        `SELECT map_type AS mapType, source_key AS sourceKey, target, origin, note FROM mappings
         WHERE map_type = ? AND source_key = ?`,
      )
      .get(mapType, sourceKey) as Mapping | undefined
  }
}
