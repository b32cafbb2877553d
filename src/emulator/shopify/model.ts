/**
 * The emulator's shops and orders. Prices are kept in the customer's (presentment) currency; the shop's
 * currency amount of each one is the presentment amount times the order's rate, rounded once per amount, the
 * way a MoneyBag carries both. What Shopify derives (totals, outstanding) is computed in totals.ts.
 */
export type Money = string

export interface EmuDiscount {
  level: 'line' | 'order'
  title: string
  /** A discount code, when the discount came from one. */
  code?: string
  /** For the line's whole ordered quantity, in presentment currency. */
  amount: Money
}

export interface EmuLine {
  id: string
  sku: string | null
  title: string
  quantity: number
  /** Units taken off by order edits. */
  removed: number
  /** Presentment currency; tax-inclusive when the order's taxesIncluded. */
  unitPrice: Money
  taxable: boolean
  isGiftCard: boolean
  requiresShipping: boolean
  /** e.g. "0.1"; null when untaxed. */
  taxRate: string | null
  taxTitle: string
  /** Tax for the whole ordered quantity after discounts. */
  tax: Money
  discounts: EmuDiscount[]
}

export interface EmuShipping {
  id: string
  title: string
  /** After shipping discounts; tax-inclusive when taxesIncluded. */
  price: Money
  taxRate: string | null
  taxTitle: string
  tax: Money
  removed: boolean
}

export type TxnKind =
  | 'SALE'
  | 'CAPTURE'
  | 'AUTHORIZATION'
  | 'VOID'
  | 'REFUND'
  | 'CHANGE'
  | 'EMV_AUTHORIZATION'
  | 'SUGGESTED_REFUND'
export type TxnStatus = 'SUCCESS' | 'FAILURE' | 'PENDING' | 'ERROR' | 'AWAITING_RESPONSE' | 'UNKNOWN'

export interface EmuTransaction {
  id: string
  kind: TxnKind
  status: TxnStatus
  gateway: string
  amount: Money
  createdAt: string
  processedAt: string
  parentId: string | null
  /** Shop currency per presentment unit for this transaction (the settlement rate). */
  rate: string
  test: boolean
}

export interface EmuRefundLine {
  id: string
  lineItemId: string
  quantity: number
  restockType: 'RETURN' | 'CANCEL' | 'LEGACY_RESTOCK' | 'NO_RESTOCK'
  /** After discounts; on the order's tax basis (gross when taxesIncluded). */
  subtotal: Money
  tax: Money
}

export interface EmuRefund {
  id: string
  createdAt: string
  note: string | null
  lines: EmuRefundLine[]
  shipping: {id: string; shippingLineId: string; subtotal: Money; tax: Money}[]
  /** Positive keeps money with the merchant (see docs/shopify.md). */
  adjustments: {id: string; reason: string | null; amount: Money; tax: Money}[]
  transactionIds: string[]
}

export interface EmuOrder {
  id: string
  name: string
  number: number
  createdAt: string
  processedAt: string
  updatedAt: string
  cancelledAt: string | null
  test: boolean
  /** Shop currency at order time, the customer's currency, and shop units per customer unit. */
  currency: string
  presentmentCurrency: string
  rate: string
  taxesIncluded: boolean
  taxExempt: boolean
  edited: boolean
  lines: EmuLine[]
  shipping: EmuShipping[]
  transactions: EmuTransaction[]
  refunds: EmuRefund[]
}

export interface ThrottlePlan {
  /** Bucket size in cost points. */
  maximumAvailable: number
  /** Points restored per second (before time scaling). */
  restoreRate: number
}

export interface EmuShop {
  domain: string
  name: string
  currency: string
  timezone: string
  token: string
  /** Prefix + number + suffix make an order's name, as in the shop's order settings. */
  namePrefix: string
  nextNumber: number
  plan: ThrottlePlan
  orders: Map<string, EmuOrder>
  /** Where the shop sends webhooks, with the app's secret that signs them. */
  webhook?: {url: string; secret: string}
}

/** Shopify's ids are large integers; the emulator hands them out from one counter per emulator. */
export class IdSource {
  private next: bigint
  constructor(start = 5_400_000_000_000n) {
    this.next = start
  }
  id(): string {
    this.next += 1n
    return String(this.next)
  }
}

export function gid(type: string, id: string): string {
  return `gid://shopify/${type}/${id}`
}
