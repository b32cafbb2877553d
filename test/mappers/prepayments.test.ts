import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {CanonicalRecord, Payment} from '../../src/domain/canonical.js'
import {mapCompany} from '../../src/mappers/index.js'
import {symbolicId} from '../../src/mappers/refs.js'
import {companyContext, loadCompany} from './helpers.js'

type Line = {Amount: number; LinkedTxn: {TxnId: unknown; TxnType: string}[]}
type JeLine = {
  Amount: number
  JournalEntryLineDetail: {PostingType: string; AccountRef: {value: string}; Entity?: {Type: string}}
}

const prepayment: Payment = {
  id: 'PRE-1',
  date: '2024-03-01',
  contactId: 'C-ACME',
  bankAccountId: '090',
  amount: '2000.00',
  currency: 'AUD',
  allocations: [{documentKind: 'invoice', documentId: 'INV-0001', amount: '1500.00', date: '2024-03-20'}],
  origin: 'prepayment',
  refunds: [{id: 'REF-1', amount: '300.00', date: '2024-04-02'}],
}
const refund: Payment = {
  id: 'REF-1',
  date: '2024-04-02',
  bankAccountId: '090',
  amount: '300.00',
  currency: 'AUD',
  allocations: [],
  refundOf: {kind: 'prepayment', id: 'PRE-1'},
}

function mapWith(extra: CanonicalRecord[]) {
  const records = [...loadCompany().records, ...extra]
  const {ctx} = companyContext({records})
  return mapCompany(records, ctx)
}

