import Database from 'better-sqlite3'

export interface StoredRow {
  ns: string
  key: string
  value: unknown
}

/** The scope that belongs to no company: the app's tokens. Realm ids are never empty. */
export const APP_SCOPE = ''

/**
 * The emulator's `--data` file: one SQLite table of JSON values keyed by scope (a realm id, or APP_SCOPE),
 * namespace and key. Every company's Store writes through to it under its own scope, so one file holds
 * any number of companies. A file from the one-company emulator (table `kv` without scopes) is moved into
 * the scoped table on open: tokens to the app scope, everything else to the realm its CompanyInfo names.
 */
export class StoreFile {
  private readonly db: Database.Database
  private readonly putStmt: Database.Statement
  private readonly delStmt: Database.Statement
  private readonly rowsByScope = new Map<string, StoredRow[]>()

  constructor(path: string, legacyRealm: string) {
    this.db = new Database(path)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS scoped_kv (scope TEXT NOT NULL, ns TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (scope, ns, key))',
    )
    this.migrateLegacy(legacyRealm)
    this.putStmt = this.db.prepare(
      'INSERT OR REPLACE INTO scoped_kv (scope, ns, key, json) VALUES (?, ?, ?, ?)',
    )
    this.delStmt = this.db.prepare('DELETE FROM scoped_kv WHERE scope = ? AND ns = ? AND key = ?')
    const rows = this.db.prepare('SELECT scope, ns, key, json FROM scoped_kv').all() as {
      scope: string
      ns: string
      key: string
      json: string
    }[]
    for (const row of rows) {
      let list = this.rowsByScope.get(row.scope)
      if (!list) this.rowsByScope.set(row.scope, (list = []))
      list.push({ns: row.ns, key: row.key, value: JSON.parse(row.json) as unknown})
    }
  }

  /** The realms the file holds a company for. */
  realms(): string[] {
    return [...this.rowsByScope.keys()].filter((s) => s !== APP_SCOPE)
  }

  /** What was stored under `scope` when the file was opened (read once, by that scope's Store). */
  takeRows(scope: string): StoredRow[] {
    const rows = this.rowsByScope.get(scope) ?? []
    this.rowsByScope.delete(scope)
    return rows
  }

  put(scope: string, ns: string, key: string, value: unknown): void {
    this.putStmt.run(scope, ns, key, JSON.stringify(value))
  }

  delete(scope: string, ns: string, key: string): void {
    this.delStmt.run(scope, ns, key)
  }

  clearScope(scope: string): void {
    this.db.prepare('DELETE FROM scoped_kv WHERE scope = ?').run(scope)
  }

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn)()
  }

  close(): void {
    this.db.close()
  }

  private migrateLegacy(legacyRealm: string): void {
    const legacy = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kv'")
      .get() as {name: string} | undefined
    if (!legacy) return
    this.db.transaction(() => {
      const company = this.db.prepare("SELECT key FROM kv WHERE ns = 'entity:CompanyInfo' LIMIT 1").get() as
        {key: string} | undefined
      const realm = company?.key ?? legacyRealm
      this.db
        .prepare(
          "INSERT OR REPLACE INTO scoped_kv (scope, ns, key, json) SELECT CASE WHEN ns = 'token' THEN ? ELSE ? END, ns, key, json FROM kv",
        )
        .run(APP_SCOPE, realm)
      this.db.exec('DROP TABLE kv')
    })()
  }
}
