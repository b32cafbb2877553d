/**
 * What the posting model needs to know of the QBO company, resolved to QBO ids by the sync before it maps
 * (the model itself reads nothing). A lookup that finds nothing returns undefined and the order is held
 * back with a message saying what is missing.
 */
export interface PostingRefs {
  homeCurrency: string
  multiCurrency: boolean
  /** The store's customer in this currency (one QBO customer per currency: a customer's currency is fixed). */
  customer(currency: string): string | undefined
  /** The item for a SKU. */
  itemForSku(sku: string): string | undefined
  item(role: 'noSku' | 'shipping' | 'giftCard' | 'adjustment' | 'other'): string | undefined
  /** The sales tax code whose rates add up to this percentage ("10"), or the one configured for it. */
  taxCode(percent: string): string | undefined
  untaxedCode: string | undefined
  paymentMethod(gateway: string): string | undefined
  /** Where a gateway's money lands (gift cards: the liability they draw down). */
  depositAccount(gateway: string): string | undefined
  /** Which account pays a refund through this gateway back. */
  refundAccount(gateway: string): string | undefined
  discountAccount: string | undefined
}

/** A reference a payload holds until the document it names is in QBO: resolved by the sync. */
export interface DocRef {
  $doc: string
}

export function isDocRef(value: unknown): value is DocRef {
  return typeof value === 'object' && value !== null && typeof (value as DocRef).$doc === 'string'
}
