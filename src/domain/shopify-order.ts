/**
 * A Shopify order as the sync stages it: what `src/sources/shopify/` reads from the Admin GraphQL API and what
 * the pure posting model (`src/mappers/shopify/`) turns into QBO documents. It knows nothing of QBO.
 *
 * Conventions
 * - Every amount is a pair: the shop's currency and the customer's (presentment) currency, as Shopify's
 *   MoneyBag carries them; each a decimal string with exactly 2 dp. Never floats.
 * - `date` fields are civil dates in the shop's time zone (what the merchant sees as the day); the ISO
 *   instants are kept beside them for ordering.
 * - Ids are Shopify's numeric ids (the tail of the GID, or legacyResourceId): stable and unique per shop.
 * - Line quantities: `quantity` as ordered, `currentQuantity` after removals (edits) AND refunds, exactly as
 *   Shopify reports them; the model derives what was sold after edits from these and the refunds.
 */
import {z} from 'zod'

import {Amount, Currency, IsoDate} from './canonical.js'

export const Money2 = z.object({shop: Amount, presentment: Amount})
export type Money2 = z.infer<typeof Money2>

const Instant = z.string().min(10)

export const ShopifyTaxLine = z.object({
  title: z.string(),
  /** The rate as a decimal fraction ("0.1" for 10 %); empty when Shopify gave none. */
  rate: z.string(),
  amount: Money2,
})
export type ShopifyTaxLine = z.infer<typeof ShopifyTaxLine>

export const ShopifyDiscount = z.object({
  /** 'order': a cart-level discount spread across lines (allocation ACROSS); 'line': one line's own (EACH). */
  level: z.enum(['line', 'order']),
  title: z.string(),
  amount: Money2,
})
export type ShopifyDiscount = z.infer<typeof ShopifyDiscount>

export const ShopifyLineItem = z.object({
  id: z.string().min(1),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  currentQuantity: z.number().int().nonnegative(),
  /** Tax-inclusive when the order's taxesIncluded is true. */
  unitPrice: Money2,
  discounts: z.array(ShopifyDiscount),
  taxLines: z.array(ShopifyTaxLine),
  taxable: z.boolean(),
  isGiftCard: z.boolean(),
})
export type ShopifyLineItem = z.infer<typeof ShopifyLineItem>

export const ShopifyShippingLine = z.object({
  id: z.string(),
  title: z.string(),
  removed: z.boolean(),
  /** After shipping discounts; tax-inclusive when taxesIncluded. */
  price: Money2,
  taxLines: z.array(ShopifyTaxLine),
})
export type ShopifyShippingLine = z.infer<typeof ShopifyShippingLine>

export const TRANSACTION_KINDS = [
  'SALE',
  'CAPTURE',
  'AUTHORIZATION',
  'VOID',
  'REFUND',
  'CHANGE',
  'EMV_AUTHORIZATION',
  'SUGGESTED_REFUND',
] as const
export const TRANSACTION_STATUSES = [
  'SUCCESS',
  'FAILURE',
  'PENDING',
  'ERROR',
  'AWAITING_RESPONSE',
  'UNKNOWN',
] as const

export const ShopifyTransaction = z.object({
  id: z.string().min(1),
  kind: z.enum(TRANSACTION_KINDS),
  status: z.enum(TRANSACTION_STATUSES),
  gateway: z.string(),
  amount: Money2,
  processedAt: Instant,
  date: IsoDate,
  parentId: z.string().nullable(),
  /** The currency the money was settled in and the rate used to convert `amount` into it, when Shopify says. */
  settlementCurrency: Currency.nullable(),
  settlementRate: z.string().nullable(),
  test: z.boolean(),
})
export type ShopifyTransaction = z.infer<typeof ShopifyTransaction>

export const RESTOCK_TYPES = ['RETURN', 'CANCEL', 'LEGACY_RESTOCK', 'NO_RESTOCK'] as const

export const ShopifyRefund = z.object({
  id: z.string().min(1),
  createdAt: Instant,
  date: IsoDate,
  note: z.string().nullable(),
  /** Money returned across the refund's transactions. */
  totalRefunded: Money2,
  lines: z.array(
    z.object({
      lineItemId: z.string(),
      quantity: z.number().int().nonnegative(),
      restockType: z.enum(RESTOCK_TYPES),
      restocked: z.boolean(),
      /** After discounts, before tax (UNCONFIRMED when taxesIncluded: see docs/shopify.md). */
      subtotal: Money2,
      tax: Money2,
    }),
  ),
  shipping: z.array(z.object({subtotal: Money2, tax: Money2})),
  /**
   * Differences between what was calculated and what was refunded. Positive keeps money with the merchant,
   * as Shopify's refundDiscrepancySet is signed (UNCONFIRMED per adjustment; see docs/shopify.md).
   */
  adjustments: z.array(z.object({reason: z.string().nullable(), amount: Money2, tax: Money2})),
  transactionIds: z.array(z.string()),
})
export type ShopifyRefund = z.infer<typeof ShopifyRefund>

export const ShopifyOrder = z.object({
  shop: z.string().min(1),
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: Instant,
  processedAt: Instant,
  updatedAt: Instant,
  date: IsoDate,
  cancelledAt: Instant.nullable(),
  test: z.boolean(),
  /** The shop's currency when the order was placed, and the customer's. */
  currency: Currency,
  presentmentCurrency: Currency,
  taxesIncluded: z.boolean(),
  taxExempt: z.boolean(),
  edited: z.boolean(),
  totals: z.object({
    /** Before returns. */
    total: Money2,
    /** After returns, refunds and edits. */
    currentTotal: Money2,
    currentTax: Money2,
    received: Money2,
    refunded: Money2,
    /** What is still to be transacted: positive, the customer owes; negative, the merchant does. */
    outstanding: Money2,
    tips: Money2,
    duties: Money2,
    additionalFees: Money2,
  }),
  lineItems: z.array(ShopifyLineItem),
  shippingLines: z.array(ShopifyShippingLine),
  transactions: z.array(ShopifyTransaction),
  refunds: z.array(ShopifyRefund),
})
export type ShopifyOrder = z.infer<typeof ShopifyOrder>

/** The pair of a zero amount. */
export const ZERO2: Money2 = {shop: '0.00', presentment: '0.00'}
