import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {bill, gstLine, invoice, net, postingsOf, taxDetail} from './transactions.js'

describe('sales postings', () => {
  it('an invoice debits AR for the total, credits the item income account and GST', () => {
    const postings = postingsOf({Invoice: [invoice('130')]})
    assert.deepEqual(net(postings), {'84': '220.00', '43': '-200.00', '90': '-20.00'})
    const ar = postings.find((p) => p.accountId === '84')
    assert.deepEqual(ar?.entity, {type: 'Customer', id: '58'})
    assert.deepEqual(ar?.txn, {type: 'Invoice', id: '130'})
    assert.equal(ar?.date, '2024-07-15')
  })

  it('a tax-inclusive invoice takes the GST out of the line amounts', () => {
    const postings = postingsOf({
      Invoice: [
        invoice('131', {
          GlobalTaxCalculation: 'TaxInclusive',
          Line: [gstLine(110)],
          TxnTaxDetail: taxDetail(10, 100),
          TotalAmt: 110,
        }),
      ],
    })
    assert.deepEqual(net(postings), {'84': '110.00', '43': '-100.00', '90': '-10.00'})
  })

  it('a tax-inclusive invoice as QBO stores it (net Amount, gross TaxInclusiveAmt) posts the net per account', () => {
    const stored = (amount: number, gross: number, item: string, code: string) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: amount,
      TaxInclusiveAmt: gross,
      SalesItemLineDetail: {ItemRef: {value: item}, TaxCodeRef: {value: code}},
    })
    const postings = postingsOf({
      Invoice: [
        invoice('135', {
          GlobalTaxCalculation: 'TaxInclusive',
          Line: [stored(90.91, 100, '1', '10'), stored(50, 50, '3', '11')],
          TxnTaxDetail: taxDetail(9.09, 90.91),
          TotalAmt: 150,
        }),
      ],
    })
    assert.deepEqual(net(postings), {'84': '150.00', '43': '-90.91', '79': '-50.00', '90': '-9.09'})
  })

  it('an inventory line also moves PurchaseCost × Qty from the inventory asset to COGS', () => {
    const postings = postingsOf({
      Invoice: [
        invoice('132', {
          Line: [gstLine(50, '2', {Qty: 5, UnitPrice: 10})],
          TxnTaxDetail: taxDetail(5, 50),
          TotalAmt: 55,
        }),
      ],
    })
    assert.deepEqual(net(postings), {
      '84': '55.00',
      '79': '-50.00',
      '90': '-5.00',
      '80': '30.00',
      '81': '-30.00',
    })
  })

  it('a discount line debits its discount account and group lines are expanded', () => {
    const postings = postingsOf({
      Invoice: [
        invoice('133', {
          Line: [
            {DetailType: 'GroupLineDetail', GroupLineDetail: {Line: [gstLine(100), gstLine(100, '3')]}},
            {
              DetailType: 'DiscountLineDetail',
              Amount: 20,
              DiscountLineDetail: {PercentBased: true, DiscountPercent: 10},
            },
            {DetailType: 'SubTotalLineDetail', Amount: 180, SubTotalLineDetail: {}},
          ],
          TxnTaxDetail: taxDetail(18, 180),
          TotalAmt: 198,
        }),
      ],
    })
    assert.deepEqual(net(postings), {
      '84': '198.00',
      '43': '-100.00',
      '79': '-100.00',
      '86': '20.00',
      '90': '-18.00',
    })
  })

  it('a sales line without ItemRef is a description: its amount is not posted', () => {
    const described = {DetailType: 'SalesItemLineDetail', Amount: 999, SalesItemLineDetail: {}}
    const postings = postingsOf({Invoice: [invoice('134', {Line: [gstLine(200), described]})]})
    assert.deepEqual(net(postings), {'84': '220.00', '43': '-200.00', '90': '-20.00'})
  })

  it('a credit memo reverses an invoice; a sales receipt debits Undeposited Funds without a deposit account', () => {
    const cm = postingsOf({
      CreditMemo: [
        invoice('140', {Line: [gstLine(50, '2', {Qty: 1})], TxnTaxDetail: taxDetail(5, 50), TotalAmt: 55}),
      ],
    })
    assert.deepEqual(net(cm), {'84': '-55.00', '79': '50.00', '90': '5.00', '80': '-6.00', '81': '6.00'})
    const receipt = postingsOf({SalesReceipt: [invoice('141')]})
    assert.deepEqual(net(receipt), {'4': '220.00', '43': '-200.00', '90': '-20.00'})
    const banked = postingsOf({SalesReceipt: [invoice('142', {DepositToAccountRef: {value: '35'}})]})
    assert.deepEqual(net(banked), {'35': '220.00', '43': '-200.00', '90': '-20.00'})
  })

  it('a foreign-currency invoice posts home amounts, rounding left on the income line', () => {
    const postings = postingsOf({
      Invoice: [
        invoice('150', {
          CustomerRef: {value: '60'},
          CurrencyRef: {value: 'EUR'},
          ExchangeRate: 1.6543,
          Line: [gstLine(33.33), gstLine(33.33)],
          TxnTaxDetail: taxDetail(6.67, 66.66),
          TotalAmt: 73.33,
        }),
      ],
    })
    // AR = round(73.33 × 1.6543) = 121.31; GST = round(6.67 × 1.6543) = 11.03; income takes the rest.
    assert.deepEqual(net(postings), {'84': '121.31', '43': '-110.28', '90': '-11.03'})
  })

  it('a foreign invoice with several rates: AR is HomeTotalAmt, tax converts per TaxLine (MYOB demo INV-00402)', () => {
    const freeLine = (amount: number) => gstLine(amount, '3', {TaxCodeRef: {value: '11'}})
    const postings = postingsOf({
      Invoice: [
        invoice('155', {
          CustomerRef: {value: '60'},
          CurrencyRef: {value: 'EUR'},
          ExchangeRate: 1.5123,
          Line: [freeLine(346.13), gstLine(36.87), freeLine(1872.64), gstLine(2393.43)],
          TxnTaxDetail: {
            TotalTax: 430.29,
            TaxLine: [...taxDetail(0, 2218.77, '3').TaxLine, ...taxDetail(430.29, 2430.3).TaxLine],
          },
          TotalAmt: 5079.36,
        }),
      ],
    })
    // AR = round(5,079.36 × 1.5123) = 7,681.52 (HomeTotalAmt); GST = round(430.29 × 1.5123) = 650.73; the lines
    // convert to 523.45, 55.76, 2,831.99 and 3,619.58, and the cent left over goes to the largest (account 43).
    assert.deepEqual(net(postings), {'84': '7681.52', '79': '-3355.44', '43': '-3675.35', '90': '-650.73'})
  })
})

