import type {Staging} from '../../staging/index.js'
import type {Logger} from '../../ui/logger.js'
import type {WriterDeps} from '../outbox/writer.js'
import type {PricesQbo} from './qbo.js'

export interface ApplyDeps {
  staging: Staging
  qbo: PricesQbo
  logger: Logger
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** Who applies, for the audit log. */
  actor: string
  /** The migration file: one apply at a time per file, across processes. Absent (in-memory tests): no lock. */
  dbPath?: string
  onWait?: WriterDeps['onWait']
  /** After each batch; awaited, so a test can act between two batches. */
  onProgress?: (p: {done: number; total: number}) => void | Promise<void>
}

export interface ApplyInput {
  diffId: number
  /** Change lines not to write, by line number: replaces the stored selection (the dashboard's ticks). */
  skipLines?: readonly number[]
  /** Change lines not to write, by supplier code or SKU: replaces the stored selection too. */
  skip?: readonly string[]
  dryRun?: boolean
}

export interface ApplyLine {
  line: number
  itemId: string
  item: string
  sku: string | null
  code: string | null
  oldCost: string | null
  newCost: string
  /** The SyncToken written with (planned), or QBO's after the write. */
  syncToken?: string
  /** A conflict: the cost QBO holds now, set by someone since the diff was made. */
  qboCost?: string | null
  fault?: {code: string; message: string}
}

export interface ApplyResult {
  diffId: number
  realmId: string
  runId: string | null
  dryRun: boolean
  /** What this run set out to write (a dry run: what it would write). */
  planned: ApplyLine[]
  written: ApplyLine[]
  /** Not written: someone changed the item's cost in QBO since the diff was made. */
  conflicts: ApplyLine[]
  failed: ApplyLine[]
  /** Change lines an earlier apply already wrote, or found in conflict: left alone. */
  earlier: {written: number; conflict: number}
  unselected: number
  /** Writes an earlier run left without an answer, and what became of them. */
  recovered: {writes: number; found: number; resent: number; notLanded: number; waitedSeconds: number}
}
