import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {demoShops} from '../../src/emulator/shopify/index.js'
import type {EmuOrder} from '../../src/emulator/shopify/model.js'
import {DEFAULT_SETTINGS} from '../../src/mappers/shopify/settings.js'
import {reconcileShopify} from '../../src/reconcile/shopify/reconcile.js'
import {type ShopifyWorld, emptyShop, shopifyWorld} from './shopify-harness.js'

/**
 * The acceptance scenarios against the two emulators, each ending with QBO's balance per order equal
 * to Shopify's totalOutstanding, and each followed by a rerun that writes nothing to QBO.
 */
const SHOP = 'scenarios.myshopify.com'
const FX = 'euro.myshopify.com'
const DEMO = demoShops()

let w: ShopifyWorld

before(async () => {
  w = await shopifyWorld({
    shops: [emptyShop(SHOP), emptyShop(FX), ...DEMO],
    settings: {
      ...DEFAULT_SETTINGS,
      stores: [
        {domain: SHOP, prefix: 'SC'},
        {domain: FX, prefix: 'FX'},
      ],
    },
  })
})
after(() => w.close())

const GST = '0.1'
const tee = {sku: 'TEE-1', title: 'Tee', price: '30.00', taxRate: GST}
const mug = {sku: 'MUG-1', title: 'Mug', price: '12.50', taxRate: GST}
const ship = {title: 'Post', price: '10.00', taxRate: GST}

/** Syncs the store, checks the order agrees with QBO to the cent, then that a rerun writes nothing. */
async function syncAndCheck(shop: string, order: EmuOrder) {
  const first = await w.sync({stores: [shop]})
  const held = first.stores.flatMap((s) => [...s.held, ...s.conflicts])
  assert.deepEqual(held, [], 'nothing held back')
  const row = (await w.compare(shop)).get(order.name)!
  assert.equal(row.status, 'agrees', row.differences.join('; '))
  assert.equal(row.qbo.balance, row.shopify.outstanding)
  const writes = w.qboEmulator.stats().writes
  const again = await w.sync({stores: [shop]})
  assert.equal(again.writes.created + again.writes.updated + again.writes.voided + again.writes.deleted, 0)
  assert.equal(w.qboEmulator.stats().writes, writes, 'a rerun writes nothing to QBO')
  return row
}

function docOf(shop: string, order: EmuOrder, key = 'doc') {
  return w.staging.shopify.posting(shop, order.id, key)
}

