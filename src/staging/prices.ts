import {randomUUID} from 'node:crypto'

import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

/** A stored supplier profile; its JSON is validated by the engine that reads it (domain/price-list). */
export interface StoredProfile {
  name: string
  supplier: string
  profileJson: string
  updatedAt: string
}

export interface SupplierCode {
  realmId: string
  supplier: string
  /** Compared ignoring case and surrounding spaces: stored upper-case, trimmed. */
  code: string
  itemId: string
  itemName: string | null
  origin: string
  updatedAt: string
}

export interface NewPriceDiff {
  realmId: string
  supplier: string
  vendorId: string | null
  profileJson: string
  fileName: string
  fileHash: string
  readJson: string
  warningsJson: string
  countsJson: string
  threshold: string
  createdBy: string
  lines: {line: number; status: string; itemId: string | null; syncToken: string | null; lineJson: string}[]
}

export interface StoredDiff {
  id: number
  /** Random: the stable part of every requestid the diff's writes carry (ids are reused across files). */
  uid: string
  realmId: string
  supplier: string
  vendorId: string | null
  profileJson: string
  fileName: string
  fileHash: string
  readJson: string
  warningsJson: string
  countsJson: string
  threshold: string
  createdBy: string
  createdAt: string
}

export type LineState = 'pending' | 'written' | 'conflict' | 'failed'

export interface StoredLine {
  diffId: number
  line: number
  status: string
  itemId: string | null
  lineJson: string
  selected: boolean
  state: LineState
  syncToken: string | null
  resultJson: string | null
  updatedAt: string
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  realmId: string
  diffId: number
  runId: string | null
  supplier: string
  fileName: string
  fileHash: string
  line: number
  itemId: string | null
  itemName: string | null
  sku: string | null
  code: string | null
  oldCost: string | null
  newCost: string | null
  outcome: 'written' | 'conflict' | 'failed' | 'already'
  qboAnswer: string
  requestId: string | null
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>

const DIFF_COLUMNS = `id, uid, realm_id AS realmId, supplier, vendor_id AS vendorId, profile_json AS profileJson,
  file_name AS fileName, file_hash AS fileHash, read_json AS readJson, warnings_json AS warningsJson,
  counts_json AS countsJson, threshold, created_by AS createdBy, created_at AS createdAt`
const LINE_COLUMNS = `diff_id AS diffId, line, status, item_id AS itemId, line_json AS lineJson, selected, state,
  sync_token AS syncToken, result_json AS resultJson, updated_at AS updatedAt`
const AUDIT_COLUMNS = `id, at, actor, realm_id AS realmId, diff_id AS diffId, run_id AS runId, supplier,
  file_name AS fileName, file_hash AS fileHash, line, item_id AS itemId, item_name AS itemName, sku, code,
  old_cost AS oldCost, new_cost AS newCost, outcome, qbo_answer AS qboAnswer, request_id AS requestId`

function toLine(row: Omit<StoredLine, 'selected'> & {selected: number}): StoredLine {
  return {...row, selected: row.selected === 1}
}

/** The price-list integration's state: profiles, the code table, diffs with their lines, the audit log. */
export class PricesRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  // ---- profiles -----------------------------------------------------------------------------------

  profiles(): StoredProfile[] {
    return this.db
      .prepare(
        `SELECT name, supplier, profile_json AS profileJson, updated_at AS updatedAt FROM price_profiles
         ORDER BY supplier COLLATE NOCASE, name COLLATE NOCASE`,
      )
      .all() as StoredProfile[]
  }

  profile(name: string): StoredProfile | undefined {
    return this.db
      .prepare(
        `SELECT name, supplier, profile_json AS profileJson, updated_at AS updatedAt FROM price_profiles WHERE name = ?`,
      )
      .get(name) as StoredProfile | undefined
  }

  saveProfile(name: string, supplier: string, profileJson: string): void {
    this.db
      .prepare(
        `INSERT INTO price_profiles (name, supplier, profile_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, supplier = excluded.supplier,
           profile_json = excluded.profile_json, updated_at = excluded.updated_at`,
      )
      .run(name, supplier, profileJson, isoNow(this.clock))
  }

  deleteProfile(name: string): boolean {
    return this.db.prepare(`DELETE FROM price_profiles WHERE name = ?`).run(name).changes > 0
  }

  // ---- supplier codes -----------------------------------------------------------------------------

  codes(realmId: string, supplier?: string): SupplierCode[] {
    const where = supplier === undefined ? '' : 'AND supplier = ?'
    return this.db
      .prepare(
        `SELECT realm_id AS realmId, supplier, code, item_id AS itemId, item_name AS itemName, origin,
                updated_at AS updatedAt
         FROM supplier_codes WHERE realm_id = ? ${where} ORDER BY supplier COLLATE NOCASE, code`,
      )
      .all(...(supplier === undefined ? [realmId] : [realmId, supplier])) as SupplierCode[]
  }

