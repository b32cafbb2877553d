import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Payment} from '../../src/domain/canonical.js'
import {UsageError} from '../../src/domain/errors.js'
import {D} from '../../src/domain/money.js'
import {parseReport} from '../../src/reconcile/report.js'
import {SourceLedger} from '../../src/domain/source-ledger.js'
import {tolerancePolicy} from '../../src/reconcile/tolerance.js'
import {compareTrialBalance, qboTrialBalance} from '../../src/reconcile/trial-balance.js'
import {closeEarlierYears, fiscalYearStart} from '../../src/reconcile/year-end.js'
import {BILLS, INVOICES} from './company.js'
import {trialBalanceReport} from './fake-qbo-read.js'

describe('reconcile building blocks', () => {
  it("closes earlier fiscal years' income and expense into retained earnings, as QBO's trial balance does", () => {
    assert.equal(fiscalYearStart('2024-06-30', 7), '2023-07-01')
    assert.equal(fiscalYearStart('2024-07-01', 7), '2024-07-01')
    assert.equal(fiscalYearStart('2024-03-31', 1), '2024-01-01')
    const d = (entries: [string, string][]) => new Map(entries.map(([k, v]) => [k, new D(v)]))
    // As at the date: sales 1500 credit (1000 of it in earlier years), rent 400 debit (300 earlier), bank 1100.
    const closed = closeEarlierYears(
      d([
        ['sales', '-1500'],
        ['rent', '400'],
        ['bank', '1100'],
      ]),
      d([
        ['sales', '-1000'],
        ['rent', '300'],
        ['bank', '700'],
      ]),
      new Set(['sales', 'rent']),
      'RE',
    )
    assert.deepEqual(
      [...closed].map(([k, v]) => [k, v.toFixed(2)]),
      [
        ['sales', '-500.00'],
        ['rent', '100.00'],
        ['bank', '1100.00'],
        ['RE', '-700.00'],
      ],
    )
  })

  it('parses nested report sections, ignoring QBO summary rows, and refuses a Fault answered with 200', () => {
    const report = parseReport('TrialBalance', {
      ...trialBalanceReport([['35', 'Bank', '1,350.55', '']]),
      Rows: {
        Row: [
          {
            type: 'Section',
            Rows: {
              Row: [
                {
                  type: 'Section',
                  Rows: {
                    Row: [
                      {type: 'Data', ColData: [{value: 'Bank', id: '35'}, {value: '1,350.55'}, {value: ''}]},
                    ],
                  },
                },
              ],
            },
            Summary: {ColData: [{value: 'Total Assets'}, {value: '1350.55'}, {value: ''}]},
          },
          {type: 'Data', ColData: [{value: 'Sales', id: '79'}, {value: ''}, {value: '1350.55'}]},
        ],
      },
    })
    const tb = qboTrialBalance(report)
    assert.deepEqual(
      [...tb.byId].map(([id, v]) => [id, v.balance.toFixed(2)]),
      [
        ['35', '1350.55'],
        ['79', '-1350.55'],
      ],
    )
    assert.throws(
      () => parseReport('TrialBalance', {Fault: {Error: [{Message: 'Invalid date', Detail: 'start_date'}]}}),
      /QBO refused the TrialBalance report: Invalid date/,
    )
  })

  it('keeps an unmapped source account as its own failing row instead of dropping its balance', () => {
    const comparison = compareTrialBalance({
      sourceBalances: new Map([
        ['200', new D('-100.00')],
        ['999', new D('100.00')],
      ]),
      target: (id) => (id === '200' ? '79' : undefined),
      sourceNames: new Map([['999', 'Suspense']]),
      qbo: {byId: new Map([['79', {name: 'Sales', balance: new D('-100.00')}]])},
      policy: tolerancePolicy(),
    })
    assert.deepEqual(
      comparison.rows.map((r) => [r.account, r.status, r.variance.toFixed(2)]),
      [
        ['79', 'agrees', '0.00'],
        ['[999]', 'unmapped', '-100.00'],
      ],
    )
    assert.equal(comparison.withinTolerance, false)
  })

  it('posts documents, payments, refunds and unapplied money so the source ledger always balances', () => {
    const ledger = new SourceLedger({asOf: '2024-12-31', ar: '610', ap: '800', gst: '820', items: new Map()})
    for (const i of INVOICES) ledger.post('invoice', i)
    for (const b of BILLS) ledger.post('bill', b)
    const overpaid: Payment = {
      id: 'P',
      date: '2024-07-20',
      contactId: 'C1',
      bankAccountId: '090',
      amount: '120.00',
      currency: 'AUD',
      allocations: [{documentKind: 'invoice', documentId: 'INV-1', amount: '110.00'}],
    }
    ledger.post('payment', overpaid)
    ledger.post('payment', {
      ...overpaid,
      id: 'R',
      amount: '5.00',
      allocations: [{documentKind: 'creditNote', documentId: 'CN', amount: '5.00'}],
    })
    const total = [...ledger.balances().values()].reduce((a, b) => a.plus(b), new D(0))
    assert.equal(total.toFixed(2), '0.00')
    assert.equal(ledger.balance('090'), '115.00')
    assert.equal(ledger.balance('610'), '600.00') // 715 invoiced - 120 received + 5 refunded
    assert.equal(ledger.balance('820'), '-53.00')
  })

  it('leaves out postings after the as-at date', () => {
    const ledger = new SourceLedger({asOf: '2024-07-10', ar: '610', ap: '800', gst: '820', items: new Map()})
    for (const i of INVOICES) ledger.post('invoice', i)
    assert.equal(ledger.balance('610'), '110.00')
  })

  it('takes the tolerance from --tolerance text and rejects anything but a non-negative amount', () => {
    assert.equal(tolerancePolicy('0').amount, '0.00')
    assert.equal(tolerancePolicy('0.5').amount, '0.50')
    assert.throws(() => tolerancePolicy('-1'), UsageError)
    assert.throws(() => tolerancePolicy('abc'), UsageError)
  })
})
