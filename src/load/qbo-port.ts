import type {QboEntity} from '../domain/entities.js'
import {LIST_ENTITIES} from '../domain/entities.js'
import {type QboClient, select} from '../qbo/index.js'
import type {BatchItemOutcome, ExistingRecord, Identity, QboWritePort} from './port.js'

/**
 * Supplier documents carry the supplier's own number, and different suppliers (or one supplier over the
 * years) reuse numbers: the source keys them by contact, number and date, and the loader never relies on
 * DocNumber to avoid duplicates (requestid, id map and PrivateNote marker do that). QBO refuses a repeated
 * DocNumber (6140) unless the write says `include=allowduplicatedocnum` (REF:bill); inside a batch that rides
 * in the item's optionsData, as `void` does (B23). Intuit documents optionsData only for void; a user of
 * Intuit's .NET SDK reports allowduplicatedocnum working there (intuit/QuickBooks-V3-DotNET-SDK#175), so
 * this is corroborated, not documented. Our own sales numbers keep
 * QBO's check: a clash there means QBO already holds a document with that number.
 */
const DUPLICATE_NUMBERS_ALLOWED: ReadonlySet<QboEntity> = new Set(['Bill', 'VendorCredit'])

/** The loader's port implemented by the QBO client: batched creates (paced, retried, replayable) and look-ups. */
export function clientWritePort(client: QboClient): QboWritePort {
  return {
    realmId: client.realmId,
    async createBatch(entity, requestId, items): Promise<BatchItemOutcome[]> {
      const result = await client.batch(
        items.map((i) => ({
          bId: i.bId,
          operation: 'create' as const,
          entity,
          body: i.payload,
          ...(DUPLICATE_NUMBERS_ALLOWED.has(entity) ? {optionsData: 'allowduplicatedocnum'} : {}),
        })),
        {requestId},
      )
      return [
        ...result.successes.map((s) => ({
          bId: s.bId,
          ok: true as const,
          id: String(s.entity.Id),
          syncToken: String(s.entity.SyncToken ?? '0'),
        })),
        ...result.faults.map((f) => {
          const first = f.faults[0]
          return {
            bId: f.bId,
            ok: false as const,
            fault: {
              code: first?.code ?? 'UNKNOWN',
              message: first?.message ?? 'QBO refused the item',
              ...(first?.detail ? {detail: first.detail} : {}),
              ...(first?.element ? {element: first.element} : {}),
            },
          }
        }),
      ]
    },
    async findExisting(entity, identity) {
      return (await findRows(client, entity, identity)).map((r): ExistingRecord => ({
        id: String(r.Id),
        syncToken: String(r.SyncToken ?? '0'),
      }))
    },
    stats: () => client.stats(),
  }
}

/**
 * QBO cannot filter on PrivateNote, so a marker is found by narrowing on DocNumber or TxnDate and then
 * reading the notes here. Lists include inactive records: a name QBO holds inactive is still taken.
 */
async function findRows(
  client: QboClient,
  entity: QboEntity,
  identity: Identity,
): Promise<Record<string, unknown>[]> {
  if (identity.kind === 'name') {
    const q = select(entity).where(identity.field, '=', identity.value)
    if (LIST_ENTITIES.has(entity)) q.where('Active', 'IN', [true, false])
    return client.queryAll(q)
  }
  const q = select(entity)
  if (identity.docNumber) q.where('DocNumber', '=', identity.docNumber)
  else if (identity.txnDate) q.where('TxnDate', '=', identity.txnDate)
  const rows = await client.queryAll(q)
  return rows.filter((r) => typeof r.PrivateNote === 'string' && hasMarker(r.PrivateNote, identity.marker))
}

/** The marker must match its whole line: `…:INV-1` must not match `…:INV-10` (ids may hold spaces). */
function hasMarker(note: string, marker: string): boolean {
  let at = note.indexOf(marker)
  while (at >= 0) {
    const next = note[at + marker.length]
    if (next === undefined || next === '\n' || next === '\r') return true
    at = note.indexOf(marker, at + 1)
  }
  return false
}
