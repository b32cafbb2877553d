import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

/** Where each step of one purchase order in a batch stands (docs/purchase-orders.md). */
export type UpdateState = 'todo' | 'done' | 'unchanged' | 'failed' | 'conflict' | 'skipped'
export type PdfState = 'todo' | 'saved' | 'failed' | 'skipped'
/** 'undecided': an email whose outcome QBO cannot tell; never sent again until the operator says. */
export type EmailState = 'todo' | 'sent' | 'failed' | 'undecided' | 'skipped' | 'blocked'
export type MailState = 'todo' | 'sending' | 'sent' | 'failed' | 'undecided'

export interface PoBatch {
  id: string
  realmId: string
  status: 'open' | 'finished'
  selection: Record<string, unknown>
  actions: Record<string, unknown>
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

export interface PoBatchItem {
  batchId: string
  poId: string
  seq: number
  docNumber: string | null
  vendor: string | null
  txnDate: string | null
  total: string | null
  pdfName: string | null
  updateState: UpdateState
  pdfState: PdfState
  emailState: EmailState
  pdfSha256: string | null
  pdfBytes: number | null
  emailAt: string | null
  /** The QBO send's requestid, or the SMTP message id that carried it. */
  emailRef: string | null
  note: string | null
}

export interface PoBatchMail {
  batchId: string
  part: number
  messageId: string
  poIds: string[]
  state: MailState
  attempts: number
  response: string | null
  intentAt: string | null
  sentAt: string | null
}

export type NewItem = Pick<PoBatchItem, 'poId' | 'docNumber' | 'vendor' | 'txnDate' | 'total' | 'pdfName'>

const ITEM_COLUMNS = `batch_id AS batchId, po_id AS poId, seq, doc_number AS docNumber, vendor, txn_date AS txnDate,
  total, pdf_name AS pdfName, update_state AS updateState, pdf_state AS pdfState, email_state AS emailState,
  pdf_sha256 AS pdfSha256, pdf_bytes AS pdfBytes, email_at AS emailAt, email_ref AS emailRef, note`

interface BatchRow {
  id: string
  realm_id: string
  status: 'open' | 'finished'
  selection_json: string
  actions_json: string
  created_at: string
  updated_at: string
  finished_at: string | null
}

function toBatch(r: BatchRow): PoBatch {
  return {
    id: r.id,
    realmId: r.realm_id,
    status: r.status,
    selection: JSON.parse(r.selection_json) as Record<string, unknown>,
    actions: JSON.parse(r.actions_json) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  }
}

/**
 * Purchase-order batches: a batch's selection is frozen when it is created (its items), so a resume works
 * on exactly the same purchase orders; each step of each item is recorded as it completes.
 */
export class PoBatchesRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Call inside a transaction with the items, so a batch never exists half-selected. */
  create(input: {
    id: string
    realmId: string
    selection: Record<string, unknown>
    actions: Record<string, unknown>
    items: readonly NewItem[]
    initial: {update: UpdateState; pdf: PdfState; email: EmailState}
  }): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(
        `INSERT INTO po_batches (id, realm_id, status, selection_json, actions_json, created_at, updated_at)
         VALUES (?, ?, 'open', ?, ?, ?, ?)`,
      )
      .run(input.id, input.realmId, JSON.stringify(input.selection), JSON.stringify(input.actions), now, now)
    const stmt = this.db.prepare(
      `INSERT INTO po_batch_items (batch_id, po_id, seq, doc_number, vendor, txn_date, total, pdf_name,
         update_state, pdf_state, email_state, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    input.items.forEach((i, n) =>
      stmt.run(
        input.id,
        i.poId,
        n + 1,
        i.docNumber,
        i.vendor,
        i.txnDate,
        i.total,
        i.pdfName,
        input.initial.update,
        input.initial.pdf,
        input.initial.email,
        now,
      ),
    )
  }

  get(id: string): PoBatch | undefined {
    const row = this.db.prepare(`SELECT * FROM po_batches WHERE id = ?`).get(id) as BatchRow | undefined
    return row && toBatch(row)
  }

  /** Newest first. */
  list(realmId?: string): PoBatch[] {
    const rows = (
      realmId
        ? this.db
            .prepare(`SELECT * FROM po_batches WHERE realm_id = ? ORDER BY created_at DESC, rowid DESC`)
            .all(realmId)
        : this.db.prepare(`SELECT * FROM po_batches ORDER BY created_at DESC, rowid DESC`).all()
    ) as BatchRow[]
    return rows.map(toBatch)
  }

  setStatus(id: string, status: 'open' | 'finished'): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(`UPDATE po_batches SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?`)
      .run(status, now, status === 'finished' ? now : null, id)
  }

  items(batchId: string): PoBatchItem[] {
    return this.db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM po_batch_items WHERE batch_id = ? ORDER BY seq`)
      .all(batchId) as PoBatchItem[]
  }

  item(batchId: string, poId: string): PoBatchItem | undefined {
    return this.db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM po_batch_items WHERE batch_id = ? AND po_id = ?`)
      .get(batchId, poId) as PoBatchItem | undefined
  }

  setUpdate(batchId: string, poId: string, state: UpdateState, note?: string): void {
    this.touch(batchId, poId, `update_state = ?, note = COALESCE(?, note)`, state, note ?? null)
  }

  setPdf(
    batchId: string,
    poId: string,
    state: PdfState,
    file?: {sha256: string; bytes: number},
    note?: string,
  ): void {
    this.touch(
      batchId,
      poId,
      `pdf_state = ?, pdf_sha256 = ?, pdf_bytes = ?, note = COALESCE(?, note)`,
      state,
      file?.sha256 ?? null,
      file?.bytes ?? null,
      note ?? null,
    )
  }

  setEmail(
    batchId: string,
    poId: string,
    state: EmailState,
    sent?: {at: string; ref: string},
    note?: string,
  ): void {
    this.touch(
      batchId,
      poId,
      `email_state = ?, email_at = COALESCE(?, email_at), email_ref = COALESCE(?, email_ref), note = COALESCE(?, note)`,
      state,
      sent?.at ?? null,
      sent?.ref ?? null,
      note ?? null,
    )
  }

  mails(batchId: string): PoBatchMail[] {
    const rows = this.db
      .prepare(
        `SELECT batch_id AS batchId, part, message_id AS messageId, po_ids_json AS poIds, state, attempts, response,
                intent_at AS intentAt, sent_at AS sentAt
         FROM po_batch_mails WHERE batch_id = ? ORDER BY part`,
      )
      .all(batchId) as (Omit<PoBatchMail, 'poIds'> & {poIds: string})[]
    return rows.map((r) => ({...r, poIds: JSON.parse(r.poIds) as string[]}))
  }

  /** The batch's SMTP messages, fixed once (inside a transaction) so a resume sends exactly the same parts. */
  createMails(batchId: string, parts: readonly {messageId: string; poIds: string[]}[], firstPart = 1): void {
    const now = isoNow(this.clock)
    const stmt = this.db.prepare(
      `INSERT INTO po_batch_mails (batch_id, part, message_id, po_ids_json, state, updated_at)
       VALUES (?, ?, ?, ?, 'todo', ?)`,
    )
    parts.forEach((p, i) => stmt.run(batchId, firstPart + i, p.messageId, JSON.stringify(p.poIds), now))
  }

  /** The intent to send, committed before the SMTP session starts. */
  markMailSending(batchId: string, part: number): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(
        `UPDATE po_batch_mails SET state = 'sending', attempts = attempts + 1, intent_at = ?, updated_at = ?
         WHERE batch_id = ? AND part = ?`,
      )
      .run(now, now, batchId, part)
  }

  setMail(batchId: string, part: number, state: MailState, response?: string): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(
        `UPDATE po_batch_mails SET state = ?, response = COALESCE(?, response), updated_at = ?,
           sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
         WHERE batch_id = ? AND part = ?`,
      )
      .run(state, response ?? null, now, state, now, batchId, part)
  }

  private touch(batchId: string, poId: string, set: string, ...values: unknown[]): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(`UPDATE po_batch_items SET ${set}, updated_at = ? WHERE batch_id = ? AND po_id = ?`)
      .run(...values, now, batchId, poId)
    this.db.prepare(`UPDATE po_batches SET updated_at = ? WHERE id = ?`).run(now, batchId)
  }
}
