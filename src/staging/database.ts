import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'

import Database from 'better-sqlite3'

import {MIGRATIONS} from './schema.js'

export type Db = Database.Database

export interface OpenOptions {
  /** Open an existing file only; used by read-only commands so a typo in --db is not a new empty migration. */
  mustExist?: boolean
  readonly?: boolean
}

/**
 * Opens (or creates) the migration's SQLite file: WAL so readers never block the loader, foreign keys on,
 * a busy timeout so two processes wait for each other instead of failing, and the schema brought up to date.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.mustExist) mkdirSync(dirname(file), {recursive: true})
  const db = new Database(file, {
    fileMustExist: options.mustExist ?? false,
    readonly: options.readonly ?? false,
  })
  db.pragma('busy_timeout = 10000')
  if (!options.readonly) {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  if (!options.readonly) migrate(db)
  return db
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', {simple: true}) as number
}

/**
 * Applies the migrations not yet applied. Foreign keys are off while they run, as SQLite's procedure for
 * rebuilding a table asks (a pragma that cannot change inside a transaction), and each migration is checked
 * for dangling references before it commits.
 */
function migrate(db: Db): void {
  if (schemaVersion(db) >= MIGRATIONS.length) return
  db.pragma('foreign_keys = OFF')
  try {
    for (let version = schemaVersion(db) + 1; version <= MIGRATIONS.length; version++) {
      const sql = MIGRATIONS[version - 1]
      if (sql === undefined) break
      // IMMEDIATE: two processes opening a new file at once must not both apply the same migration.
      db.transaction(() => {
        if (schemaVersion(db) >= version) return
        db.exec(sql)
        const dangling = db.pragma('foreign_key_check') as unknown[]
        if (dangling.length > 0) throw new Error(`BUG: schema migration ${version} left dangling references`)
        db.pragma(`user_version = ${version}`)
      }).immediate()
    }
  } finally {
    db.pragma('foreign_keys = ON')
  }
}

/** Runs `work` in one IMMEDIATE transaction: all of it is committed, or none of it. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate()
}
