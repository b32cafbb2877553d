import type {WriterDeps} from '../load/outbox/writer.js'
import type {QboClient} from '../qbo/index.js'
import type {Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import type {MailTransport} from './smtp-transport.js'

/** What a batch does to each purchase order it selected. Frozen with the batch (po_batches.actions_json). */
export interface PoActions {
  tag?: string
  /** Civil date, YYYY-MM-DD. */
  shipDate?: string
  /** Custom field names used (else PrivateNote for the tag, DueDate for the ship date). */
  tagField?: string
  shipDateField?: string
  /** Absolute folder for the PDFs. */
  pdfDir?: string
  email?: {to: string; via: 'qbo' | 'smtp'}
  /** Full updates from a fresh read instead of sparse ones (when QBO refuses sparse PO updates). */
  fullUpdate?: boolean
}

/** Everything the engine needs; commands pass the real ones, tests fakes. */
export interface PoDeps {
  staging: Staging
  client: QboClient
  logger: Logger
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** For an SMTP batch: how to reach the mail server (smtp-transport.ts). */
  mail?: {transport: MailTransport; from: string}
  onProgress?: (p: {step: string; done: number; total: number}) => void
  onWait?: WriterDeps['onWait']
}

export type StepCounts = Record<string, number>

/** The result of `qbo po batch` (its --json document) and of `qbo po status` for one batch. */
export interface PoBatchResult {
  batchId: string
  realmId: string
  status: 'open' | 'finished'
  createdAt: string
  actions: PoActions
  purchaseOrders: number
  /** Per step, how many purchase orders are in each state (e.g. email: {sent: 298, undecided: 2}). */
  steps: {update: StepCounts; pdf: StepCounts; email: StepCounts}
  /** SMTP messages of the batch, when emailed by SMTP. */
  mails: {part: number; messageId: string; purchaseOrders: number; state: string; response: string | null}[]
  /** Purchase orders needing attention: failed, conflicting or undecided steps, with why. */
  attention: {poId: string; docNumber: string | null; step: string; state: string; note: string | null}[]
  /** The per-batch result file (CSV). */
  resultFile: string | null
  recovered?: {writes: number; found: number; resent: number; notLanded: number; waitedSeconds: number}
  requests?: {sent: number; retried: number; throttled: number}
  notice?: string
}