describe('Shopify orders into QBO: the acceptance scenarios', () => {
  it('a dry run reads and plans, and writes nothing to QBO', async () => {
    const order = w.shopify.control.createOrder(SHOP, {lines: [{...tee, quantity: 1}]})
    const writes = w.qboEmulator.stats().writes
    const plan = await w.sync({stores: [SHOP], dryRun: true})
    assert.equal(w.qboEmulator.stats().writes, writes)
    assert.ok(plan.lists.created.includes('Customer Shopify SC (AUD)'))
    assert.deepEqual(
      plan.planned
        .filter((p) => p.order === `${SHOP} ${order.name}`)
        .map((p) => [p.operation, p.entity, p.docNumber]),
      [['create', 'Invoice', `SC-${order.name.slice(1)}`]],
    )
    await syncAndCheck(SHOP, order)
  })

  it('a partial payment, then the rest: an invoice and a payment for each as it arrives', async () => {
    const order = w.shopify.control.createOrder(SHOP, {lines: [{...tee, quantity: 2}], shipping: ship})
    w.shopify.control.addTransaction(SHOP, order.id, {kind: 'SALE', gateway: 'manual', amount: '20.00'})
    let row = await syncAndCheck(SHOP, order)
    assert.equal(docOf(SHOP, order)?.entity, 'Invoice')
    assert.equal(row.shopify.outstanding, '57.00') // 60 + 10 shipping + 7 GST - 20
    w.shopify.control.addTransaction(SHOP, order.id, {kind: 'SALE', gateway: 'manual', amount: '57.00'})
    row = await syncAndCheck(SHOP, order)
    assert.equal(row.qbo.balance, '0.00')
    assert.equal(row.documents.filter((d) => d.entity === 'Payment').length, 2)
  })

  it('an authorisation is not money: the invoice stays open until the capture', async () => {
    const order = w.shopify.control.createOrder(SHOP, {
      lines: [{...mug, quantity: 4}],
      transactions: [{kind: 'AUTHORIZATION', gateway: 'shopify_payments', amount: '55.00'}],
    })
    let row = await syncAndCheck(SHOP, order)
    assert.equal(row.qbo.balance, '55.00')
    assert.equal(row.documents.filter((d) => d.entity === 'Payment').length, 0)
    const auth = order.transactions[0]!
    w.shopify.control.addTransaction(SHOP, order.id, {
      kind: 'CAPTURE',
      gateway: 'shopify_payments',
      amount: '55.00',
      parentId: auth.id,
    })
    row = await syncAndCheck(SHOP, order)
    assert.equal(row.qbo.balance, '0.00')
  })

  it('a full refund: a sales receipt and a refund receipt for all of it', async () => {
    const order = w.shopify.control.createOrder(SHOP, {
      taxesIncluded: true,
      lines: [
        {...tee, quantity: 1},
        {...mug, quantity: 2},
      ],
      shipping: ship,
      transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '65.00'}],
    })
    await syncAndCheck(SHOP, order)
    assert.equal(docOf(SHOP, order)?.entity, 'SalesReceipt')
    w.shopify.control.refund(SHOP, order.id, {
      lines: [
        {sku: 'TEE-1', quantity: 1},
        {sku: 'MUG-1', quantity: 2},
      ],
      shipping: {full: true},
    })
    const row = await syncAndCheck(SHOP, order)
    assert.equal(row.shopify.refunded, '65.00')
    assert.equal(row.qbo.refunded, '65.00')
    assert.equal(row.shopify.currentTotal, '0.00')
    const receipt = await w.qbo.read(
      'RefundReceipt',
      docOf(SHOP, order, `refund:${order.refunds[0]!.id}`)!.qboId,
    )
    assert.equal(receipt.TotalAmt, 65)
    assert.equal(receipt.GlobalTaxCalculation, 'TaxInclusive')
  })

  it('a partial refund with restock and a shipping refund: restocked lines keep their item and quantity', async () => {
    const order = w.shopify.control.createOrder(SHOP, {
      lines: [
        {...tee, quantity: 3},
        {...mug, quantity: 1},
      ],
      shipping: ship,
      transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '123.75'}],
    })
    await syncAndCheck(SHOP, order)
    w.shopify.control.refund(SHOP, order.id, {
      lines: [
        {sku: 'TEE-1', quantity: 1, restockType: 'RETURN'},
        {sku: 'MUG-1', quantity: 1, restockType: 'NO_RESTOCK'},
      ],
      shipping: {amount: '5.00'},
    })
    const row = await syncAndCheck(SHOP, order)
    assert.equal(row.shopify.refunded, '52.25') // 30 + 12.50 + 5 shipping, plus 10 % GST
    const receipt = await w.qbo.read(
      'RefundReceipt',
      docOf(SHOP, order, `refund:${order.refunds[0]!.id}`)!.qboId,
    )
    type SalesLine = {
      DetailType: string
      Amount: number
      SalesItemLineDetail: {ItemRef: {value: string}; Qty?: number}
    }
    const lines = (receipt.Line as SalesLine[]).filter((l) => l.DetailType === 'SalesItemLineDetail')
    const items = await Promise.all(lines.map((l) => w.qbo.read('Item', l.SalesItemLineDetail.ItemRef.value)))
    assert.deepEqual(
      lines.map((l, i) => [items[i]!.Name, l.SalesItemLineDetail.Qty ?? null, l.Amount]),
      [
        ['TEE-1', 1, 30],
        ['Refund adjustment', null, 12.5],
        ['Shipping', null, 5],
      ],
    )
    assert.equal((receipt.TxnTaxDetail as {TotalTax: number}).TotalTax, 4.75)
  })

  it("a multi-currency order: documents in the customer's currency at home units per foreign unit, one customer per currency", async () => {
    const order = w.shopify.control.createOrder(FX, {
      presentmentCurrency: 'EUR',
      rate: '1.6',
      lines: [{sku: 'TEE-1', title: 'Tee', price: '20.00', quantity: 2}],
      transactions: [{kind: 'SALE', gateway: 'paypal', amount: '15.00', rate: '1.65'}],
    })
    const row = await syncAndCheck(FX, order)
    assert.equal(row.currency, 'EUR')
    assert.equal(row.shopify.outstanding, '25.00')
    const invoice = await w.qbo.read('Invoice', docOf(FX, order)!.qboId)
    assert.deepEqual([(invoice.CurrencyRef as {value: string}).value, invoice.ExchangeRate], ['EUR', 1.6])
    const payment = await w.qbo.read('Payment', docOf(FX, order, `pay:${order.transactions[0]!.id}`)!.qboId)
    assert.equal(payment.ExchangeRate, 1.65, "the payment carries its own transaction's settlement rate")
    const customer = await w.qbo.read('Customer', (invoice.CustomerRef as {value: string}).value)
    assert.deepEqual(
      [customer.DisplayName, (customer.CurrencyRef as {value: string}).value],
      ['Shopify FX (EUR)', 'EUR'],
    )
  })

  it('an order edited after posting: an invoice updated in place; a sales receipt voided and posted again', async () => {
    const open = w.shopify.control.createOrder(SHOP, {lines: [{...tee, quantity: 1}]})
    w.shopify.control.addTransaction(SHOP, open.id, {kind: 'SALE', gateway: 'manual', amount: '10.00'})
    await syncAndCheck(SHOP, open)
    const invoiceId = docOf(SHOP, open)!.qboId
    w.shopify.control.edit(SHOP, open.id, {add: [{...mug, quantity: 2}]})
    let row = await syncAndCheck(SHOP, open)
    assert.equal(docOf(SHOP, open)!.qboId, invoiceId, 'the same invoice, updated by a sparse update')
    const invoice = await w.qbo.read('Invoice', invoiceId)
    assert.equal(invoice.TotalAmt, 60.5)
    assert.equal(invoice.SyncToken, '1')
    assert.equal(row.qbo.balance, '50.50')

    const paid = w.shopify.control.createOrder(SHOP, {
      lines: [{...tee, quantity: 1}],
      transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '33.00'}],
    })
    await syncAndCheck(SHOP, paid)
    const receiptId = docOf(SHOP, paid)!.qboId
    assert.equal(docOf(SHOP, paid)!.entity, 'SalesReceipt')
    // The edit leaves the order part paid: no longer a sales receipt, which QBO cannot turn into an invoice.
    w.shopify.control.edit(SHOP, paid.id, {add: [{...mug, quantity: 1}]})
    row = await syncAndCheck(SHOP, paid)
    assert.equal(row.qbo.balance, '13.75')
    const voided = await w.qbo.read('SalesReceipt', receiptId)
    assert.equal(voided.TotalAmt, 0)
    assert.match(String(voided.PrivateNote), /^Voided/)
    const now = docOf(SHOP, paid)!
    assert.equal(now.entity, 'Invoice')
    const reposted = await w.qbo.read('Invoice', now.qboId)
    assert.equal(reposted.DocNumber, `SC-${paid.name.slice(1)}.2`)
    w.shopify.control.addTransaction(SHOP, paid.id, {
      kind: 'SALE',
      gateway: 'shopify_payments',
      amount: '13.75',
    })
    row = await syncAndCheck(SHOP, paid)
    assert.equal(row.qbo.received, '46.75')
    assert.equal(row.qbo.balance, '0.00')
    assert.ok(
      w.staging.decisions
        .list()
        .some((d) => d.code === 'ORDER_REPOSTED' && d.sourceId === `${SHOP}/${paid.id}`),
      'the repost is recorded as a decision',
    )
  })

  it('a gift card order: a gift card sold goes to the liability, a gift card spent is drawn from it', async () => {
    const sold = w.shopify.control.createOrder(SHOP, {
      lines: [{sku: null, title: 'Gift card $40', price: '40.00', quantity: 1, giftCard: true}],
      transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '40.00'}],
    })
    await syncAndCheck(SHOP, sold)
    const receipt = await w.qbo.read('SalesReceipt', docOf(SHOP, sold)!.qboId)
    const line = (receipt.Line as {SalesItemLineDetail?: {ItemRef: {value: string}}}[])[0]!
    const item = await w.qbo.read('Item', line.SalesItemLineDetail!.ItemRef.value)
    const liability = await w.qbo.read('Account', (item.IncomeAccountRef as {value: string}).value)
    assert.deepEqual(
      [item.Name, liability.Name, liability.AccountType],
      ['Gift card', 'Gift card liability', 'Other Current Liability'],
    )

    const spent = w.shopify.control.createOrder(SHOP, {
      lines: [{...tee, quantity: 2}],
      transactions: [
        {kind: 'SALE', gateway: 'gift_card', amount: '40.00'},
        {kind: 'SALE', gateway: 'shopify_payments', amount: '26.00'},
      ],
    })
    const row = await syncAndCheck(SHOP, spent)
    assert.equal(docOf(SHOP, spent)!.entity, 'Invoice', 'paid two ways: an invoice and two payments')
    const giftPayment = await w.qbo.read(
      'Payment',
      docOf(SHOP, spent, `pay:${spent.transactions[0]!.id}`)!.qboId,
    )
    assert.equal((giftPayment.DepositToAccountRef as {value: string}).value, liability.Id)
    assert.equal(row.qbo.received, '66.00')
  })

  it('store credit: a refund to store credit is a credit memo the customer keeps; the order owes nothing', async () => {
    const order = w.shopify.control.createOrder(SHOP, {
      lines: [{...mug, quantity: 2}],
      transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '27.50'}],
    })
    await syncAndCheck(SHOP, order)
    w.shopify.control.refund(SHOP, order.id, {
      lines: [{sku: 'MUG-1', quantity: 1}],
      transactions: [{gateway: 'shopify_store_credit', amount: '13.75'}],
    })
    const row = await syncAndCheck(SHOP, order)
    const memo = docOf(SHOP, order, `store-credit:${order.refunds[0]!.id}`)!
    assert.equal(memo.entity, 'CreditMemo')
    assert.equal((await w.qbo.read('CreditMemo', memo.qboId)).RemainingCredit, 13.75)
    assert.equal(row.qbo.balance, '0.00')
  })

  it('items taken off an unpaid order: a credit memo applied to the invoice', async () => {
    const order = w.shopify.control.createOrder(SHOP, {
      lines: [
        {...tee, quantity: 2},
        {...mug, quantity: 2},
      ],
    })
    w.shopify.control.refund(SHOP, order.id, {lines: [{sku: 'MUG-1', quantity: 2, restockType: 'CANCEL'}]})
    const row = await syncAndCheck(SHOP, order)
    assert.equal(row.qbo.balance, '66.00')
    const invoice = await w.qbo.read('Invoice', docOf(SHOP, order)!.qboId)
    assert.deepEqual([invoice.TotalAmt, invoice.Balance], [93.5, 66])
  })

  it('a pending refund that later goes through: its credit memo is removed and a refund receipt made', async () => {
    const order = w.shopify.control.createOrder(SHOP, {
      lines: [{...tee, quantity: 1}],
      transactions: [{kind: 'SALE', gateway: 'shopify_payments', amount: '33.00'}],
    })
    const refund = w.shopify.control.refund(SHOP, order.id, {lines: [{sku: 'TEE-1', quantity: 1}]})
      .refunds[0]!
    const txn = order.transactions.find((t) => t.kind === 'REFUND')!
    txn.status = 'PENDING'
    order.updatedAt = new Date(Date.now() + 1000).toISOString()
    await syncAndCheck(SHOP, order)
    assert.equal(docOf(SHOP, order, `credit:${refund.id}`)?.state, 'active')
    txn.status = 'SUCCESS'
    order.updatedAt = new Date(Date.now() + 2000).toISOString()
    const row = await syncAndCheck(SHOP, order)
    assert.equal(docOf(SHOP, order, `credit:${refund.id}`)?.state, 'voided', 'the credit memo is gone')
    assert.equal(docOf(SHOP, order, `refund:${refund.id}`)?.entity, 'RefundReceipt')
    assert.equal(row.qbo.refunded, '33.00')
  })

  it('a document changed by hand in QBO is left alone and reported, not overwritten', async () => {
    const order = w.shopify.control.createOrder(SHOP, {lines: [{...tee, quantity: 1}]})
    await syncAndCheck(SHOP, order)
    const p = docOf(SHOP, order)!
    const inv = await w.qbo.read('Invoice', p.qboId)
    const lines = (inv.Line as Record<string, unknown>[]).filter(
      (l) => l.DetailType === 'SalesItemLineDetail',
    )
    await w.qbo.update(
      'Invoice',
      {
        Id: p.qboId,
        SyncToken: inv.SyncToken,
        sparse: true,
        Line: lines.map((l) => ({
          ...l,
          Amount: 25,
          SalesItemLineDetail: {...(l.SalesItemLineDetail as object), UnitPrice: 25},
        })),
      },
      {requestId: 'hand-edit-1'},
    )
    w.shopify.control.edit(SHOP, order.id, {add: [{...mug, quantity: 1}]})
    const result = await w.sync({stores: [SHOP]})
    const conflict = result.stores[0]!.conflicts.find((c) => c.order === order.name)
    assert.ok(conflict, 'reported as a conflict')
    assert.match(conflict.problem, /changed in QBO/)
    assert.equal((await w.qbo.read('Invoice', p.qboId)).TotalAmt, 27.5, 'the hand edit stands')
  })
})

