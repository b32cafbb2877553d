import {entityDef} from './entities/registry.js'
import {faults, QboFault} from './faults.js'
import type {Json, Store} from './store.js'
import {qboMetaTime} from './time.js'

/** QBO's change data capture limits (integrations.md §6.3). */
export const CDC_LOOKBACK_MS = 30 * 86_400_000
export const CDC_MAX_OBJECTS = 1000
const NOT_SUPPORTED = ['JournalCode', 'TaxAgency', 'TimeActivity', 'TaxCode', 'TaxRate']

/** Where deletions are remembered, so CDC can report them after the object itself is gone. */
export const DELETED_NS = 'cdc-deleted'

interface Tombstone {
  entity: string
  Id: string
  LastUpdatedTime: string
}

/** Called when an object is deleted: CDC lists it as `status: "Deleted"` from then on. */
export function rememberDeletion(store: Store, entity: string, id: string, nowMs: number): void {
  store.setKv(DELETED_NS, `${entity}:${id}`, {
    entity,
    Id: id,
    LastUpdatedTime: qboMetaTime(nowMs),
  } satisfies Tombstone)
}

function updated(row: Json): number {
  const meta = row.MetaData as {LastUpdatedTime?: unknown} | undefined
  return typeof meta?.LastUpdatedTime === 'string' ? Date.parse(meta.LastUpdatedTime) : Number.NaN
}

/**
 * GET /cdc?entities=A,B&changedSince=T: per entity, in the order asked, the objects changed at or after T
 * (oldest change first), then the ones deleted since T, as `{status: "Deleted", Id, MetaData}`. At most
 * 1000 objects per answer in all, as the Intuit reference says; a T more than 30 days back is refused with
 * the message a QBO user reported (QuickBooksSharp issue 19; the fault code is not documented).
 */
export function runCdc(store: Store, params: URLSearchParams, nowMs: number): Json {
  const list = (params.get('entities') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (list.length === 0) throw faults.required('entities')
  const sinceText = params.get('changedSince')
  if (!sinceText) throw faults.required('changedSince')
  const since = Date.parse(sinceText)
  if (Number.isNaN(since)) throw faults.invalidString('changedSince', `Invalid date-time: ${sinceText}`)
  if (since < nowMs - CDC_LOOKBACK_MS)
    throw new QboFault([
      {
        Message: 'Invalid query',
        Detail: `Operation cdc with changedSince date ${sinceText} which is older than fixed days is not supported.`,
        code: '4001',
        element: 'changedSince',
      },
    ])
  let budget = CDC_MAX_OBJECTS
  const deleted = store.valuesKv<Tombstone>(DELETED_NS)
  const responses = list.map((name): Json => {
    const def = entityDef(name.toLowerCase())
    if (!def || NOT_SUPPORTED.includes(def.name))
      throw faults.unsupported(`Operation cdc is not supported for ${name}.`)
    const active = store
      .list(def.name)
      .filter((r) => updated(r) >= since)
      .sort((a, b) => updated(a) - updated(b) || Number(a.Id) - Number(b.Id))
    const gone = deleted
      .filter((t) => t.entity === def.name && Date.parse(t.LastUpdatedTime) >= since)
      .sort(
        (a, b) =>
          Date.parse(a.LastUpdatedTime) - Date.parse(b.LastUpdatedTime) || Number(a.Id) - Number(b.Id),
      )
      .map((t) => ({
        status: 'Deleted',
        domain: 'QBO',
        Id: t.Id,
        MetaData: {LastUpdatedTime: t.LastUpdatedTime},
      }))
    const rows = [...active, ...gone].slice(0, Math.max(budget, 0))
    budget -= rows.length
    return rows.length === 0 ? {} : {[def.name]: rows, startPosition: 1, maxResults: rows.length}
  })
  return {CDCResponse: [{QueryResponse: responses}]}
}
