import {z} from 'zod'

import {parsePrivateNoteMarker} from '../domain/ids.js'
import {amountText, dec, sum} from '../domain/money.js'
import type {MatchedEntity, QboDoc} from './docs.js'

// Only the fields the reconciler reads; QBO omits empty properties, so nearly everything is optional.
const Num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
const Ref = z.object({value: z.string(), name: z.string().optional(), type: z.string().optional()})
const Line = z.looseObject({
  Amount: Num.optional(),
  DetailType: z.string().optional(),
  JournalEntryLineDetail: z.looseObject({PostingType: z.string().optional()}).optional(),
  DepositLineDetail: z.looseObject({Entity: Ref.optional()}).optional(),
})
const QboTxn = z.looseObject({
  Id: z.string().min(1),
  DocNumber: z.string().optional(),
  PaymentRefNum: z.string().optional(),
  TxnDate: z.string().optional(),
  PrivateNote: z.string().optional(),
  CustomerRef: Ref.optional(),
  VendorRef: Ref.optional(),
  EntityRef: Ref.optional(),
  TotalAmt: Num.optional(),
  Amount: Num.optional(),
  Balance: Num.optional(),
  TxnTaxDetail: z.looseObject({TotalTax: Num.optional()}).optional(),
  Line: z.array(Line).optional(),
})
type QboTxn = z.infer<typeof QboTxn>

const TWO_DP = /^-?\d+(\.\d{1,2})?$/

/**
 * A QBO amount as 2-dp text. JSON numbers reach us as doubles, but String() gives back the shortest text
 * that round-trips, i.e. the digits QBO wrote; when those have at most 2 decimals they are padded as text
 * (the common case, and cheap for 100,000 records), otherwise the decimal library rounds them.
 */
export function qboAmountText(v: number | string | undefined): string {
  if (v === undefined) return '0.00'
  const text = String(v)
  if (!TWO_DP.test(text)) return amountText(dec(v))
  const dot = text.indexOf('.')
  const padded = dot < 0 ? `${text}.00` : text.length - dot === 2 ? `${text}0` : text
  return padded === '-0.00' ? '0.00' : padded
}

const money = qboAmountText

function contactRef(entity: MatchedEntity, t: QboTxn) {
  if (t.CustomerRef) return t.CustomerRef
  if (t.VendorRef) return t.VendorRef
  if (t.EntityRef) return t.EntityRef
  if (entity === 'Deposit') return t.Line?.find((l) => l.DepositLineDetail?.Entity)?.DepositLineDetail?.Entity
  return undefined
}

function total(entity: MatchedEntity, t: QboTxn): string {
  if (entity === 'Transfer') return money(t.Amount)
  if (entity === 'JournalEntry') {
    const lines = (t.Line ?? []).filter((l) => l.JournalEntryLineDetail?.PostingType === 'Debit')
    return amountText(sum(lines.map((l) => dec(l.Amount ?? 0))))
  }
  return money(t.TotalAmt)
}

const CONTACT_LIST: Partial<Record<MatchedEntity, string>> = {
  Invoice: 'Customer',
  CreditMemo: 'Customer',
  Payment: 'Customer',
  Deposit: 'Customer',
  Bill: 'Vendor',
  VendorCredit: 'Vendor',
  BillPayment: 'Vendor',
  Purchase: 'Vendor',
}

const TAXED: ReadonlySet<MatchedEntity> = new Set([
  'Invoice',
  'CreditMemo',
  'Bill',
  'VendorCredit',
  'Purchase',
  'Deposit',
])
const WITH_BALANCE: ReadonlySet<MatchedEntity> = new Set(['Invoice', 'CreditMemo', 'Bill', 'VendorCredit'])

export type QboDocResult = {ok: true; doc: QboDoc} | {ok: false; id: string; problem: string}

/** Reads the compared fields of one QBO record (validated here, where QBO's data enters the reconciler). */
export function toQboDoc(entity: MatchedEntity, raw: unknown): QboDocResult {
  const parsed = QboTxn.safeParse(raw)
  if (!parsed.success) {
    const id = typeof (raw as {Id?: unknown})?.Id === 'string' ? (raw as {Id: string}).Id : '?'
    return {
      ok: false,
      id,
      problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    }
  }
  const t = parsed.data
  const ref = contactRef(entity, t)
  const marker = parsePrivateNoteMarker(t.PrivateNote)
  const docNumber = t.DocNumber ?? t.PaymentRefNum
  // QBO adds a read-only SubTotalLineDetail line to sales documents; it is not one of the document's lines.
  const lineCount = (t.Line ?? []).filter((l) => l.DetailType !== 'SubTotalLineDetail').length
  const doc: QboDoc = {
    entity,
    id: t.Id,
    date: t.TxnDate ?? '',
    total: total(entity, t),
    lineCount,
    ...(docNumber ? {docNumber} : {}),
    ...(ref ? {contactId: ref.value, contactList: ref.type ?? CONTACT_LIST[entity] ?? ''} : {}),
    ...(ref?.name ? {contactName: ref.name} : {}),
    ...(TAXED.has(entity) ? {tax: money(t.TxnTaxDetail?.TotalTax)} : {}),
    ...(WITH_BALANCE.has(entity) && t.Balance !== undefined ? {balance: money(t.Balance)} : {}),
    ...(marker ? {marker} : {}),
  }
  return {ok: true, doc}
}

const Contact = z.looseObject({Id: z.string(), DisplayName: z.string().optional()})

/** A list record's key in the contact name index: Customer and Vendor Ids are separate sequences. */
export const contactKey = (list: string, id: string) => `${list}:${id}`

/** Customer/Vendor DisplayName, for contacts a transaction refers to without a name. */
export function contactName(list: string, raw: unknown): {key: string; name: string} | undefined {
  const parsed = Contact.safeParse(raw)
  return parsed.success && parsed.data.DisplayName
    ? {key: contactKey(list, parsed.data.Id), name: parsed.data.DisplayName}
    : undefined
}
