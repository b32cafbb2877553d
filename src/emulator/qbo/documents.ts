import {PDFDocument, StandardFonts} from 'pdf-lib'

import type {Core} from './core.js'
import {isObject} from './entities/context.js'
import {entityDef} from './entities/registry.js'
import {faults} from './faults.js'
import {type Reply, faultReply, withRequestId} from './requestid.js'
import type {Json} from './store.js'
import {qboMetaTime, qboTime} from './time.js'

/**
 * `POST /{entity}/{id}/send[?sendTo=]` and `GET /{entity}/{id}/pdf` (integrations.md §2.4, §3.2) for the
 * documents QBO emails: a send sets EmailStatus=EmailSent, DeliveryInfo {DeliveryType, DeliveryTime} and the
 * document's address (POEmail / BillEmail) to sendTo, and answers with the whole document. Every email is
 * recorded so that tests can count them (GET /_emulator/emails). Neither call can be batched.
 */
const SENDABLE = new Set(['PurchaseOrder', 'Invoice'])
const EMAILS = 'emails'

export interface SentEmail {
  seq: number
  entity: string
  id: string
  docNumber: string | null
  to: string
  at: string
  requestId: string | null
}

export function isSendable(entity: string): boolean {
  return SENDABLE.has(entity)
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The send, remembered under its requestid like any write: a repeat replays and sends nothing. */
export function sendDocument(
  core: Core,
  entity: string,
  id: string,
  params: URLSearchParams,
  replays = true,
): Reply {
  const time = qboTime(core.now())
  const requestId = params.get('requestid')
  return withRequestId(
    core.store,
    requestId,
    50,
    () =>
      faultReply(() => {
        const row = core.store.atomically(() => send(core, entity, id, params.get('sendTo'), requestId))
        return {status: 200, body: {[entity]: row, time}}
      }, time),
    replays,
  )
}

function send(core: Core, entity: string, id: string, sendTo: string | null, requestId: string | null): Json {
  const row = core.store.get(entity, id)
  if (!row) throw faults.notFound()
  const addressField = entity === 'PurchaseOrder' ? 'POEmail' : 'BillEmail'
  const to = sendTo ?? addressOf(row[addressField]) ?? partyEmail(core, row)
  if (!to) throw faults.required('sendTo')
  if (!EMAIL.test(to)) throw faults.invalidString('sendTo', `Invalid String : ${to} is not an email address`)
  const nowMs = core.now()
  const meta = isObject(row.MetaData) ? row.MetaData : {}
  const sent: Json = {
    ...row,
    [addressField]: {Address: to},
    EmailStatus: 'EmailSent',
    DeliveryInfo: {DeliveryType: 'Email', DeliveryTime: qboMetaTime(nowMs)},
    SyncToken: String(Number(row.SyncToken) + 1),
    MetaData: {...meta, LastUpdatedTime: qboMetaTime(nowMs)},
  }
  core.store.put(entity, sent)
  const seq = core.store.valuesKv(EMAILS).length + 1
  const email: SentEmail = {
    seq,
    entity,
    id,
    docNumber: typeof row.DocNumber === 'string' ? row.DocNumber : null,
    to,
    at: qboTime(nowMs),
    requestId,
  }
  core.store.setKv(EMAILS, String(seq).padStart(9, '0'), email)
  core.counters.writes++
  return sent
}

function addressOf(v: unknown): string | undefined {
  return isObject(v) && typeof v.Address === 'string' && v.Address ? v.Address : undefined
}

function partyEmail(core: Core, row: Json): string | undefined {
  for (const [field, entity] of [
    ['VendorRef', 'Vendor'],
    ['CustomerRef', 'Customer'],
  ] as const) {
    const ref = row[field]
    if (!isObject(ref)) continue
    const party = core.store.get(entity, String(ref.value as string))
    const address = party && addressOf(party.PrimaryEmailAddr)
    if (address) return address
  }
  return undefined
}

/** Every email the emulator has sent, oldest first. */
export function sentEmails(core: Core): SentEmail[] {
  return core.store.valuesKv<SentEmail>(EMAILS).sort((a, b) => a.seq - b.seq)
}

export interface BinaryReply {
  status: number
  contentType: string
  bytes: Uint8Array
}

export function isBinaryReply(r: Reply | BinaryReply): r is BinaryReply {
  return 'bytes' in r
}

/** `['purchaseorder', '12', 'pdf']` → the entity and id of a PDF request, else undefined. */
export function pdfTarget(method: string, segments: string[]): {entity: string; id: string} | undefined {
  if (method !== 'GET' || segments.length !== 3 || segments[2]?.toLowerCase() !== 'pdf') return undefined
  const def = entityDef(decodeURIComponent(segments[0] ?? ''))
  if (!def || !isSendable(def.name)) return undefined
  return {entity: def.name, id: decodeURIComponent(segments[1] ?? '')}
}

/** The document as a real PDF (pdf-lib), laid out like a plain QBO form. */
export async function documentPdf(core: Core, entity: string, id: string): Promise<Reply | BinaryReply> {
  const row = core.store.get(entity, id)
  if (!row) return {status: 400, body: faults.notFound().body(qboTime(core.now()))}
  const company = core.store.list('CompanyInfo')[0]
  const doc = await PDFDocument.create()
  doc.setTitle(`${entity === 'PurchaseOrder' ? 'Purchase Order' : entity} ${String(row.DocNumber ?? id)}`)
  doc.setProducer('qbo-toolkit QBO emulator')
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  let page = doc.addPage([595, 842])
  let y = 800
  const line = (text: string, size = 10, f = font) => {
    if (y < 60) {
      page = doc.addPage([595, 842])
      y = 800
    }
    page.drawText(winAnsi(text), {x: 50, y, size, font: f})
    y -= size + 6
  }
  line(String(company?.CompanyName ?? 'Company'), 14, bold)
  line(entity === 'PurchaseOrder' ? 'PURCHASE ORDER' : entity.toUpperCase(), 18, bold)
  line(`No. ${String(row.DocNumber ?? '')}    Date ${String(row.TxnDate ?? '')}`)
  if (row.DueDate) line(`Due ${String(row.DueDate)}`)
  const party = isObject(row.VendorRef)
    ? row.VendorRef
    : isObject(row.CustomerRef)
      ? row.CustomerRef
      : undefined
  if (party)
    line(`${entity === 'PurchaseOrder' ? 'Supplier' : 'Customer'}: ${String(party.name ?? party.value)}`)
  for (const f of Array.isArray(row.CustomField) ? (row.CustomField as Json[]) : [])
    if (f.StringValue) line(`${String(f.Name)}: ${String(f.StringValue)}`)
  y -= 8
  for (const l of Array.isArray(row.Line) ? (row.Line as Json[]) : []) {
    const detail = (l.ItemBasedExpenseLineDetail ?? l.AccountBasedExpenseLineDetail ?? {}) as Json
    const what = detail.ItemRef ?? detail.AccountRef
    const label = isObject(what) ? String(what.name ?? what.value) : ''
    line(`${label}  ${String(l.Description ?? '')}  ${String(l.Amount ?? '')}`)
  }
  y -= 8
  line(`Total ${String(row.TotalAmt ?? '')}`, 12, bold)
  if (typeof row.Memo === 'string' && row.Memo) line(row.Memo)
  const bytes = await doc.save()
  return {status: 200, contentType: 'application/pdf', bytes}
}

/** The standard PDF fonts encode WinAnsi only: anything else prints as '?'. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?')
}
