import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import type {InvoiceShipping} from '../../domain/shipstation.js'
import type {StoreRead} from './read.js'

export interface OrderRef {
  store: string
  order: string
}

/** One run, as `--json` prints it and the result file keeps it (docs/shipstation.md, "What a run reports"). */
export interface SyncResult {
  runId: string
  realmId: string
  dryRun: boolean
  startedAt: string
  finishedAt: string
  counts: {
    /** Labels read from ShipStation (each once). */
    fetched: number
    /** Orders that found their invoice this run (newly or again). */
    matched: number
    /** Invoices written (sparse updates that landed; in a dry run, that would be made). */
    updated: number
    /** Orders whose invoice already held what their labels say. */
    unchanged: number
    /** Labels seen voided for the first time. */
    voided: number
    /** Orders with no invoice found yet (retried until their retry date). */
    unmatched: number
    /** Orders parked this run (no invoice found in time, or nothing writable). */
    parked: number
    /** Orders not written because someone else changed the same fields. */
    conflicts: number
    /** Stores not read and writes QBO refused this run. */
    errors: number
  }
  stores: StoreRead[]
  /** ShipStation stores with no mapping: not read (`qbo sync shipstation map`). */
  unmappedStores: {storeId: string; name: string | null}[]
  updated: (OrderRef & {
    invoiceId: string
    docNumber: string | null
    fields: InvoiceShipping
    omitted?: string[]
  })[]
  unmatched: (OrderRef & {firstSeen: string; retryUntil: string; reason: string})[]
  parked: (OrderRef & {reason: string})[]
  conflicts: (OrderRef & {
    invoiceId: string
    fields: string[]
    ours: InvoiceShipping
    theirs: InvoiceShipping
    reason: string
  })[]
  errors: (Partial<OrderRef> & {invoiceId?: string; code: string; message: string})[]
  /** Writes an earlier run left without an answer, resolved first (found in QBO, sent again, or not landed). */
  recovered: {writes: number; found: number; resent: number; notLanded: number; waitedSeconds: number}
  requests: {
    shipstation: {sent: number; rateLimited: number; retried: number; waitedSeconds: number}
    qbo: {sent: number; retried: number; throttled: number}
  }
  /** The QBO authorization's expiry, so an unattended run shows it coming. */
  auth?: {refreshExpiresAt: string; hardExpiresAt: string | null; warning?: string}
  warnings: string[]
  /** What this sync does not read (docs/shipstation.md). */
  notCovered: string[]
  resultFile?: string
}

export const NOT_COVERED = [
  'Orders marked as shipped outside ShipStation (its "fulfillments": marked shipped in the UI, by the API or by the store) carry no ShipStation label and are not read: V1 lists them without a store, so with order numbers shared between stores they cannot be matched safely.',
]

export function emptyCounts(): SyncResult['counts'] {
  return {
    fetched: 0,
    matched: 0,
    updated: 0,
    unchanged: 0,
    voided: 0,
    unmatched: 0,
    parked: 0,
    conflicts: 0,
    errors: 0,
  }
}

/** `<folder of the migration file>/shipstation-runs/<runId>.json`: one file per run, the --json document. */
export function writeResultFile(dbPath: string, result: SyncResult): string {
  const dir = join(dirname(resolve(dbPath)), 'shipstation-runs')
  mkdirSync(dir, {recursive: true})
  const file = join(dir, `${result.runId}.json`)
  writeFileSync(file, JSON.stringify({...result, resultFile: file}, null, 2) + '\n')
  return file
}
