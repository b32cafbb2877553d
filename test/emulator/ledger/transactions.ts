import assert from 'node:assert/strict'

import {D, amountText} from '../../../src/domain/money.js'
import {type Posting, postBook} from '../../../src/emulator/qbo/ledger/index.js'
import {makeBook} from './company.js'

export type Json = Record<string, unknown>

/** Debit-positive net per account, as "12.50" strings, for readable assertions. */
export function net(postings: Posting[]): Record<string, string> {
  const out = new Map<string, InstanceType<typeof D>>()
  for (const p of postings)
    out.set(p.accountId, (out.get(p.accountId) ?? new D(0)).plus(p.debit).minus(p.credit))
  return Object.fromEntries([...out].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, amountText(v)]))
}

export function assertBalanced(postings: Posting[]): void {
  const debit = postings.reduce((s, p) => s.plus(p.debit), new D(0))
  const credit = postings.reduce((s, p) => s.plus(p.credit), new D(0))
  assert.equal(amountText(debit), amountText(credit), 'debits equal credits')
  for (const p of postings) assert.ok(p.debit.isZero() !== p.credit.isZero(), 'one side per posting')
}

export function postingsOf(transactions: Record<string, Json[]>): Posting[] {
  const {postings} = postBook(makeBook(transactions))
  assertBalanced(postings)
  return postings
}

export const gstLine = (amount: number, item = '1', extra: Json = {}) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: {ItemRef: {value: item}, TaxCodeRef: {value: '10'}, ...extra},
})
export const taxDetail = (tax: number, net: number, rate = '1') => ({
  TotalTax: tax,
  TaxLine: [
    {
      Amount: tax,
      DetailType: 'TaxLineDetail',
      TaxLineDetail: {TaxRateRef: {value: rate}, PercentBased: true, TaxPercent: 10, NetAmountTaxable: net},
    },
  ],
})
export const invoice = (id: string, extra: Json = {}): Json => ({
  Id: id,
  TxnDate: '2024-07-15',
  DueDate: '2024-08-14',
  CustomerRef: {value: '58'},
  GlobalTaxCalculation: 'TaxExcluded',
  Line: [gstLine(200)],
  TxnTaxDetail: taxDetail(20, 200),
  TotalAmt: 220,
  Balance: 220,
  ...extra,
})

export const bill = (id: string, extra: Json = {}): Json => ({
  Id: id,
  TxnDate: '2024-07-10',
  DueDate: '2024-08-09',
  VendorRef: {value: '56'},
  GlobalTaxCalculation: 'TaxExcluded',
  Line: [
    {
      DetailType: 'AccountBasedExpenseLineDetail',
      Amount: 100,
      AccountBasedExpenseLineDetail: {AccountRef: {value: '7'}, TaxCodeRef: {value: '10'}},
    },
    {
      DetailType: 'ItemBasedExpenseLineDetail',
      Amount: 60,
      ItemBasedExpenseLineDetail: {ItemRef: {value: '2'}, Qty: 10, UnitPrice: 6, TaxCodeRef: {value: '10'}},
    },
  ],
  TxnTaxDetail: taxDetail(16, 160, '2'),
  TotalAmt: 176,
  Balance: 176,
  ...extra,
})