describe('prepayments, overpayments and refunds', () => {
  it('a prepayment is a Payment linking its allocations and its refund journal, the rest unapplied', () => {
    const out = mapWith([
      {kind: 'payment', record: prepayment},
      {kind: 'payment', record: refund},
    ])
    const pay = out.find((m) => m.sourceId === 'PRE-1')!
    assert.equal(pay.entity, 'Payment')
    assert.deepEqual(pay.issues, [])
    assert.equal(pay.payload?.TotalAmt, 2000)
    assert.deepEqual(
      (pay.payload?.Line as Line[]).map((l) => [l.Amount, l.LinkedTxn[0]!.TxnType, l.LinkedTxn[0]!.TxnId]),
      [
        [1500, 'Invoice', symbolicId('Invoice', 'INV-0001')],
        [300, 'JournalEntry', symbolicId('JournalEntry', 'REF-1')],
      ],
    )
    const decision = pay.decisions.find((d) => d.code === 'PREPAYMENT_AS_PAYMENT')
    assert.equal(decision?.detail.unapplied, '200.00')

    const je = out.find((m) => m.sourceId === 'REF-1')!
    assert.equal(je.entity, 'JournalEntry')
    assert.deepEqual(je.issues, [])
    const lines = je.payload?.Line as JeLine[]
    // A customer refund: AR debited for the customer (its credit used up), the bank credited.
    assert.deepEqual(
      lines.map((l) => [
        l.Amount,
        l.JournalEntryLineDetail.PostingType,
        l.JournalEntryLineDetail.Entity?.Type,
      ]),
      [
        [300, 'Debit', 'Customer'],
        [300, 'Credit', undefined],
      ],
    )
    assert.deepEqual(lines[0]!.JournalEntryLineDetail.AccountRef, {value: '1'})
  })

  it('an unallocated prepayment is wholly unapplied; a refund Xero did not list is not linked', () => {
    const out = mapWith([{kind: 'payment', record: {...prepayment, allocations: [], refunds: undefined}}])
    const pay = out.find((m) => m.sourceId === 'PRE-1')!
    assert.deepEqual(pay.payload?.Line, [])
    assert.equal(pay.payload?.TotalAmt, 2000)
    assert.equal(pay.decisions[0]?.detail.unapplied, '2000.00')
  })

  it('a supplier overpayment refunded to us: BillPayment plus a journal crediting AP, debiting the bank', () => {
    const over: Payment = {
      ...prepayment,
      id: 'OVER-1',
      contactId: 'C-BOLT',
      allocations: [],
      origin: 'overpayment',
      refunds: [{id: 'REF-2', amount: '50.00'}],
    }
    const back: Payment = {
      ...refund,
      id: 'REF-2',
      amount: '50.00',
      refundOf: {kind: 'overpayment', id: 'OVER-1'},
    }
    const out = mapWith([
      {kind: 'billPayment', record: over},
      {kind: 'billPayment', record: back},
    ])
    const bp = out.find((m) => m.sourceId === 'OVER-1')!
    assert.equal(bp.entity, 'BillPayment')
    assert.equal(bp.decisions.find((d) => d.code === 'OVERPAYMENT_AS_PAYMENT')?.detail.unapplied, '1950.00')
    const je = out.find((m) => m.sourceId === 'REF-2')!
    const lines = je.payload?.Line as JeLine[]
    assert.deepEqual(
      lines.map((l) => [l.JournalEntryLineDetail.PostingType, l.JournalEntryLineDetail.Entity?.Type]),
      [
        ['Credit', 'Vendor'],
        ['Debit', undefined],
      ],
    )
    assert.deepEqual(lines[0]!.JournalEntryLineDetail.AccountRef, {value: '2'})
  })

  it('a credit note refund is a journal plus a zero Payment linking it and the credit note', () => {
    const cnRefund: Payment = {
      id: 'CNR-1',
      date: '2024-05-01',
      contactId: 'C-ACME',
      bankAccountId: '090',
      amount: '110.00',
      currency: 'AUD',
      allocations: [{documentKind: 'creditNote', documentId: 'CN-0001', amount: '110.00'}],
      refundOf: {kind: 'creditNote', id: 'CN-0001'},
    }
    const out = mapWith([{kind: 'payment', record: cnRefund}])
    const je = out.find((m) => m.sourceId === 'CNR-1')!
    assert.equal(je.entity, 'JournalEntry')
    const applied = out.find((m) => m.sourceId === 'CNR-1/applied')!
    assert.equal(applied.entity, 'Payment')
    assert.equal(applied.payload?.TotalAmt, 0)
    assert.deepEqual(
      (applied.payload?.Line as Line[]).map((l) => [l.Amount, l.LinkedTxn[0]!.TxnType]),
      [
        [110, 'JournalEntry'],
        [110, 'CreditMemo'],
      ],
    )
  })

  it('a payment that was part of a Xero batch says so (one QBO payment per document)', () => {
    const {records} = companyContext()
    const pay = records.find((r) => r.kind === 'payment')!.record as Payment
    const out = mapWith([{kind: 'payment', record: {...pay, id: 'PAY-B', batchId: 'BATCH-7'}}])
    const m = out.find((x) => x.sourceId === 'PAY-B')!
    assert.equal(m.entity, 'Payment')
    assert.equal(m.decisions.find((d) => d.code === 'BATCH_PAYMENT_SPLIT')?.detail.batchId, 'BATCH-7')
  })

  it('a foreign-currency refund is skipped with the manual step, and its prepayment does not link it', () => {
    const usd: Payment = {
      ...prepayment,
      currency: 'USD',
      exchangeRate: '1.5',
      contactId: 'C-EURO',
      allocations: [],
    }
    const out = mapWith([
      {kind: 'payment', record: usd},
      {kind: 'payment', record: {...refund, currency: 'USD', exchangeRate: '1.5'}},
    ])
    const je = out.find((m) => m.sourceId === 'REF-1')!
    assert.equal(je.disposition?.action, 'skip')
    const d = je.decisions.find((x) => x.code === 'REFUND_NOT_MIGRATED')
    assert.match(String(d?.detail.manualStep), /In QBO enter a cheque/)
    const pay = out.find((m) => m.sourceId === 'PRE-1')!
    assert.deepEqual(pay.payload?.Line, [])
  })
})