describe('six stores with colliding order names', () => {
  it('keeps each store apart by its prefix, and the demo reconciles to the cent', async () => {
    const stores = DEMO.map((s) => s.domain)
    const first = await w.sync({stores})
    assert.equal(first.stores.length, 6)
    assert.deepEqual(
      first.stores.flatMap((s) => [...s.held, ...s.conflicts]),
      [],
    )
    const numbers = (await w.qbo.queryAll("SELECT * FROM Invoice WHERE DocNumber LIKE '%-1002'"))
      .map((i) => String(i.DocNumber))
      .filter((n) => !n.startsWith('SC-') && !n.startsWith('FX-'))
    assert.deepEqual(numbers.sort(), ['AU-1002', 'EU-1002', 'NZ-1002', 'OUTL-1002', 'UK-1002', 'US-1002'])
    const rec = await reconcileShopify({staging: w.staging, qbo: w.qbo, now: Date.now, stores})
    assert.equal(
      rec.agrees,
      true,
      JSON.stringify(rec.stores.filter((s) => s.differ + s.notPosted + s.extra.length > 0)),
    )
    assert.deepEqual(
      rec.stores.map((s) => s.orders),
      [9, 9, 9, 9, 9, 9],
    )
    const writes = w.qboEmulator.stats().writes
    await w.sync({stores})
    assert.equal(w.qboEmulator.stats().writes, writes)
  })
})