describe('purchase postings', () => {
  it('a bill credits AP and debits expenses, the inventory asset for stock, and GST paid', () => {
    const postings = postingsOf({Bill: [bill('151')]})
    assert.deepEqual(net(postings), {'33': '-176.00', '7': '100.00', '81': '60.00', '90': '16.00'})
    assert.deepEqual(postings.find((p) => p.accountId === '33')?.entity, {type: 'Vendor', id: '56'})
  })

  it('a vendor credit reverses a bill; purchases credit their bank or card account; a card refund reverses', () => {
    assert.deepEqual(net(postingsOf({VendorCredit: [bill('152')]})), {
      '33': '176.00',
      '7': '-100.00',
      '81': '-60.00',
      '90': '-16.00',
    })
    const cash = bill('153', {
      PaymentType: 'Cash',
      AccountRef: {value: '35'},
      EntityRef: {value: '56', type: 'Vendor'},
    })
    assert.deepEqual(net(postingsOf({Purchase: [cash]})), {
      '35': '-176.00',
      '7': '100.00',
      '81': '60.00',
      '90': '16.00',
    })
    const refund = bill('154', {PaymentType: 'CreditCard', AccountRef: {value: '41'}, Credit: true})
    assert.deepEqual(net(postingsOf({Purchase: [refund]})), {
      '41': '176.00',
      '7': '-100.00',
      '81': '-60.00',
      '90': '-16.00',
    })
  })
})
