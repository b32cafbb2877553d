import {parseIsoDate} from '../domain/civil-date.js'
import {UsageError} from '../domain/errors.js'
import {hasTag, type Po, type PoStorage, readShipDate, readTags} from '../mappers/po/fields.js'
import {type QboClient, select} from '../qbo/index.js'

/** Which purchase orders a command works on (`qbo po list` / `qbo po batch` selection flags). */
export interface PoSelection {
  /** A vendor's display name (case-insensitive) or QBO id. */
  vendor?: string
  status?: 'open' | 'closed'
  /** TxnDate range, civil dates, both inclusive. */
  from?: string
  to?: string
  docNumbers?: string[]
  /** Only purchase orders carrying this tag. */
  tagged?: string
}

/** One purchase order as the commands show it. */
export interface PoSummary {
  id: string
  docNumber: string | null
  vendor: string | null
  vendorId: string | null
  txnDate: string | null
  dueDate: string | null
  status: string | null
  total: string | null
  tags: string[]
  shipDate: string | null
  emailStatus: string | null
}

const IN_CHUNK = 100

/**
 * Reads the purchase orders the selection names. QBO filters PurchaseOrder reliably only on Id, DocNumber,
 * TxnDate and DueDate (integrations.md §3.1, §3.3: VendorRef and POStatus filterability UNCONFIRMED, tags
 * not in the API), so the query narrows on DocNumber and TxnDate and the rest is filtered here.
 */
export async function selectPurchaseOrders(
  client: QboClient,
  selection: PoSelection,
  storage: PoStorage,
): Promise<Po[]> {
  const rows: Po[] = []
  const base = () => {
    const q = select('PurchaseOrder')
    if (selection.from) q.where('TxnDate', '>=', selection.from)
    if (selection.to) q.where('TxnDate', '<=', selection.to)
    return q
  }
  if (selection.docNumbers?.length) {
    for (let i = 0; i < selection.docNumbers.length; i += IN_CHUNK) {
      rows.push(
        ...(await client.queryAll(
          base().where('DocNumber', 'IN', selection.docNumbers.slice(i, i + IN_CHUNK)),
        )),
      )
    }
  } else rows.push(...(await client.queryAll(base())))
  const vendor = selection.vendor?.toLowerCase()
  return dedupe(rows)
    .filter((po) => {
      if (vendor) {
        const ref = po.VendorRef as {value?: unknown; name?: unknown} | undefined
        const matches =
          String(ref?.value ?? '') === selection.vendor || String(ref?.name ?? '').toLowerCase() === vendor
        if (!matches) return false
      }
      if (selection.status && String(po.POStatus ?? 'Open').toLowerCase() !== selection.status) return false
      if (selection.tagged && !hasTag(po, storage, selection.tagged)) return false
      return true
    })
    .sort(byDocNumber)
}

/** Current records of these purchase orders, by Id (a few IN queries rather than one read each). */
export async function readPurchaseOrders(
  client: QboClient,
  ids: readonly string[],
): Promise<Map<string, Po>> {
  const out = new Map<string, Po>()
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await client.queryAll(select('PurchaseOrder').where('Id', 'IN', ids.slice(i, i + IN_CHUNK)))
    for (const r of rows) out.set(String(r.Id), r)
  }
  return out
}

function dedupe(rows: Po[]): Po[] {
  const seen = new Map<string, Po>()
  for (const r of rows) seen.set(String(r.Id), r)
  return [...seen.values()]
}

function byDocNumber(a: Po, b: Po): number {
  const da = String(a.DocNumber ?? '')
  const db = String(b.DocNumber ?? '')
  return da.localeCompare(db, 'en', {numeric: true}) || Number(a.Id) - Number(b.Id)
}

export function summarize(po: Po, storage: PoStorage): PoSummary {
  const ref = po.VendorRef as {value?: unknown; name?: unknown} | undefined
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null)
  return {
    id: String(po.Id),
    docNumber: str(po.DocNumber),
    vendor: str(ref?.name),
    vendorId: str(ref?.value),
    txnDate: str(po.TxnDate),
    dueDate: str(po.DueDate),
    status: str(po.POStatus),
    total: str(po.TotalAmt),
    tags: readTags(po, storage),
    shipDate: readShipDate(po, storage) ?? null,
    emailStatus: str(po.EmailStatus),
  }
}

/** Checks the selection flags where they enter. */
export function checkSelection(s: PoSelection): PoSelection {
  for (const [flag, v] of [
    ['--from', s.from],
    ['--to', s.to],
  ] as const) {
    if (v !== undefined && !parseIsoDate(v))
      throw new UsageError(`${flag} ${v} is not a date`, {
        next: `Give ${flag} as YYYY-MM-DD, e.g. ${flag} 2025-03-01.`,
      })
  }
  if (s.from && s.to && s.from > s.to)
    throw new UsageError(`--from ${s.from} is after --to ${s.to}`, {next: 'Swap them.'})
  return s
}
