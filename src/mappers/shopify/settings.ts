import {z} from 'zod'

import {IsoDate} from '../../domain/canonical.js'

/**
 * The posting choices of the Shopify sync (docs/shopify.md, "Settings"), read from a YAML or JSON file
 * (`--settings`, default shopify.yml beside the migration file). Every field has a default, so a file that
 * only lists the stores is enough. Names are QBO names: accounts, items, tax codes, payment methods.
 */
export const ShopifySettings = z
  .object({
    stores: z
      .array(
        z
          .object({
            domain: z.string().min(1),
            /** DocNumber prefix (1–6 letters or digits); fixed once the store's first document is in QBO. */
            prefix: z
              .string()
              .regex(/^[A-Za-z0-9]{1,6}$/, '1 to 6 letters or digits')
              .optional(),
            /** The QBO customer the store's sales go to; " (CUR)" is added per currency. */
            customer: z.string().min(1).max(400).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Where the first run of a store starts reading (default: 60 days back, Shopify's default reach). */
    since: IsoDate.optional(),
    /** An order paid in full at checkout in one way becomes a SalesReceipt; otherwise an Invoice. */
    salesReceiptWhenPaidAtCheckout: z.boolean().default(true),
    /** Test orders (Shopify's `test`) are skipped unless this is true. */
    includeTestOrders: z.boolean().default(false),
    accounts: z
      .object({
        /** Where money from Shopify lands until it is deposited (a clearing account). */
        deposit: z.string().default('Undeposited Funds'),
        /** The account refunds are paid from. */
        refunds: z.string().default('Undeposited Funds'),
        /** The liability gift cards are sold into and redeemed from (created if missing). */
        giftCards: z.string().default('Gift card liability'),
        /** The income account of items the sync creates. */
        income: z.string().default('Sales'),
        /** Where discount lines go; default: QBO's discounts account (subtype DiscountsRefundsGiven). */
        discounts: z.string().optional(),
      })
      .strict()
      .default({
        deposit: 'Undeposited Funds',
        refunds: 'Undeposited Funds',
        giftCards: 'Gift card liability',
        income: 'Sales',
      }),
    items: z
      .object({
        /** Create a QBO item (Name and Sku = the SKU) for a SKU QBO does not have. */
        createMissing: z.boolean().default(true),
        noSku: z.string().default('Shopify sale'),
        shipping: z.string().default('Shipping'),
        giftCard: z.string().default('Gift card'),
        adjustment: z.string().default('Refund adjustment'),
        other: z.string().default('Duties and fees'),
      })
      .strict()
      .default({
        createMissing: true,
        noSku: 'Shopify sale',
        shipping: 'Shipping',
        giftCard: 'Gift card',
        adjustment: 'Refund adjustment',
        other: 'Duties and fees',
      }),
    /** Per Shopify gateway: the QBO payment method and the account its money lands in. */
    gateways: z
      .record(
        z.string(),
        z.object({paymentMethod: z.string().optional(), account: z.string().optional()}).strict(),
      )
      .default({}),
    /** Gateways that are gift cards: their payments draw down the gift card liability (not new money). */
    giftCardGateways: z.array(z.string()).default(['gift_card']),
    /** Gateways that are store credit: refunds to them become credit memos (UNCONFIRMED gateway names). */
    storeCreditGateways: z.array(z.string()).default(['shopify_store_credit', 'store_credit']),
    tax: z
      .object({
        /** Shopify tax rate in percent ("10") → QBO tax code name; otherwise the one sales code at that rate. */
        codes: z.record(z.string(), z.string()).default({}),
        /** The QBO tax code for untaxed lines (gift cards, exempt orders, lines without tax). */
        untaxed: z.string().default('GST-free'),
      })
      .strict()
      .default({codes: {}, untaxed: 'GST-free'}),
  })
  .strict()
export type ShopifySettings = z.infer<typeof ShopifySettings>

export const DEFAULT_SETTINGS: ShopifySettings = ShopifySettings.parse({})

/** The payment method name for a gateway: configured, or the gateway's own name made readable. */
export function paymentMethodName(settings: ShopifySettings, gateway: string): string {
  const configured = settings.gateways[gateway]?.paymentMethod
  if (configured) return configured
  const known: Record<string, string> = {
    shopify_payments: 'Shopify Payments',
    paypal: 'PayPal',
    gift_card: 'Gift card',
    manual: 'Manual payment',
    cash: 'Cash',
  }
  if (known[gateway]) return known[gateway]
  const words = gateway.replace(/[_-]+/g, ' ').trim() || 'Shopify'
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export type Channel = 'money' | 'gift-card' | 'store-credit'

export function channelOf(settings: ShopifySettings, gateway: string): Channel {
  const g = gateway.toLowerCase()
  if (settings.giftCardGateways.map((x) => x.toLowerCase()).includes(g)) return 'gift-card'
  if (settings.storeCreditGateways.map((x) => x.toLowerCase()).includes(g)) return 'store-credit'
  return 'money'
}
