import type {OrderComparison} from './compare.js'

/** A QBO document that carries one of the store's markers but is not one the sync keeps: a duplicate or a stray. */
export interface ExtraDocument {
  entity: string
  id: string
  docNumber: string
  total: string
  marker: string
}

export interface CurrencyTotals {
  currency: string
  orders: number
  shopify: {currentTotal: string; received: string; refunded: string; outstanding: string}
  qbo: {currentTotal: string; received: string; refunded: string; balance: string}
}

export interface StoreReconciliation {
  shop: string
  prefix: string
  asOf: string
  orders: number
  agree: number
  differ: number
  notPosted: number
  extra: ExtraDocument[]
  totals: CurrencyTotals[]
  rows: OrderComparison[]
  file?: string
}
