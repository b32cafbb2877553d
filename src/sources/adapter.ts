import type {SourceSystem} from '../domain/ids.js'
import type {StagedKind} from '../domain/entities.js'

/**
 * The one interface every source (Xero CSV, MYOB files, the Xero API) implements. An adapter turns its input
 * into canonical records (src/domain/canonical.ts); the extract engine stages them. Adapters never touch
 * staging themselves, so every source gets the same atomicity, idempotence and reporting.
 */
export interface StagedItem {
  kind: StagedKind
  /** The record's stable source id (equal to record.id). */
  id: string
  /** A canonical record, already validated with its zod schema (null for a retraction). */
  record: unknown
  /**
   * The source says the record is gone (deleted, or voided where the model has no void): an earlier staged
   * version is removed, unless a load already touched it. See `retraction()`.
   */
  retracted?: true
  /**
   * The source holds the record but it cannot be staged (a Xero prepayment without a bank account): nothing is
   * staged, and the engine records a NOT_STAGED decision, which the reconciliation lists as not migrated and
   * counts in its match rate. See `notStaged()`.
   */
  notStaged?: NotStaged
}

export interface NotStaged {
  /** The QBO entity the record would have become (where the reconciliation lists it). */
  entity: string
  /** Why it is not staged, and what to do instead. */
  reason: string
  date?: string
  amount?: string
  contactName?: string
}

/** A record the source holds that cannot be staged: a decision with its reason, never a silent skip. */
export function notStaged(kind: StagedKind, id: string, info: NotStaged): StagedItem {
  return {kind, id, record: null, notStaged: info}
}

/** A record the source now reports as deleted: an API page carries it, so a re-extract can act on it. */
export function retraction(kind: StagedKind, id: string): StagedItem {
  return {kind, id, record: null, retracted: true}
}

/**
 * A unit of input that is staged in ONE transaction or not at all: a file, or one page of an API collection.
 * `records()` throws a UserInputError (with file, line, column and reason in its data) to reject the unit;
 * nothing from a rejected unit is staged and the other units still are.
 */
export interface ExtractUnit {
  /** What the user knows it by: a file path, or "Invoices page 3". */
  label: string
  /** The recognised file type (e.g. "xero-csv:sales-invoices") or API collection (e.g. "Invoices"). */
  type: string
  /** Identity of the unit's input, so re-extracting the same input changes nothing. */
  contentHash: string
  /**
   * The unit is the whole of its input (a file), so a record that an earlier
   * version of the same input staged and this one no longer has is superseded: it is removed from staging
   * unless it was already loaded. Never set for API pages (records move between pages).
   */
  complete?: boolean
  /**
   * Set for a file that is no export at all (a README, a stray JSON): it is listed as skipped with this
   * reason and a warning, and nothing is read from it.
   */
  skip?: string
  /**
   * Called once the engine has committed the unit (or, on a dry run, read it to the end without a refusal):
   * what the unit taught the adapter (contacts and tax rates seen on its documents, a chart to check codes
   * against) may count only then, so a refused file leaves nothing behind.
   */
  committed?(): void
  /** Checkpoint scope and position to record once this unit is committed (API paging); absent for files. */
  checkpoint?: {scope: string; position: string}
  records(): AsyncIterable<StagedItem>
}

export interface ExtractContext {
  /** The last committed checkpoint for a scope (to resume an interrupted API extract). */
  checkpoint(scope: string): string | undefined
}

export interface SourceAdapter {
  readonly system: SourceSystem
  units(context: ExtractContext): AsyncIterable<ExtractUnit>
}
