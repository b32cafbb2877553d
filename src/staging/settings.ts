import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

/** Migration-wide choices (the mapping workbook's Settings sheet): key -> value. */
export class SettingsRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  set(key: string, value: string | undefined): void {
    if (value === undefined) {
      this.db.prepare(`DELETE FROM settings WHERE key = ?`).run(key)
      return
    }
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, value, isoNow(this.clock))
  }

  all(): Record<string, string> {
    const rows = this.db.prepare(`SELECT key, value FROM settings ORDER BY key`).all() as {
      key: string
      value: string
    }[]
    return Object.fromEntries(rows.map((r) => [r.key, r.value]))
  }
}
