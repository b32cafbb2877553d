import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Payment} from '../../src/domain/canonical.js'
import {mapBankTransaction} from '../../src/mappers/banking.js'
import {mapItem} from '../../src/mappers/items.js'
import {mapCreditApplication, mapPayment} from '../../src/mappers/payments.js'
import {companyContext, recordOf} from './helpers.js'

describe('payments, banking and items', () => {
  const {ctx, records} = companyContext()
  const pay = recordOf(records, 'payment', 'PAY-1')

  it('applies a credit note to an invoice with a zero-amount payment linking both', () => {
    const m = mapCreditApplication(recordOf(records, 'creditNote', 'CN-0001'), 0, ctx)
    assert.equal(m.payload?.TotalAmt, 0)
    assert.deepEqual(
      (m.payload?.Line as {Amount: number; LinkedTxn: {TxnType: string}[]}[]).map((l) => [
        l.Amount,
        l.LinkedTxn[0]?.TxnType,
      ]),
      [
        [110, 'Invoice'],
        [110, 'CreditMemo'],
      ],
    )
  })

  it('nets credits used inside a payment and records an unapplied remainder', () => {
    const mixed: Payment = {
      ...pay,
      amount: '1400.00',
      allocations: [
        {documentKind: 'invoice', documentId: 'INV-0001', amount: '1485.00'},
        {documentKind: 'creditNote', documentId: 'CN-0001', amount: '110.00'},
      ],
    }
    const m = mapPayment(mixed, 'payment', ctx)
    assert.equal(m.payload?.TotalAmt, 1400)
    assert.equal(m.decisions[0]?.code, 'PAYMENT_PARTLY_UNAPPLIED')
    assert.equal(m.decisions[0]?.detail.unapplied, '25.00')
  })

  it('blocks over-allocated payments', () => {
    assert.equal(
      mapPayment({...pay, amount: '1.00'}, 'payment', ctx).issues[0]?.code,
      'PAYMENT_OVER_ALLOCATED',
    )
  })

  it('pays bills by cheque from the bank account, or by credit card from a card account', () => {
    const bp = recordOf(records, 'billPayment', 'BP-1')
    assert.equal(mapPayment(bp, 'billPayment', ctx).payload?.PayType, 'Check')
    const card = companyContext({
      overrides: {accounts: {'090': 'Amex'}},
      target: {accounts: [{Id: '40', Name: 'Amex', AccountType: 'Credit Card', Active: true}]},
    }).ctx
    const m = mapPayment(bp, 'billPayment', card)
    assert.deepEqual(
      [m.payload?.PayType, m.payload?.CreditCardPayment],
      ['CreditCard', {CCAccountRef: {value: '40'}}],
    )
    const spend = mapBankTransaction(recordOf(records, 'bankTransaction', 'BT-1'), card)
    assert.equal(spend.payload?.PaymentType, 'CreditCard')
  })

  it('blocks a tracked item without the accounts QBO requires', () => {
    const widget = recordOf(records, 'item', 'WIDGET')
    const m = mapItem({...widget, inventoryAssetAccountId: undefined}, ctx)
    assert.equal(m.issues[0]?.code, 'ITEM_INVENTORY_INCOMPLETE')
    assert.match(m.issues[0]!.message, /inventory asset/)
  })

  it('adopts a payment or credit application an earlier load wrote, by its PrivateNote marker', () => {
    const marked = (entity: 'Payment' | 'BillPayment', id: string) => ({
      entity,
      Id: `Q-${id}`,
      TxnDate: '2024-07-20',
      TotalAmt: '0',
      PrivateNote: `qbo-toolkit:xero-api:${id}`,
    })
    const c = companyContext({
      target: {documents: [marked('Payment', 'PAY-1'), marked('Payment', 'CN-0001/applied/1')]},
    }).ctx
    assert.deepEqual(mapPayment(pay, 'payment', c).disposition?.qboId, 'Q-PAY-1')
    assert.deepEqual(
      mapCreditApplication(recordOf(records, 'creditNote', 'CN-0001'), 0, c).disposition?.qboId,
      'Q-CN-0001/applied/1',
    )
  })

  it('moves an inventory start date back to the first document using the item, recorded', () => {
    const widget = recordOf(records, 'item', 'WIDGET')
    const m = mapItem({...widget, quantityAsOf: '2024-12-31'}, ctx)
    assert.equal(m.payload?.InvStartDate, '2024-07-01')
    assert.equal(m.decisions[0]?.code, 'INVENTORY_START_DATE_MOVED')
    assert.equal(mapItem(widget, ctx).payload?.InvStartDate, '2024-06-30')
  })
})
