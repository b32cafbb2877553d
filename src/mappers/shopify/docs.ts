import {type Dec, amountText, unitText} from '../../domain/money.js'
import {contentHash} from '../../domain/ids.js'
import type {Money2, ShopifyTransaction} from '../../domain/shopify-order.js'
import type {OrderCurrency} from './currency.js'
import type {DocRef, PostingRefs} from './refs.js'

export type PostedEntity = 'Invoice' | 'SalesReceipt' | 'Payment' | 'RefundReceipt' | 'CreditMemo'

/**
 * A QBO document an order should have, in the shape QBO takes it. `{$doc: key}` in a payload stands for the
 * QBO id of another of the order's documents (the sync fills it in once that one is in QBO). Wave 1 is the
 * order's own document; wave 2 what links to it (payments) or stands beside it (refunds, credits); wave 3
 * what links to those (a credit applied to the invoice).
 */
export interface DesiredDoc {
  key: string
  entity: PostedEntity
  wave: 1 | 2 | 3
  payload: Record<string, unknown>
  /** What QBO's TotalAmt should come to. */
  total: string
  docNumber?: string
  txnDate: string
  marker: string
}

export interface Decision {
  code: string
  message: string
  detail?: Record<string, unknown>
}

export function ref(key: string): DocRef {
  return {$doc: key}
}

/** The customer, currency and exchange rate every document of the order carries. */
export function partyHeader(
  refs: PostingRefs,
  cur: OrderCurrency,
  customer: string | undefined,
  rateBasis: Money2,
  txn?: ShopifyTransaction,
): Record<string, unknown> {
  const rate = cur.rateFor(rateBasis, txn)
  return {
    CustomerRef: {value: customer ?? ''},
    ...(refs.multiCurrency ? {CurrencyRef: {value: cur.code}} : {}),
    ...(rate ? {ExchangeRate: Number(unitText(rate))} : {}),
  }
}

/** Payment method and account of a gateway's money (gift cards: the liability they draw down). */
export function paidWith(
  refs: PostingRefs,
  gateway: string,
  problems: string[],
  side: 'deposit' | 'refund',
): Record<string, unknown> {
  const method = refs.paymentMethod(gateway)
  const account = side === 'deposit' ? refs.depositAccount(gateway) : refs.refundAccount(gateway)
  if (!method) problems.push(`QBO has no payment method for gateway ${gateway}`)
  if (!account) problems.push(`QBO has no account for the money of gateway ${gateway}`)
  return {PaymentMethodRef: {value: method ?? ''}, DepositToAccountRef: {value: account ?? ''}}
}

/**
 * The document with its PrivateNote: what it is, its total and a version (the fingerprint of its content, so
 * the writer can tell afterwards whether an update landed), then the marker on a line of its own.
 */
export function finish(d: {
  key: string
  entity: PostedEntity
  wave: 1 | 2 | 3
  total: Dec
  docNumber?: string
  txnDate: string
  marker: string
  note: string
  payload: Record<string, unknown>
}): DesiredDoc {
  const total = amountText(d.total)
  const version = contentHash(d.payload).slice(0, 10)
  return {
    key: d.key,
    entity: d.entity,
    wave: d.wave,
    total,
    ...(d.docNumber ? {docNumber: d.docNumber} : {}),
    txnDate: d.txnDate,
    marker: d.marker,
    payload: {...d.payload, PrivateNote: `${d.note}; total ${total}; version ${version}\n${d.marker}`},
  }
}

/** The total a document's PrivateNote states (what the sync last wrote), if it carries one. */
export function totalInNote(note: unknown): string | undefined {
  return typeof note === 'string' ? /; total (-?\d+\.\d{2}); version /.exec(note)?.[1] : undefined
}