  setCode(c: Omit<SupplierCode, 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO supplier_codes (realm_id, supplier, code, item_id, item_name, origin, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (realm_id, supplier, code) DO UPDATE SET item_id = excluded.item_id,
           item_name = excluded.item_name, origin = excluded.origin, updated_at = excluded.updated_at`,
      )
      .run(c.realmId, c.supplier, c.code, c.itemId, c.itemName, c.origin, isoNow(this.clock))
  }

  deleteCode(realmId: string, supplier: string, code: string): boolean {
    return (
      this.db
        .prepare(`DELETE FROM supplier_codes WHERE realm_id = ? AND supplier = ? AND code = ?`)
        .run(realmId, supplier, code).changes > 0
    )
  }

  // ---- diffs --------------------------------------------------------------------------------------

  /** Stores a diff and its lines (call inside a transaction); returns its id. */
  insertDiff(d: NewPriceDiff): number {
    const now = isoNow(this.clock)
    const info = this.db
      .prepare(
        `INSERT INTO price_diffs (uid, realm_id, supplier, vendor_id, profile_json, file_name, file_hash, read_json,
                                  warnings_json, counts_json, threshold, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        d.realmId,
        d.supplier,
        d.vendorId,
        d.profileJson,
        d.fileName,
        d.fileHash,
        d.readJson,
        d.warningsJson,
        d.countsJson,
        d.threshold,
        d.createdBy,
        now,
      )
    const id = Number(info.lastInsertRowid)
    const stmt = this.db.prepare(
      `INSERT INTO price_diff_lines (diff_id, line, status, item_id, line_json, selected, sync_token, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const l of d.lines)
      stmt.run(id, l.line, l.status, l.itemId, l.lineJson, l.status === 'change' ? 1 : 0, l.syncToken, now)
    return id
  }

  diff(id: number): StoredDiff | undefined {
    return this.db.prepare(`SELECT ${DIFF_COLUMNS} FROM price_diffs WHERE id = ?`).get(id) as
      StoredDiff | undefined
  }

  /** The latest diffs first. */
  diffs(limit = 100): StoredDiff[] {
    return this.db
      .prepare(`SELECT ${DIFF_COLUMNS} FROM price_diffs ORDER BY id DESC LIMIT ?`)
      .all(limit) as StoredDiff[]
  }

  lines(diffId: number): StoredLine[] {
    return (
      this.db
        .prepare(`SELECT ${LINE_COLUMNS} FROM price_diff_lines WHERE diff_id = ? ORDER BY line`)
        .all(diffId) as (Omit<StoredLine, 'selected'> & {selected: number})[]
    ).map(toLine)
  }

  line(diffId: number, line: number): StoredLine | undefined {
    const row = this.db
      .prepare(`SELECT ${LINE_COLUMNS} FROM price_diff_lines WHERE diff_id = ? AND line = ?`)
      .get(diffId, line) as (Omit<StoredLine, 'selected'> & {selected: number}) | undefined
    return row && toLine(row)
  }

  /** Which change lines are to be written: every one not listed in `unselected`. */
  select(diffId: number, unselected: ReadonlySet<number>): void {
    const stmt = this.db.prepare(
      `UPDATE price_diff_lines SET selected = ?, updated_at = ? WHERE diff_id = ? AND line = ? AND status = 'change'`,
    )
    const now = isoNow(this.clock)
    for (const l of this.lines(diffId))
      if (l.status === 'change') stmt.run(unselected.has(l.line) ? 0 : 1, now, diffId, l.line)
  }

  /** What became of a line's write (and the SyncToken to write with next, after a re-read). */
  setState(diffId: number, line: number, state: LineState, result: unknown, syncToken?: string): void {
    this.db
      .prepare(
        `UPDATE price_diff_lines SET state = ?, result_json = ?, sync_token = COALESCE(?, sync_token), updated_at = ?
         WHERE diff_id = ? AND line = ?`,
      )
      .run(state, JSON.stringify(result), syncToken ?? null, isoNow(this.clock), diffId, line)
  }

  // ---- audit --------------------------------------------------------------------------------------

  audit(entry: NewAuditEntry): void {
    this.db
      .prepare(
        `INSERT INTO price_audit (at, actor, realm_id, diff_id, run_id, supplier, file_name, file_hash, line, item_id,
                                  item_name, sku, code, old_cost, new_cost, outcome, qbo_answer, request_id)
         VALUES (@at, @actor, @realmId, @diffId, @runId, @supplier, @fileName, @fileHash, @line, @itemId,
                 @itemName, @sku, @code, @oldCost, @newCost, @outcome, @qboAnswer, @requestId)`,
      )
      .run({...entry, at: isoNow(this.clock)})
  }

  auditLog(filter: {diffId?: number} = {}): AuditEntry[] {
    const where = filter.diffId === undefined ? '' : 'WHERE diff_id = ?'
    return this.db
      .prepare(`SELECT ${AUDIT_COLUMNS} FROM price_audit ${where} ORDER BY id`)
      .all(...(filter.diffId === undefined ? [] : [filter.diffId])) as AuditEntry[]
  }
}
