/**
 * What the preview shows of a payload: the few fields a person checks (name, number, date, total), read
 * from the QBO payload the load would send. Records without a payload (adopted, skipped, blocked) show none.
 */
import type {QboEntity} from '../../domain/entities.js'
import {D, dec, type Dec} from '../../domain/money.js'

type Payload = Record<string, unknown>

export interface KeyFields {
  name: string
  docNumber: string
  txnDate: string
  /** The customer, vendor or payee: the source id of a record of this migration, or `QBO <Id>`. */
  party: string
  currency: string
  /** Decimal text, computed as QBO will: lines net of tax plus the tax (see docs/workbooks.md). */
  total?: string
  /** Entity-specific: account type / subtype, item type, tax treatment. */
  detail: string
}

const isObj = (v: unknown): v is Payload => v !== null && typeof v === 'object' && !Array.isArray(v)
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** `{"ref": {"entity", "sourceId"}}` -> the source id; `{"value": "10"}` -> `QBO 10`. */
export function refText(v: unknown): string {
  if (!isObj(v)) return ''
  const ref = v.ref
  if (isObj(ref)) return text(ref.sourceId)
  return v.value === undefined ? '' : `QBO ${text(v.value)}`
}

const amount = (v: unknown): Dec => (typeof v === 'number' || typeof v === 'string' ? dec(v) : new D(0))

function lines(p: Payload): Payload[] {
  return Array.isArray(p.Line) ? p.Line.filter(isObj) : []
}

/** QBO's own total of a transaction payload, or undefined for list records. */
export function payloadTotal(entity: QboEntity, p: Payload): string | undefined {
  if (p.TotalAmt !== undefined) return amount(p.TotalAmt).toFixed(2)
  if (entity === 'Transfer') return amount(p.Amount).toFixed(2)
  if (!Array.isArray(p.Line)) return undefined
  if (entity === 'JournalEntry') {
    const debits = lines(p).filter(
      (l) => isObj(l.JournalEntryLineDetail) && l.JournalEntryLineDetail.PostingType === 'Debit',
    )
    return debits.reduce((s, l) => s.plus(amount(l.Amount)), new D(0)).toFixed(2)
  }
  let total = new D(0)
  for (const l of lines(p)) {
    if (l.DetailType === 'SubTotalLineDetail') continue
    total =
      l.DetailType === 'DiscountLineDetail' ? total.minus(amount(l.Amount)) : total.plus(amount(l.Amount))
  }
  const tax = isObj(p.TxnTaxDetail) ? amount(p.TxnTaxDetail.TotalTax) : new D(0)
  return total.plus(tax).toFixed(2)
}

function detailOf(entity: QboEntity, p: Payload): string {
  switch (entity) {
    case 'Account':
      return (
        [p.AccountType, p.AccountSubType].map(text).filter(Boolean).join(' / ') +
        (p.ParentRef ? ` (under ${refText(p.ParentRef)})` : '')
      )
    case 'Item':
      return text(p.Type)
    case 'Purchase':
      return text(p.PaymentType)
    default:
      return text(p.GlobalTaxCalculation)
  }
}

export function keyFields(entity: QboEntity, payload: Payload | undefined): KeyFields {
  const p = payload ?? {}
  const party = p.CustomerRef ?? p.VendorRef ?? p.EntityRef
  return {
    name: text(p.Name ?? p.DisplayName),
    docNumber: text(p.DocNumber),
    txnDate: text(p.TxnDate),
    party: refText(party),
    currency: isObj(p.CurrencyRef) ? text(p.CurrencyRef.value) : '',
    total: payload ? payloadTotal(entity, p) : undefined,
    detail: payload ? detailOf(entity, p) : '',
  }
}

/**
 * A decision's detail as a sentence-like line: `from: A; to: B; more: (parentId: 1, depth: 5)`. JSON would
 * be exact but unreadable to an accountant; nothing is dropped.
 */
export function readableDetail(detail: unknown): string {
  const one = (v: unknown): string => {
    if (v === null || v === undefined) return ''
    if (Array.isArray(v)) return v.map((x) => (isObj(x) ? `(${pairs(x, ', ')})` : one(x))).join(', ')
    if (isObj(v)) return `(${pairs(v, ', ')})`
    return String(v as string | number | boolean)
  }
  const pairs = (o: Payload, sep: string) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${one(v)}`)
      .join(sep)
  return isObj(detail) ? pairs(detail, '; ') : one(detail)
}
