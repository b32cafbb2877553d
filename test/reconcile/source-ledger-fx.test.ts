import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Payment, TradeDocument} from '../../src/domain/canonical.js'
import {D} from '../../src/domain/money.js'
import {SourceLedger} from '../../src/domain/source-ledger.js'
import {tolerancePolicy} from '../../src/reconcile/tolerance.js'
import {compareTrialBalance} from '../../src/reconcile/trial-balance.js'

// The demo MYOB company's INV-00402 (USD at 1.5123): converting line by line gave AR 7,681.50 and GST 650.72,
// where QBO's HomeTotalAmt is round(5,079.36 × 1.5123) = 7,681.52 and its one GST TaxLine converts to 650.73.
const line = (lineNo: number, accountId: string, lineAmount: string, taxAmount: string, taxCode: string) => ({
  lineNo,
  accountId,
  lineAmount,
  taxAmount,
  taxCode,
  tracking: [],
})
const INV_00402: TradeDocument = {
  kind: 'invoice',
  id: 'INV-00402',
  number: 'INV-00402',
  date: '2024-03-10',
  contactId: 'lee',
  contactName: 'Lee, Noah',
  status: 'authorised',
  currency: 'USD',
  exchangeRate: '1.5123',
  amountsAre: 'exclusive',
  lines: [
    line(1, '4-1', '346.13', '0.00', 'FRE'),
    line(2, '4-2', '36.87', '3.69', 'GST'),
    line(3, '4-3', '1872.64', '187.26', 'GST'),
    line(4, '4-4', '2393.43', '239.34', 'GST'),
  ],
  subTotal: '4649.07',
  totalTax: '430.29',
  total: '5079.36',
}

describe('source ledger: foreign-currency documents in home currency', () => {
  it('posts AR at HomeTotalAmt, tax per rate, and the leftover cent on the largest line (INV-00402)', () => {
    const ledger = new SourceLedger({asOf: '2024-12-31', ar: 'AR', ap: 'AP', gst: 'GST', items: new Map()})
    ledger.post('invoice', INV_00402)
    assert.equal(ledger.balance('AR'), '7681.52')
    assert.equal(ledger.balance('GST'), '-650.73')
    assert.equal(ledger.balance('4-1'), '-523.45')
    assert.equal(ledger.balance('4-2'), '-55.76')
    assert.equal(ledger.balance('4-3'), '-2831.99')
    assert.equal(ledger.balance('4-4'), '-3619.59') // 3,619.58 + the cent the conversion left over
  })

  it('mirrors a foreign bill on the AP side and leaves home-currency documents line by line', () => {
    const ledger = new SourceLedger({asOf: '2024-12-31', ar: 'AR', ap: 'AP', gst: 'GST', items: new Map()})
    ledger.post('bill', {...INV_00402, kind: 'bill'})
    assert.equal(ledger.balance('AP'), '-7681.52')
    assert.equal(ledger.balance('GST'), '650.73')
    const aud = new SourceLedger({asOf: '2024-12-31', ar: 'AR', ap: 'AP', gst: 'GST', items: new Map()})
    const {exchangeRate: _rate, ...home} = INV_00402
    aud.post('invoice', {...home, currency: 'AUD'})
    assert.equal(aud.balance('AR'), '5079.36')
    assert.equal(aud.balance('4-4'), '-2393.43')
  })
})

describe('source ledger: foreign payments', () => {
  const payment = (id: string, amount: string, exchangeRate: string): Payment => ({
    id,
    date: '2024-04-10',
    contactId: 'lee',
    bankAccountId: 'BANK',
    amount,
    currency: 'USD',
    exchangeRate,
    allocations: [{documentKind: 'invoice', documentId: 'INV-00402', amount}],
  })

  it('relieves AR at the invoice rate so paying in pieces clears it to the cent', () => {
    const ledger = new SourceLedger({asOf: '2024-12-31', ar: 'AR', ap: 'AP', gst: 'GST', items: new Map()})
    ledger.post('invoice', INV_00402)
    ledger.post('payment', payment('P1', '2539.68', '1.5123'))
    ledger.post('payment', payment('P2', '2539.68', '1.5123'))
    assert.equal(ledger.balance('AR'), '0.00')
    // Each half converts to 3,840.76; together 7,681.52 = HomeTotalAmt, so nothing is left as exchange.
    assert.equal(ledger.balance('BANK'), '7681.52')
    assert.equal(ledger.balance('(exchange gain or loss)'), '0.00')
  })

  it('puts the difference between the payment rate and the invoice rate in exchange gain or loss', () => {
    const ledger = new SourceLedger({asOf: '2024-12-31', ar: 'AR', ap: 'AP', gst: 'GST', items: new Map()})
    ledger.post('invoice', INV_00402)
    ledger.post('payment', payment('P', '5079.36', '1.6'))
    assert.equal(ledger.balance('AR'), '0.00')
    assert.equal(ledger.balance('BANK'), '8126.98') // round(5,079.36 × 1.6)
    assert.equal(ledger.balance('(exchange gain or loss)'), '-445.46') // a gain: 8,126.98 - 7,681.52
  })
})

describe('trial balance: FX rounding allowance', () => {
  it('counts foreign documents on line and tax accounts, never on the control account', () => {
    const ledger = new SourceLedger({asOf: '2024-12-31', ar: 'AR', ap: 'AP', gst: 'GST', items: new Map()})
    ledger.post('invoice', INV_00402)
    ledger.post('invoice', {...INV_00402, id: 'INV-2', lines: INV_00402.lines.slice(0, 1)})
    const counts = ledger.fxDocuments()
    assert.equal(counts.get('AR'), undefined)
    assert.equal(counts.get('4-1')?.toNumber(), 2)
    assert.equal(counts.get('4-4')?.toNumber(), 1)
    assert.equal(counts.get('GST')?.toNumber(), 1) // the second invoice is GST-free
  })

  const compare = (variance: string, fxDocuments: number) =>
    compareTrialBalance({
      sourceBalances: new Map([['4-4', new D('-1000.00')]]),
      target: () => '79',
      sourceNames: new Map(),
      fxDocuments: new Map([['4-4', new D(fxDocuments)]]),
      qbo: {byId: new Map([['79', {name: 'Sales', balance: new D('-1000.00').plus(variance)}]])},
      policy: tolerancePolicy('0.01'),
    })

  it('lists a cent per foreign document as fx rounding, within tolerance but not "agrees"', () => {
    const within = compare('-0.04', 3)
    assert.equal(within.rows[0]!.status, 'fx rounding')
    assert.equal(within.withinTolerance, true)
    assert.equal(within.variance.toFixed(2), '0.04')
  })

  it('fails a variance beyond the allowance, and any variance on an account with no foreign documents', () => {
    assert.equal(compare('-0.05', 3).rows[0]!.status, 'variance')
    assert.equal(compare('-0.05', 3).withinTolerance, false)
    assert.equal(compare('-0.02', 0).rows[0]!.status, 'variance')
  })
})
