import {stringify} from 'csv-stringify/sync'

import type {Staging} from '../../staging/index.js'

const COLUMNS = [
  ['at', 'When (UTC)'],
  ['actor', 'Who'],
  ['realmId', 'QBO company'],
  ['diffId', 'Price diff'],
  ['runId', 'Run'],
  ['supplier', 'Supplier'],
  ['fileName', 'File'],
  ['fileHash', 'File SHA-256'],
  ['line', 'Line'],
  ['itemId', 'Item Id'],
  ['itemName', 'Item'],
  ['sku', 'SKU'],
  ['code', 'Supplier code'],
  ['oldCost', 'Old cost'],
  ['newCost', 'New cost'],
  ['outcome', 'Outcome'],
  ['qboAnswer', 'QBO answer'],
  ['requestId', 'Request id'],
] as const

/** The audit log as CSV: every cost written, refused as a conflict, or failed, with QBO's answer. */
export function auditCsv(staging: Staging, filter: {diffId?: number} = {}): string {
  const rows = staging.prices.auditLog(filter)
  return stringify(
    rows.map((r) => COLUMNS.map(([k]) => r[k] ?? '')),
    {header: true, columns: COLUMNS.map(([, title]) => title)},
  )
}
