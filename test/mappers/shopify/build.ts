import type {
  Money2,
  ShopifyLineItem,
  ShopifyOrder,
  ShopifyRefund,
  ShopifyTransaction,
} from '../../../src/domain/shopify-order.js'
import type {PostingRefs} from '../../../src/mappers/shopify/refs.js'

/** Money in one currency (shop = presentment), or in two at a rate (shop = presentment × rate, to the cent). */
export function m(presentment: string, rate = '1'): Money2 {
  const shop = (Math.round(Number(presentment) * Number(rate) * 100) / 100).toFixed(2)
  return {shop, presentment: Number(presentment).toFixed(2)}
}

export function line(
  over: Partial<ShopifyLineItem> & {id: string; price: string; qty: number},
): ShopifyLineItem {
  const {price, qty, ...rest} = over
  return {
    sku: `SKU-${over.id}`,
    title: `Item ${over.id}`,
    quantity: qty,
    currentQuantity: qty,
    unitPrice: m(price),
    discounts: [],
    taxLines: [],
    taxable: true,
    isGiftCard: false,
    ...rest,
  }
}

export function txn(
  over: Partial<Omit<ShopifyTransaction, 'amount'>> & {id: string; amount: string},
): ShopifyTransaction {
  const {amount, ...rest} = over
  return {
    kind: 'SALE',
    status: 'SUCCESS',
    gateway: 'shopify_payments',
    amount: m(amount),
    processedAt: '2026-03-02T01:00:00Z',
    date: '2026-03-02',
    parentId: null,
    settlementCurrency: null,
    settlementRate: null,
    test: false,
    ...rest,
  }
}

export function refund(over: Partial<ShopifyRefund> & {id: string}): ShopifyRefund {
  return {
    createdAt: '2026-03-05T01:00:00Z',
    date: '2026-03-05',
    note: null,
    totalRefunded: m('0'),
    lines: [],
    shipping: [],
    adjustments: [],
    transactionIds: [],
    ...over,
  }
}

const ZERO = m('0')

/** A Shopify order written by hand, the way the Admin API describes one (not made by the emulator). */
export function order(over: Partial<ShopifyOrder> = {}): ShopifyOrder {
  return {
    shop: 'acme.myshopify.com',
    id: '820982911946154508',
    name: '#1001',
    createdAt: '2026-03-02T01:00:00Z',
    processedAt: '2026-03-02T01:00:00Z',
    updatedAt: '2026-03-02T01:00:00Z',
    date: '2026-03-02',
    cancelledAt: null,
    test: false,
    currency: 'AUD',
    presentmentCurrency: 'AUD',
    taxesIncluded: false,
    taxExempt: false,
    edited: false,
    totals: {
      total: ZERO,
      currentTotal: ZERO,
      currentTax: ZERO,
      received: ZERO,
      refunded: ZERO,
      outstanding: ZERO,
      tips: ZERO,
      duties: ZERO,
      additionalFees: ZERO,
    },
    lineItems: [],
    shippingLines: [],
    transactions: [],
    refunds: [],
    ...over,
  }
}

export const GST = [{title: 'GST', rate: '0.1', amount: m('0')}]

/** A QBO company with everything the model names: ids are readable names. */
export function refs(over: Partial<PostingRefs> = {}): PostingRefs {
  return {
    homeCurrency: 'AUD',
    multiCurrency: true,
    customer: (c) => `cust-${c}`,
    itemForSku: (sku) => `item-${sku}`,
    item: (role) => `item-${role}`,
    taxCode: (p) => (p === '10' ? 'tax-GST' : undefined),
    untaxedCode: 'tax-FREE',
    paymentMethod: (g) => `pm-${g}`,
    depositAccount: (g) => (g === 'gift_card' ? 'acct-giftcards' : 'acct-undeposited'),
    refundAccount: (g) => (g === 'gift_card' ? 'acct-giftcards' : 'acct-refunds'),
    discountAccount: 'acct-discounts',
    ...over,
  }
}
