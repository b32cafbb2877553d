/** Xero header names: a leading `*` (mandatory in templates) stripped, spaces ignored, case-insensitive. */
export function xeroKey(name: string): string {
  return name
    .trim()
    .replace(/^\*+/, '')
    .replace(/[\s_]+/g, '')
    .toLowerCase()
}

export type XeroFileType = 'taxRates' | 'accounts' | 'items' | 'documents' | 'journals' | 'contacts'

/** Recognises a Xero CSV by its header row (never by its name); undefined when it is none we know. */
export function recogniseXeroHeader(headers: readonly string[]): XeroFileType | undefined {
  const k = new Set(headers.map(xeroKey))
  const has = (...names: string[]) => names.every((n) => k.has(n))
  if (
    has('contactname') &&
    (has('unitamount') || has('lineamount')) &&
    (has('invoicenumber') || has('invoicedate'))
  )
    return 'documents'
  if (has('narration', 'accountcode', 'amount')) return 'journals'
  if (has('itemcode')) return 'items'
  if (has('code', 'name', 'type')) return 'accounts'
  if (has('contactname')) return 'contacts'
  if (has('taxtype') && (has('taxratename') || has('name') || has('displayname'))) return 'taxRates'
  return undefined
}

/** Processing order: tax names and accounts first (documents refer to them), contacts after documents. */
export const XERO_TYPE_ORDER: readonly XeroFileType[] = [
  'taxRates',
  'accounts',
  'items',
  'documents',
  'journals',
  'contacts',
]
