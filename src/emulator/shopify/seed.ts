import type {CreateOrderInput, EditInput, RefundInput, TransactionInput} from './orders.js'

/** A shop to create, with the orders it starts with. */
export interface ShopSpec {
  domain: string
  name: string
  currency: string
  timezone: string
  namePrefix?: string
  /** Points a second and bucket size (Shopify's plans differ; the Standard plan restores 100 a second). */
  plan?: {maximumAvailable: number; restoreRate: number}
  orders?: SeedOrder[]
}

/**
 * An order and what happened to it after it was placed, in order. A transaction amount may be 'TOTAL' (the
 * order's current total) or 'REST' (what is outstanding when it is made).
 */
export interface SeedOrder {
  order: CreateOrderInput
  then?: (
    {transaction: TransactionInput & {parentOf?: 'AUTHORIZATION'}} | {refund: RefundInput} | {edit: EditInput}
  )[]
}

const GST = '0.1'

function day(d: number): string {
  return `2026-03-${String(d).padStart(2, '0')}T${String(9 + (d % 8)).padStart(2, '0')}:15:00Z`
}

/**
 * The demo: six storefronts of one Australian business (books in AUD), each numbering its orders from #1001,
 * so names collide across stores. Between them they hold every case the posting model handles: paid at
 * checkout, partly paid, authorised then captured, refunds full and partial (restock, shipping), a store
 * credit, multi-currency, tax-inclusive and tax-exclusive prices, line and order discounts, gift cards sold
 * and redeemed, and an order edited after it was placed.
 */
export function demoShops(): ShopSpec[] {
  const stores: [string, string, string, boolean][] = [
    ['acme-au.myshopify.com', 'Acme Australia', 'AUD', true],
    ['acme-nz.myshopify.com', 'Acme New Zealand', 'NZD', true],
    ['acme-us.myshopify.com', 'Acme USA', 'USD', false],
    ['acme-uk.myshopify.com', 'Acme UK', 'GBP', true],
    ['acme-eu.myshopify.com', 'Acme Europe', 'EUR', true],
    ['acme-outlet.myshopify.com', 'Acme Outlet', 'AUD', false],
  ]
  const rates: Record<string, string> = {AUD: '1', NZD: '0.91', USD: '1.52', GBP: '1.95', EUR: '1.65'}
  return stores.map(([domain, name, presentment, inclusive], i) => ({
    domain,
    name,
    currency: 'AUD',
    timezone: 'Australia/Sydney',
    orders: demoOrders(presentment, rates[presentment]!, inclusive, i),
  }))
}

function demoOrders(currency: string, rate: string, taxesIncluded: boolean, store: number): SeedOrder[] {
  const fx = currency === 'AUD' ? {} : {presentmentCurrency: currency, rate}
  const tax = currency === 'AUD' ? GST : null
  const base = {taxesIncluded, ...fx}
  const shirt = {sku: 'TEE-BLK-M', title: 'Tee black M', price: '35.00', taxRate: tax}
  const mug = {sku: 'MUG-01', title: 'Enamel mug', price: '18.50', taxRate: tax}
  const cap = {sku: 'CAP-02', title: 'Cap', price: '24.95', taxRate: tax}
  const ship = {title: 'Standard', price: '9.95', taxRate: tax}
  return [
    {
      // Paid in full at checkout: a sales receipt.
      order: {
        ...base,
        processedAt: day(2),
        lines: [
          {...shirt, quantity: 2},
          {...mug, quantity: 1},
        ],
        shipping: ship,
        transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: 'TOTAL'}],
      },
    },
    {
      // Net terms: nothing paid at checkout, a part later.
      order: {...base, processedAt: day(3), lines: [{...cap, quantity: 4 + store}], shipping: ship},
      then: [{transaction: {kind: 'SALE', gateway: 'manual', amount: '40.00'}}],
    },
    {
      // Paid; one shirt returned and restocked, shipping refunded.
      order: {
        ...base,
        processedAt: day(4),
        lines: [
          {...shirt, quantity: 3},
          {...cap, quantity: 1},
        ],
        shipping: ship,
        transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: 'TOTAL'}],
      },
      then: [
        {refund: {lines: [{sku: 'TEE-BLK-M', quantity: 1, restockType: 'RETURN'}], shipping: {full: true}}},
      ],
    },
    {
      // Paid, then refunded in full.
      order: {
        ...base,
        processedAt: day(5),
        lines: [{...mug, quantity: 2}],
        shipping: ship,
        transactions: [{kind: 'SALE', gateway: 'paypal', amount: 'TOTAL'}],
      },
      then: [
        {refund: {lines: [{sku: 'MUG-01', quantity: 2, restockType: 'RETURN'}], shipping: {full: true}}},
      ],
    },
    {
      // Authorised at checkout (not money), captured later; a line discount and an order discount code.
      order: {
        ...base,
        processedAt: day(6),
        lines: [
          {...shirt, quantity: 2, discount: {amount: '5.00', title: 'Bundle'}},
          {...mug, quantity: 2},
        ],
        orderDiscount: {amount: '10.00', title: 'WELCOME10', code: 'WELCOME10'},
        transactions: [{kind: 'AUTHORIZATION', gateway: 'shopify_payments', amount: '200.00'}],
      },
      then: [
        {
          transaction: {
            kind: 'CAPTURE',
            gateway: 'shopify_payments',
            amount: 'TOTAL',
            parentOf: 'AUTHORIZATION',
          },
        },
      ],
    },
    {
      // Part paid with a gift card, the rest by card.
      order: {
        ...base,
        processedAt: day(7),
        lines: [
          {...cap, quantity: 2},
          {...mug, quantity: 1},
        ],
        transactions: [
          {kind: 'SALE', gateway: 'gift_card', amount: '25.00'},
          {kind: 'SALE', gateway: 'shopify_payments', amount: 'REST'},
        ],
      },
    },
    {
      // A gift card sold: a liability, not revenue.
      order: {
        ...base,
        processedAt: day(8),
        lines: [{sku: null, title: 'Gift card $50', price: '50.00', quantity: 1, giftCard: true}],
        transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '50.00'}],
      },
    },
    {
      // Edited after it was placed: a cap added, the difference paid.
      order: {...base, processedAt: day(9), lines: [{...shirt, quantity: 1}], shipping: ship},
      then: [
        {transaction: {kind: 'SALE', gateway: 'shopify_payments', amount: 'TOTAL'}},
        {edit: {add: [{...cap, quantity: 1}]}},
        {transaction: {kind: 'SALE', gateway: 'shopify_payments', amount: 'REST'}},
      ],
    },
    {
      // Unpaid order with an item taken off before payment (a refund without money), then paid.
      order: {
        ...base,
        processedAt: day(10),
        lines: [
          {...shirt, quantity: 2},
          {...mug, quantity: 3},
        ],
      },
      then: [
        {refund: {lines: [{sku: 'MUG-01', quantity: 1, restockType: 'CANCEL'}]}},
        {transaction: {kind: 'SALE', gateway: 'manual', amount: 'REST'}},
      ],
    },
  ]
}
