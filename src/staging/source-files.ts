import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export interface SourceFile {
  id: number
  sourceSystem: string
  path: string
  fileType: string
  contentHash: string
  records: number
  stagedAt: string
}

export class SourceFilesRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  findByHash(sourceSystem: string, contentHash: string): SourceFile | undefined {
    return this.db
      .prepare(
        `SELECT id, source_system AS sourceSystem, path, file_type AS fileType, content_hash AS contentHash,
                records, staged_at AS stagedAt
         FROM source_files WHERE source_system = ? AND content_hash = ?`,
      )
      .get(sourceSystem, contentHash) as SourceFile | undefined
  }

  /** Records a staged file; the same content staged again returns the existing row. */
  upsert(input: Omit<SourceFile, 'id' | 'stagedAt'>): SourceFile {
    this.db
      .prepare(
        `INSERT INTO source_files (source_system, path, file_type, content_hash, records, staged_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_system, content_hash) DO UPDATE SET path = excluded.path, records = excluded.records`,
      )
      .run(
        input.sourceSystem,
        input.path,
        input.fileType,
        input.contentHash,
        input.records,
        isoNow(this.clock),
      )
    return this.findByHash(input.sourceSystem, input.contentHash) as SourceFile
  }

  list(): SourceFile[] {
    return this.db
      .prepare(
        `SELECT id, source_system AS sourceSystem, path, file_type AS fileType, content_hash AS contentHash,
                records, staged_at AS stagedAt
         FROM source_files ORDER BY id`,
      )
      .all() as SourceFile[]
  }
}
