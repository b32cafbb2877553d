import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {diffOrder} from '../../../src/mappers/shopify/diff.js'
import {postOrder} from '../../../src/mappers/shopify/post-order.js'
import {DEFAULT_SETTINGS} from '../../../src/mappers/shopify/settings.js'
import {line, m, order, refs, refund, txn} from './build.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const post = (o: Parameters<typeof order>[0], extra: Partial<Parameters<typeof postOrder>[0]> = {}) =>
  postOrder({order: order(o), settings: DEFAULT_SETTINGS, refs: refs(), prefix: 'AU', ...extra})

const tax = (amount: string) => [{title: 'GST', rate: '0.1', amount: m(amount)}]

/** Two tees at 30.00 and shipping 10.00, 10 % GST on top: 77.00. */
const taxExclusive = {
  lineItems: [line({id: '1', price: '30.00', qty: 2, sku: 'TEE', title: 'Tee', taxLines: tax('6.00')})],
  shippingLines: [{id: 's1', title: 'Post', removed: false, price: m('10.00'), taxLines: tax('1.00')}],
}

describe('the Shopify posting model', () => {
  it('an order paid in full at checkout one way is a sales receipt, with the tax Shopify charged', () => {
    const p = post({...taxExclusive, transactions: [txn({id: 't1', amount: '77.00'})]})
    assert.deepEqual(p.problems, [])
    assert.equal(p.docs.length, 1)
    const [doc] = p.docs
    assert.equal(doc!.entity, 'SalesReceipt')
    assert.equal(doc!.total, '77.00')
    const body = doc!.payload as Json
    assert.equal(body.DocNumber, 'AU-1001')
    assert.equal(body.GlobalTaxCalculation, 'TaxExcluded')
    assert.deepEqual(body.TxnTaxDetail, {TotalTax: 7})
    assert.deepEqual(body.Line[0], {
      DetailType: 'SalesItemLineDetail',
      Amount: 60,
      Description: 'Tee (TEE)',
      SalesItemLineDetail: {
        ItemRef: {value: 'item-TEE'},
        TaxCodeRef: {value: 'tax-GST'},
        Qty: 2,
        UnitPrice: 30,
      },
    })
    assert.equal(body.Line[1].SalesItemLineDetail.ItemRef.value, 'item-shipping')
    assert.deepEqual(
      [body.PaymentMethodRef, body.DepositToAccountRef],
      [{value: 'pm-shopify_payments'}, {value: 'acct-undeposited'}],
    )
    assert.equal(
      String(body.PrivateNote).split('\n').at(-1),
      `qbo-toolkit:shopify:acme.myshopify.com/820982911946154508/doc`,
    )
    assert.deepEqual(body.CurrencyRef, {value: 'AUD'})
    assert.equal(body.ExchangeRate, undefined)
  })

  it('paid later, in part or two ways: an invoice and a payment per sale, applied while the invoice is open', () => {
    const p = post({
      ...taxExclusive,
      transactions: [
        txn({id: 'a', kind: 'AUTHORIZATION', amount: '77.00'}),
        txn({id: 't1', amount: '50.00', processedAt: '2026-03-03T00:00:00Z', date: '2026-03-03'}),
        txn({
          id: 't2',
          amount: '40.00',
          gateway: 'manual',
          processedAt: '2026-03-04T00:00:00Z',
          date: '2026-03-04',
        }),
        txn({id: 'f', amount: '77.00', status: 'FAILURE'}),
      ],
    })
    assert.deepEqual(
      p.docs.map((d) => [d.key, d.entity, d.total]),
      [
        ['doc', 'Invoice', '77.00'],
        ['pay:t1', 'Payment', '50.00'],
        ['pay:t2', 'Payment', '40.00'],
      ],
    )
    const second = p.docs[2]!.payload as Json
    assert.equal(second.TotalAmt, 40)
    assert.deepEqual(
      second.Line,
      [{Amount: 27, LinkedTxn: [{TxnId: {$doc: 'doc'}, TxnType: 'Invoice'}]}],
      'the rest is unapplied',
    )
    assert.deepEqual([second.TxnDate, second.PaymentMethodRef], ['2026-03-04', {value: 'pm-manual'}])
  })

  it('discounts become discount lines per tax code and kind, so the tax on them is right', () => {
    const p = post({
      lineItems: [
        line({
          id: '1',
          price: '50.00',
          qty: 2,
          taxLines: tax('8.50'),
          discounts: [
            {level: 'line', title: 'Bundle', amount: m('10.00')},
            {level: 'order', title: 'WELCOME', amount: m('5.00')},
          ],
        }),
        line({
          id: '2',
          price: '20.00',
          qty: 1,
          taxable: false,
          discounts: [{level: 'order', title: 'WELCOME', amount: m('1.00')}],
        }),
      ],
    })
    const lines = (p.docs[0]!.payload as Json).Line as Json[]
    assert.deepEqual(
      lines
        .filter((l) => l.DetailType === 'DiscountLineDetail')
        .map((l) => [l.Amount, l.DiscountLineDetail.TaxCodeRef.value, l.Description]),
      [
        [10, 'tax-GST', 'Line discounts: Bundle'],
        [5, 'tax-GST', 'Order discount: WELCOME'],
        [1, 'tax-FREE', 'Order discount: WELCOME'],
      ],
    )
    assert.equal(p.docs[0]!.total, '112.50') // 100 - 15 + 20 - 1 + 8.50 GST
  })

  it('tax-inclusive prices post as TaxInclusive, the lines gross, QBO splitting the tax', () => {
    const p = post({
      taxesIncluded: true,
      lineItems: [line({id: '1', price: '33.00', qty: 1, taxLines: tax('3.00')})],
    })
    const body = p.docs[0]!.payload as Json
    assert.equal(body.GlobalTaxCalculation, 'TaxInclusive')
    assert.equal(body.TxnTaxDetail, undefined)
    assert.equal(body.Line[0].Amount, 33)
    assert.equal(p.docs[0]!.total, '33.00')
  })

  it('gift cards: sold to the gift card item (a liability), untaxed; spent from the liability, not as new money', () => {
    const sold = post({
      lineItems: [line({id: '1', price: '50.00', qty: 1, sku: null, isGiftCard: true, taxable: false})],
      transactions: [txn({id: 't', amount: '50.00'})],
    })
    const soldLine = (sold.docs[0]!.payload as Json).Line[0]
    assert.deepEqual(soldLine.SalesItemLineDetail.ItemRef, {value: 'item-giftCard'})
    assert.deepEqual(soldLine.SalesItemLineDetail.TaxCodeRef, {value: 'tax-FREE'})
    const spent = post({
      ...taxExclusive,
      transactions: [txn({id: 'g', amount: '20.00', gateway: 'gift_card'}), txn({id: 'c', amount: '57.00'})],
    })
    assert.equal(spent.docs[0]!.entity, 'Invoice')
    const gift = spent.docs.find((d) => d.key === 'pay:g')!.payload as Json
    assert.deepEqual(
      [gift.DepositToAccountRef, gift.PaymentMethodRef],
      [{value: 'acct-giftcards'}, {value: 'pm-gift_card'}],
    )
  })

  it('a refund paid back two ways is divided: a refund receipt for the money, a credit memo for store credit', () => {
    const p = post({
      ...taxExclusive,
      transactions: [
        txn({id: 't1', amount: '77.00'}),
        txn({
          id: 'r1',
          kind: 'REFUND',
          amount: '22.00',
          processedAt: '2026-03-05T01:00:00Z',
          date: '2026-03-05',
        }),
        txn({
          id: 'r2',
          kind: 'REFUND',
          amount: '11.00',
          gateway: 'shopify_store_credit',
          processedAt: '2026-03-05T01:00:00Z',
          date: '2026-03-05',
        }),
      ],
      refunds: [
        refund({
          id: '9',
          transactionIds: ['r1', 'r2'],
          lines: [
            {
              lineItemId: '1',
              quantity: 1,
              restockType: 'RETURN',
              restocked: true,
              subtotal: m('30.00'),
              tax: m('3.00'),
            },
          ],
        }),
      ],
    })
    assert.deepEqual(p.problems, [])
    const receipt = p.docs.find((d) => d.key === 'refund:9')!
    const memo = p.docs.find((d) => d.key === 'store-credit:9')!
    assert.deepEqual(
      [receipt.entity, receipt.total, receipt.docNumber],
      ['RefundReceipt', '22.00', 'AU-1001-R1'],
    )
    assert.deepEqual([memo.entity, memo.total, memo.docNumber], ['CreditMemo', '11.00', 'AU-1001-S1'])
    const r = receipt.payload as Json
    const c = memo.payload as Json
    assert.equal(r.Line[0].Amount + c.Line[0].Amount, 30, "the line's amount is divided, nothing lost")
    assert.equal(r.TxnTaxDetail.TotalTax + c.TxnTaxDetail.TotalTax, 3)
    assert.deepEqual(r.DepositToAccountRef, {value: 'acct-refunds'})
    assert.ok(p.decisions.some((d) => d.code === 'REFUND_SPLIT'))
    assert.equal(p.docs[0]!.entity, 'Invoice', 'a refund before the first posting makes it an invoice')
  })

  it('value given back without money is a credit memo applied to the invoice as far as it is open', () => {
    const p = post({
      ...taxExclusive,
      lineItems: [line({id: '1', price: '30.00', qty: 2, currentQuantity: 0, taxLines: tax('6.00')})],
      transactions: [
        txn({id: 't1', amount: '20.00', processedAt: '2026-03-03T00:00:00Z', date: '2026-03-03'}),
      ],
      refunds: [
        refund({
          id: '7',
          lines: [
            {
              lineItemId: '1',
              quantity: 2,
              restockType: 'CANCEL',
              restocked: true,
              subtotal: m('60.00'),
              tax: m('6.00'),
            },
          ],
        }),
      ],
    })
    const memo = p.docs.find((d) => d.key === 'credit:7')!
    assert.equal(memo.total, '66.00')
    const apply = p.docs.find((d) => d.key === 'apply:7')!.payload as Json
    assert.equal(apply.TotalAmt, 0)
    assert.deepEqual(
      apply.Line.map((l: Json) => [l.Amount, l.LinkedTxn[0].TxnType, l.LinkedTxn[0].TxnId]),
      [
        [57, 'Invoice', {$doc: 'doc'}],
        [57, 'CreditMemo', {$doc: 'credit:7'}],
      ],
      'the invoice (77) less the payment (20) is open for 57; the other 9 stays as credit',
    )
    assert.equal(p.docs[0]!.total, '77.00', 'the invoice bills what was sold; the refund is its own document')
  })

  it("multi-currency: the customer's currency at home units per foreign unit; without multicurrency, the shop's", () => {
    const eur = {
      presentmentCurrency: 'EUR',
      lineItems: [line({id: '1', price: '20.00', qty: 2, taxable: false, unitPrice: m('20.00', '1.6')})],
      totals: {...order().totals, total: m('40.00', '1.6')},
      transactions: [
        {
          ...txn({id: 't', amount: '10.00', settlementCurrency: 'AUD', settlementRate: '1.65'}),
          amount: m('10.00', '1.65'),
        },
      ],
    }
    const p = post(eur)
    const doc = p.docs[0]!.payload as Json
    assert.deepEqual(
      [doc.CurrencyRef, doc.ExchangeRate, doc.CustomerRef],
      [{value: 'EUR'}, 1.6, {value: 'cust-EUR'}],
    )
    assert.equal(doc.Line[0].Amount, 40)
    assert.equal((p.docs[1]!.payload as Json).ExchangeRate, 1.65)
    const single = post(eur, {refs: refs({multiCurrency: false})})
    const flat = single.docs[0]!.payload as Json
    assert.deepEqual(
      [flat.CurrencyRef, flat.CustomerRef, flat.Line[0].Amount],
      [undefined, {value: 'cust-AUD'}, 64],
    )
    const far = post({...eur, currency: 'USD'})
    assert.equal(far.docs.length, 0)
    assert.match(far.problems[0]!, /no EUR→AUD rate/)
  })

  it('a name too long for DocNumber is shortened to the order id, and the decision recorded', () => {
    const p = post({name: '#WHOLESALE-2026-000123', lineItems: taxExclusive.lineItems})
    // 820982911946154508 in base 36
    assert.equal((p.docs[0]!.payload as Json).DocNumber, 'AU-68JQ5J2M3Z0S')
    assert.ok(p.decisions.some((d) => d.code === 'DOCNUMBER_SHORTENED'))
  })

  it('holds an order back, writing nothing, when QBO lacks what it names', () => {
    const p = post(taxExclusive, {refs: refs({itemForSku: () => undefined, taxCode: () => undefined})})
    assert.deepEqual(p.docs, [])
    assert.deepEqual(p.problems, [
      'QBO has no sales tax code at 10% (settings: tax.codes, e.g. "10": GST)',
      'QBO has no item with SKU TEE (settings: items.createMissing)',
    ])
  })

  it('skips test orders', () => {
    const p = post({...taxExclusive, test: true})
    assert.deepEqual([p.docs.length, p.decisions[0]?.code], [0, 'TEST_ORDER_SKIPPED'])
  })

  it('a sales receipt that no longer holds the money is voided and the order posted again as an invoice', () => {
    const paid = {...taxExclusive, transactions: [txn({id: 't1', amount: '70.00'})]}
    const p = post(paid, {existing: {entity: 'SalesReceipt', revision: 0, active: true}})
    const doc = p.docs[0]!
    assert.deepEqual(
      [doc.entity, doc.docNumber, doc.marker.endsWith('/doc.r1')],
      ['Invoice', 'AU-1001.2', true],
    )
    const steps = diffOrder(p.docs, [
      {docKey: 'doc', entity: 'SalesReceipt', qboId: '5', payloadHash: 'x', state: 'active'},
    ])
    assert.deepEqual(
      steps.map((s) => [s.kind, s.kind === 'create' || s.kind === 'compare' ? s.doc.key : s.posted.docKey]),
      [
        ['void', 'doc'],
        ['create', 'doc'],
        ['create', 'pay:t1'],
      ],
    )
  })

  it('documents no longer called for are deleted, applied credits first', () => {
    const steps = diffOrder(
      [],
      [
        {docKey: 'credit:7', entity: 'CreditMemo', qboId: '8', payloadHash: 'x', state: 'active'},
        {docKey: 'apply:7', entity: 'Payment', qboId: '9', payloadHash: 'x', state: 'active'},
        {docKey: 'doc@r0', entity: 'SalesReceipt', qboId: '3', payloadHash: 'x', state: 'voided'},
      ],
    )
    assert.deepEqual(
      steps.map((s) => (s.kind === 'delete' ? [s.posted.docKey, s.wave] : s.kind)),
      [
        ['credit:7', 2],
        ['apply:7', 3],
      ],
    )
  })
})
