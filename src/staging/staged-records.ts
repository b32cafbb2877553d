import {sha256Hex, stableStringify} from '../domain/ids.js'
import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface StagedRecord<T = unknown> {
  sourceSystem: string
  kind: string
  sourceId: string
  record: T
  contentHash: string
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged'

/** A staged record that an earlier version of a file carried and the version just read does not. */
export interface AbsentRecord {
  kind: string
  sourceId: string
  /** In the id map or the outbox of some load: it is (or may be) in QBO already. */
  loaded: boolean
}

/** SQL: whether a load wrote (id map) or tried to write (outbox) the record with this system and source id. */
const touchedByLoad = (system: string, sourceId: string) =>
  `(EXISTS (SELECT 1 FROM id_map WHERE source_system = ${system} AND source_id = ${sourceId})
    OR EXISTS (SELECT 1 FROM outbox WHERE source_system = ${system} AND source_id = ${sourceId}))`

interface Row {
  source_system: string
  kind: string
  source_id: string
  canonical_json: string
  content_hash: string
}

const toRecord = (row: Row): StagedRecord => ({
  sourceSystem: row.source_system,
  kind: row.kind,
  sourceId: row.source_id,
  record: JSON.parse(row.canonical_json) as unknown,
  contentHash: row.content_hash,
})

/** Canonical records staged from a source, keyed by (source system, kind, source id). */
export class StagedRecordsRepo {
  private readonly selectHash
  private readonly insert
  private readonly update
  private readonly repoint

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {
    this.selectHash = db.prepare(
      `SELECT content_hash, source_file_id FROM staged_records WHERE source_system = ? AND kind = ? AND source_id = ?`,
    )
    this.insert = db.prepare(
      `INSERT INTO staged_records (source_system, kind, source_id, canonical_json, content_hash, source_file_id, staged_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_system, kind, source_id) DO NOTHING`,
    )
    this.update = db.prepare(
      `UPDATE staged_records SET canonical_json = ?, content_hash = ?, source_file_id = ?, staged_at = ?
       WHERE source_system = ? AND kind = ? AND source_id = ?`,
    )
    this.repoint = db.prepare(
      `UPDATE staged_records SET source_file_id = ? WHERE source_system = ? AND kind = ? AND source_id = ?`,
    )
  }

  /** Stages one record; the same content again changes nothing (so re-extracting is idempotent). */
  upsert(
    sourceSystem: string,
    kind: string,
    sourceId: string,
    record: unknown,
    sourceFileId?: number,
  ): UpsertOutcome {
    const json = stableStringify(record)
    // Same value as contentHash(record), without serialising the record a second time.
    const hash = sha256Hex(json)
    const now = isoNow(this.clock)
    // A first extract only inserts: one statement per record. The lookup is for records staged before.
    if (this.insert.run(sourceSystem, kind, sourceId, json, hash, sourceFileId ?? null, now).changes === 1)
      return 'inserted'
    const existing = this.selectHash.get(sourceSystem, kind, sourceId) as {
      content_hash: string
      source_file_id: number | null
    }
    if (existing.content_hash === hash) {
      // The record belongs to the file that carried it last (see absentFromFile).
      if (sourceFileId !== undefined && existing.source_file_id !== sourceFileId)
        this.repoint.run(sourceFileId, sourceSystem, kind, sourceId)
      return 'unchanged'
    }
    this.update.run(json, hash, sourceFileId ?? null, now, sourceSystem, kind, sourceId)
    return 'updated'
  }

  /**
   * Records that earlier versions of the file at `path` staged (the file that carried them last) and that
   * the version just read (`seen`, as kind + NUL + id) does not have, with whether a load has touched them.
   */
  absentFromFile(
    sourceSystem: string,
    path: string,
    /** Only earlier versions of the same export type: a file saved over with another export is not a new version. */
    fileType: string,
    seen: ReadonlySet<string>,
    /** The row of the version just staged: its records are all in `seen`, so they are not read back. */
    currentFileId?: number,
  ): AbsentRecord[] {
    const rows = this.db
      .prepare(
        `SELECT sr.kind, sr.source_id AS sourceId, ${touchedByLoad('sr.source_system', 'sr.source_id')} AS loaded
         FROM staged_records sr JOIN source_files sf ON sf.id = sr.source_file_id
         WHERE sr.source_system = ? AND sf.source_system = ? AND sf.path = ? AND sf.file_type = ?
           AND sf.id IS NOT ?
         ORDER BY sr.kind, sr.source_id`,
      )
      .all(sourceSystem, sourceSystem, path, fileType, currentFileId ?? null) as {
      kind: string
      sourceId: string
      loaded: number
    }[]
    return rows
      .filter((r) => !seen.has(`${r.kind}\u0000${r.sourceId}`))
      .map((r) => ({kind: r.kind, sourceId: r.sourceId, loaded: r.loaded === 1}))
  }

  /** Whether a load wrote (id map) or tried to write (outbox) the record with this source id. */
  touchedByLoad(sourceSystem: string, sourceId: string): boolean {
    return (
      this.db
        .prepare(`SELECT ${touchedByLoad('@system', '@sourceId')}`)
        .pluck()
        .get({system: sourceSystem, sourceId}) === 1
    )
  }

  remove(sourceSystem: string, kind: string, sourceId: string): void {
    this.db
      .prepare(`DELETE FROM staged_records WHERE source_system = ? AND kind = ? AND source_id = ?`)
      .run(sourceSystem, kind, sourceId)
  }

  get(sourceSystem: string, kind: string, sourceId: string): StagedRecord | undefined {
    const row = this.db
      .prepare(`SELECT * FROM staged_records WHERE source_system = ? AND kind = ? AND source_id = ?`)
      .get(sourceSystem, kind, sourceId) as Row | undefined
    return row && toRecord(row)
  }

  /** Every kind's record with this source id (ids are unique per kind, so usually one). */
  bySourceId(sourceSystem: string, sourceId: string): StagedRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM staged_records WHERE source_system = ? AND source_id = ? ORDER BY kind`)
      .all(sourceSystem, sourceId) as Row[]
    return rows.map(toRecord)
  }

  /** All records of a kind in a deterministic order (source id), streamed so large companies fit in memory. */
  *iterate(kind: string, sourceSystem?: string): Generator<StagedRecord> {
    const stmt = sourceSystem
      ? this.db.prepare(
          `SELECT * FROM staged_records WHERE kind = ? AND source_system = ? ORDER BY source_id`,
        )
      : this.db.prepare(`SELECT * FROM staged_records WHERE kind = ? ORDER BY source_system, source_id`)
    const rows = (
      sourceSystem ? stmt.iterate(kind, sourceSystem) : stmt.iterate(kind)
    ) as IterableIterator<Row>
    for (const row of rows) yield toRecord(row)
  }

  countsByKind(): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT kind, COUNT(*) AS n FROM staged_records GROUP BY kind ORDER BY kind`)
      .all() as {
      kind: string
      n: number
    }[]
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]))
  }

  sourceSystems(): string[] {
    return (
      this.db.prepare(`SELECT DISTINCT source_system FROM staged_records ORDER BY 1`).all() as {
        source_system: string
      }[]
    ).map((r) => r.source_system)
  }
}
