/**
 * How a QBO document is tied to its Shopify origin. The key is (shop domain, order id): order names repeat
 * across stores (each starts at #1001). Every document an order owns has a stable key ('doc' for the order's
 * invoice or sales receipt, 'pay:<transaction id>', 'refund:<refund id>' …), and carries the PrivateNote
 * marker `qbo-toolkit:shopify:<shop>/<order id>/<key>` on a line of its own: the exactly-once writer finds a
 * document by it after a lost answer. DocNumber (≤21 characters) is the store's prefix and the order name.
 */
export const DOC_NUMBER_MAX = 21

export function marker(shop: string, orderId: string, key: string): string {
  return `qbo-toolkit:shopify:${shop}/${orderId}/${key}`
}

/** The writer's source id of a document (outbox rows, messages): shop/order/key. */
export function sourceIdOf(shop: string, orderId: string, key: string): string {
  return `${shop}/${orderId}/${key}`
}

export function parseSourceId(sourceId: string): {shop: string; orderId: string; key: string} | undefined {
  const m = /^([^/]+)\/([^/]+)\/(.+)$/.exec(sourceId)
  return m ? {shop: m[1]!, orderId: m[2]!, key: m[3]!} : undefined
}

/**
 * `AU-1001` for order #1001 of the store with prefix AU, plus a suffix (`-R1` the first refund). A name too
 * long for QBO's 21 characters is replaced by the order's id in base 36 (shortened: a decision is recorded).
 */
export function docNumber(
  prefix: string,
  orderName: string,
  orderId: string,
  suffix = '',
): {value: string; shortened: boolean} {
  const name = orderName.replace(/^#/, '').trim()
  const full = `${prefix}-${name}${suffix}`
  if (full.length <= DOC_NUMBER_MAX) return {value: full, shortened: false}
  const short = `${prefix}-${BigInt(orderId.replace(/\D/g, '') || '0')
    .toString(36)
    .toUpperCase()}${suffix}`
  return {value: short.slice(0, DOC_NUMBER_MAX), shortened: true}
}

/** A store's prefix when the settings give none: the letters of its subdomain, then a number if taken. */
export function suggestPrefix(shop: string, taken: ReadonlySet<string>): string {
  const parts = (shop.split('.')[0] ?? shop)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
  const letters = parts.join('')
  const last = parts[parts.length - 1] ?? ''
  // acme-au → AU, acme-outlet → OUTL, bigshop → BIGS; then the letters at more length; then a number.
  const candidates = [parts.length > 1 ? last.slice(0, 4) : '', letters.slice(0, 4), letters.slice(0, 6)]
  for (const c of candidates) if (c && !taken.has(c)) return c
  const base = letters.slice(0, 4) || 'S'
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`
}

/** Keys of the documents an order owns. */
export const KEYS = {
  doc: 'doc',
  /** A voided earlier version of the order's document. */
  docHistory: (revision: number) => `doc@r${revision}`,
  payment: (txnId: string) => `pay:${txnId}`,
  refund: (refundId: string, channel?: string) =>
    channel ? `refund:${refundId}:${channel}` : `refund:${refundId}`,
  storeCredit: (refundId: string) => `store-credit:${refundId}`,
  credit: (refundId: string) => `credit:${refundId}`,
  apply: (refundId: string) => `apply:${refundId}`,
  void: (key: string) => `void:${key}`,
} as const

/** Documents whose credit is the customer's to spend elsewhere, not part of what the order owes. */
export function isStoreCreditKey(key: string): boolean {
  return key.startsWith('store-credit:')
}
