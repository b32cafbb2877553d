import {LIST_ENTITIES, type QboEntity} from '../domain/entities.js'
import {parsePrivateNoteMarker} from '../domain/ids.js'
import {
  type QboClient,
  QboFaultError,
  QboOutcomeUnknownError,
  QboTransportError,
  select,
} from '../qbo/index.js'
import {
  type BatchItemOutcome,
  type ExistingRecord,
  type Identity,
  type QboWritePort,
  WriteOutcomeUnknown,
} from './port.js'

/** The loader's port implemented by the QBO client: batched writes (paced, replayable) and look-ups. */
export function clientWritePort(client: QboClient): QboWritePort {
  return {
    realmId: client.realmId,
    inFlightWindowMs: client.inFlightWindowMs,
    async writeBatch(requestId, items, onSend): Promise<BatchItemOutcome[]> {
      let result
      try {
        result = await client.batch(
          items.map((i) => ({
            bId: i.bId,
            operation: i.operation,
            entity: i.entity,
            body: i.payload,
            ...(i.optionsData ? {optionsData: i.optionsData} : {}),
          })),
          {requestId, onSend},
        )
      } catch (error) {
        // A 5xx or throttle that outlasted the retries may hide an applied write, as a lost answer does.
        if (error instanceof QboTransportError) {
          const until =
            error instanceof QboOutcomeUnknownError
              ? error.inFlightUntil
              : Date.now() + client.inFlightWindowMs
          throw new WriteOutcomeUnknown(error.message, until, {cause: error})
        }
        throw error
      }
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
    async sendDocument(entity, id, sendTo, requestId, onSend) {
      try {
        const record = await client.send(entity, id, {...(sendTo ? {sendTo} : {}), requestId, onSend})
        return {ok: true as const, record}
      } catch (error) {
        if (error instanceof QboOutcomeUnknownError)
          throw new WriteOutcomeUnknown(error.message, error.inFlightUntil, {cause: error})
        if (error instanceof QboFaultError) {
          const first = error.faults[0]
          return {
            ok: false as const,
            fault: {
              code: first?.code ?? 'UNKNOWN',
              message: first?.message ?? error.message,
              ...(first?.detail ? {detail: first.detail} : {}),
              ...(first?.element ? {element: first.element} : {}),
            },
          }
        }
        throw error
      }
    },
    async findExisting(entity, identity) {
      return (await findRows(client, entity, identity)).map((r): ExistingRecord => ({
        id: String(r.Id),
        syncToken: String(r.SyncToken ?? '0'),
      }))
    },
    async readRecord(entity, id) {
      try {
        return await client.read(entity, id)
      } catch (error) {
        if (error instanceof QboFaultError && error.faultCode === '610') return undefined
        throw error
      }
    },
    async markedRecords(entity) {
      const rows = await client.queryAll(select(entity))
      return rows.flatMap((r) => {
        const marker = parsePrivateNoteMarker(typeof r.PrivateNote === 'string' ? r.PrivateNote : undefined)
        return marker ? [{id: String(r.Id), ...marker}] : []
      })
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
  entity: string,
  identity: Identity,
): Promise<Record<string, unknown>[]> {
  if (identity.kind === 'name') {
    const q = select(entity).where(identity.field, '=', identity.value)
    if (LIST_ENTITIES.has(entity as QboEntity)) q.where('Active', 'IN', [true, false])
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
