import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, idOf} from './client.js'

describe('QBO emulator: transactions, tax and balances over raw HTTP', () => {
  let h: Harness
  let gst: string
  before(async () => {
    h = await harness()
    gst = await idOf(h, 'TaxCode', 'GST')
  })
  after(() => h.close())

  const invoiceBody = (customerId: string, extra: Record<string, unknown> = {}) => ({
    CustomerRef: {value: customerId},
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: 200,
        SalesItemLineDetail: {Qty: 2, UnitPrice: 100, TaxCodeRef: {value: gst}},
      },
    ],
    ...extra,
  })

  it('reads TaxInclusiveAmt from the line detail, where QBO documents it, with the net in Amount', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Tax In Detail'})).json.Customer
    const inv = (
      await h.post('/invoice', {
        CustomerRef: {value: c.Id},
        GlobalTaxCalculation: 'TaxInclusive',
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 4661.4,
            SalesItemLineDetail: {
              Qty: 17,
              UnitPrice: 274.2,
              TaxCodeRef: {value: gst},
              TaxInclusiveAmt: 5127.54,
            },
          },
        ],
      })
    ).json.Invoice
    assert.equal(inv.TotalAmt, 5127.54)
    assert.equal(inv.TxnTaxDetail.TotalTax, 466.14)
    assert.equal(inv.Line[0].Amount, 4661.4)
  })

  it('keeps a sent TotalTax that differs by per-line rounding, and ignores one that is far off', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Tax Rounding'})).json.Customer
    const line = (amount: number) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: amount,
      SalesItemLineDetail: {TaxCodeRef: {value: gst}},
    })
    // Per line: 93.526 -> 93.53 and 47.246 -> 47.25 = 140.78; on the summed net QBO's rounding gives 140.77.
    const body = (extra: Record<string, unknown>) => ({
      CustomerRef: {value: c.Id},
      GlobalTaxCalculation: 'TaxExcluded',
      Line: [line(935.26), line(472.46)],
      ...extra,
    })
    const computed = (await h.post('/invoice', body({}))).json.Invoice
    assert.equal(computed.TxnTaxDetail.TotalTax, 140.77)
    const kept = (await h.post('/invoice', body({TxnTaxDetail: {TotalTax: 140.78}}))).json.Invoice
    assert.equal(kept.TxnTaxDetail.TotalTax, 140.78)
    assert.equal(kept.TotalAmt, 1548.5)
    const ignored = (await h.post('/invoice', body({TxnTaxDetail: {TotalTax: 150}}))).json.Invoice
    assert.equal(ignored.TotalAmt, 1548.49)
  })

  it('computes GST 10% TaxExcluded: TotalAmt, TxnTaxDetail, Balance and a SubTotalLine', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Tax Ex'})).json.Customer
    const inv = (await h.post('/invoice', invoiceBody(c.Id, {GlobalTaxCalculation: 'TaxExcluded'}))).json
      .Invoice
    assert.equal(inv.TotalAmt, 220)
    assert.equal(inv.Balance, 220)
    assert.equal(inv.TxnTaxDetail.TotalTax, 20)
    assert.equal(inv.TxnTaxDetail.TaxLine[0].TaxLineDetail.TaxPercent, 10)
    assert.equal(inv.TxnTaxDetail.TaxLine[0].TaxLineDetail.NetAmountTaxable, 200)
    assert.equal(inv.Line.at(-1).DetailType, 'SubTotalLineDetail')
    assert.equal(inv.Line.at(-1).Amount, 200)
    assert.equal((await h.get(`/customer/${c.Id}`)).json.Customer.Balance, 220)
  })

  it('TaxInclusive splits each gross line into net and GST with 2 dp rounding', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Tax In'})).json.Customer
    const body = {
      CustomerRef: {value: c.Id},
      GlobalTaxCalculation: 'TaxInclusive',
      Line: [
        {DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
        {DetailType: 'SalesItemLineDetail', Amount: 33.33, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
      ],
    }
    const inv = (await h.post('/invoice', body)).json.Invoice
    assert.equal(inv.TotalAmt, 133.33)
    assert.equal(inv.TxnTaxDetail.TotalTax, 12.12) // 9.09 + 3.03
    assert.equal(inv.Line[0].Amount, 90.91)
    assert.equal(inv.Line[0].TaxInclusiveAmt, 100)
    // Sending the reply back (a full update) changes nothing in the amounts.
    const again = (await h.post('/invoice', {...inv, SyncToken: inv.SyncToken})).json.Invoice
    assert.equal(again.TotalAmt, 133.33)
    assert.equal(again.SyncToken, '1')
  })

  it('NotApplicable has no tax and refuses a TxnTaxDetail with tax (6170); 6070 when Amount != Qty x UnitPrice', async () => {
    const c = (await h.post('/customer', {DisplayName: 'No Tax'})).json.Customer
    const na = (await h.post('/invoice', invoiceBody(c.Id, {GlobalTaxCalculation: 'NotApplicable'}))).json
      .Invoice
    assert.equal(na.TotalAmt, 200)
    const bad = await h.post(
      '/invoice',
      invoiceBody(c.Id, {GlobalTaxCalculation: 'NotApplicable', TxnTaxDetail: {TotalTax: 5}}),
    )
    assert.equal(bad.json.Fault.Error[0].code, '6170')
    const calc = invoiceBody(c.Id)
    calc.Line[0]!.Amount = 199
    assert.equal((await h.post('/invoice', calc)).json.Fault.Error[0].code, '6070')
    const noTax = {
      CustomerRef: {value: c.Id},
      Line: [{DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: {}}],
    }
    const gstMissing = await h.post('/invoice', noTax)
    assert.equal(gstMissing.json.Fault.Error[0].code, '6000')
  })

  it('6140 on a duplicate DocNumber unless include=allowduplicatedocnum', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Doc Num'})).json.Customer
    const first = (await h.post('/invoice', invoiceBody(c.Id, {DocNumber: 'D-1'}))).json.Invoice
    const dup = await h.post('/invoice', invoiceBody(c.Id, {DocNumber: 'D-1'}))
    assert.equal(dup.json.Fault.Error[0].code, '6140')
    assert.match(
      dup.json.Fault.Error[0].Detail,
      new RegExp(`DocNumber=D-1 is assigned to TxnType=Invoice with TxnId=${first.Id}`),
    )
    assert.equal(
      (await h.post('/invoice?include=allowduplicatedocnum', invoiceBody(c.Id, {DocNumber: 'D-1'}))).status,
      200,
    )
    assert.equal(
      (await h.post('/invoice', invoiceBody(c.Id, {DocNumber: 'X'.repeat(22)}))).json.Fault.Error[0].code,
      '2050',
    )
  })

  it('payments reduce invoice and customer balances; credit memos apply through a payment', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Payer'})).json.Customer
    const inv = (await h.post('/invoice', invoiceBody(c.Id))).json.Invoice
    const cm = (
      await h.post('/creditmemo', {
        CustomerRef: {value: c.Id},
        Line: [
          {DetailType: 'SalesItemLineDetail', Amount: 20, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
        ],
      })
    ).json.CreditMemo
    assert.equal(cm.TotalAmt, 22)
    const pay = await h.post('/payment', {
      CustomerRef: {value: c.Id},
      TotalAmt: 100,
      Line: [
        {Amount: 122, LinkedTxn: [{TxnId: inv.Id, TxnType: 'Invoice'}]},
        {Amount: 22, LinkedTxn: [{TxnId: cm.Id, TxnType: 'CreditMemo'}]},
      ],
    })
    assert.equal(pay.status, 200, pay.text)
    assert.equal(pay.json.Payment.UnappliedAmt, 0)
    const after = (await h.get(`/invoice/${inv.Id}`)).json.Invoice
    assert.equal(after.Balance, 98)
    assert.deepEqual(after.LinkedTxn, [{TxnId: pay.json.Payment.Id, TxnType: 'Payment'}])
    assert.equal((await h.get(`/creditmemo/${cm.Id}`)).json.CreditMemo.RemainingCredit, 0)
    assert.equal((await h.get(`/customer/${c.Id}`)).json.Customer.Balance, 98)
    const over = await h.post('/payment', {
      CustomerRef: {value: c.Id},
      TotalAmt: 500,
      Line: [{Amount: 99, LinkedTxn: [{TxnId: inv.Id, TxnType: 'Invoice'}]}],
    })
    assert.equal(over.json.Fault.Error[0].code, '6000')
    const linked = await h.post('/invoice?operation=delete', {Id: inv.Id, SyncToken: after.SyncToken})
    assert.equal(linked.json.Fault.Error[0].code, '6000')
    const p = pay.json.Payment
    const voided = (
      await h.post('/payment?operation=update&include=void', {Id: p.Id, SyncToken: p.SyncToken, sparse: true})
    ).json.Payment
    assert.equal(voided.TotalAmt, 0)
    assert.equal((await h.get(`/invoice/${inv.Id}`)).json.Invoice.Balance, 220)
  })

  it('voids an invoice (amounts zeroed, "Voided" note) and deletes one ({status: "Deleted"})', async () => {
    const c = (await h.post('/customer', {DisplayName: 'Void Del'})).json.Customer
    const a = (await h.post('/invoice', invoiceBody(c.Id, {PrivateNote: 'mine'}))).json.Invoice
    const v = (await h.post('/invoice?operation=void', {Id: a.Id, SyncToken: a.SyncToken})).json.Invoice
    assert.equal(v.TotalAmt, 0)
    assert.equal(v.Balance, 0)
    assert.match(v.PrivateNote, /^Voided/)
    const b = (await h.post('/invoice', invoiceBody(c.Id))).json.Invoice
    const d = await h.post('/invoice?operation=delete', {Id: b.Id, SyncToken: b.SyncToken})
    assert.deepEqual(d.json.Invoice, {status: 'Deleted', domain: 'QBO', Id: b.Id})
    assert.equal((await h.get(`/invoice/${b.Id}`)).json.Fault.Error[0].code, '610')
  })

  it('journal entries must balance (2300) and A/R lines need a customer', async () => {
    const bank = await idOf(h, 'Account', 'Business Cheque Account')
    const sales = await idOf(h, 'Account', 'Sales')
    const ar = await idOf(h, 'Account', 'Accounts Receivable (A/R)')
    const line = (posting: string, acct: string, amount: number, entity?: unknown) => ({
      DetailType: 'JournalEntryLineDetail',
      Amount: amount,
      JournalEntryLineDetail: {
        PostingType: posting,
        AccountRef: {value: acct},
        ...(entity ? {Entity: entity} : {}),
      },
    })
    const unbalanced = await h.post('/journalentry', {
      Line: [line('Debit', bank, 100), line('Credit', sales, 90)],
    })
    assert.equal(unbalanced.json.Fault.Error[0].code, '2300')
    const noCustomer = await h.post('/journalentry', {
      Line: [line('Debit', ar, 100), line('Credit', sales, 100)],
    })
    assert.equal(noCustomer.json.Fault.Error[0].code, '6000')
    const ok = await h.post('/journalentry', {
      DocNumber: 'JE-1',
      Line: [line('Debit', bank, 100), line('Credit', sales, 100)],
    })
    assert.equal(ok.status, 200, ok.text)
  })

  it('refuses transactions dated on or before the closing date set in Preferences (6200)', async () => {
    const prefs = (await h.get('/preferences')).json.Preferences
    const set = await h.post('/preferences', {
      Id: prefs.Id,
      SyncToken: prefs.SyncToken,
      sparse: true,
      AccountingInfoPrefs: {BookCloseDate: '2024-06-30'},
    })
    assert.equal(set.json.Preferences.AccountingInfoPrefs.BookCloseDate, '2024-06-30')
    assert.equal(set.json.Preferences.CurrencyPrefs.HomeCurrency.value, 'AUD')
    const c = (await h.post('/customer', {DisplayName: 'Closed Books'})).json.Customer
    assert.equal(
      (await h.post('/invoice', invoiceBody(c.Id, {TxnDate: '2024-06-30'}))).json.Fault.Error[0].code,
      '6200',
    )
    assert.equal((await h.post('/invoice', invoiceBody(c.Id, {TxnDate: '2024-07-01'}))).status, 200)
    const p2 = set.json.Preferences
    await h.post('/preferences', {
      Id: p2.Id,
      SyncToken: p2.SyncToken,
      sparse: true,
      AccountingInfoPrefs: {BookCloseDate: null},
    })
  })

  it('serves CompanyInfo (Country AU) and bills, purchases, deposits and transfers', async () => {
    const ci = (await h.get(`/companyinfo/${h.emu.realmId}`)).json.CompanyInfo
    assert.equal(ci.Country, 'AU')
    const v = (await h.post('/vendor', {DisplayName: 'Supplies Co'})).json.Vendor
    const exp = await idOf(h, 'Account', 'Office expenses')
    const bank = await idOf(h, 'Account', 'Business Cheque Account')
    const gstIn = await idOf(h, 'TaxCode', 'GST on non-capital')
    const bill = await h.post('/bill', {
      VendorRef: {value: v.Id},
      GlobalTaxCalculation: 'TaxInclusive',
      Line: [
        {
          DetailType: 'AccountBasedExpenseLineDetail',
          Amount: 110,
          AccountBasedExpenseLineDetail: {AccountRef: {value: exp}, TaxCodeRef: {value: gstIn}},
        },
      ],
    })
    assert.equal(bill.status, 200, bill.text)
    assert.equal(bill.json.Bill.TotalAmt, 110)
    assert.equal(bill.json.Bill.TxnTaxDetail.TotalTax, 10)
    const salesOnly = await h.post('/bill', {
      VendorRef: {value: v.Id},
      Line: [
        {
          DetailType: 'AccountBasedExpenseLineDetail',
          Amount: 5,
          AccountBasedExpenseLineDetail: {AccountRef: {value: exp}, TaxCodeRef: {value: gst}},
        },
      ],
    })
    assert.equal(salesOnly.json.Fault.Error[0].code, '6000')
    const bp = await h.post('/billpayment', {
      VendorRef: {value: v.Id},
      PayType: 'Check',
      TotalAmt: 110,
      CheckPayment: {BankAccountRef: {value: bank}},
      Line: [{Amount: 110, LinkedTxn: [{TxnId: bill.json.Bill.Id, TxnType: 'Bill'}]}],
    })
    assert.equal(bp.status, 200, bp.text)
    assert.equal((await h.get(`/bill/${bill.json.Bill.Id}`)).json.Bill.Balance, 0)
    const purchase = await h.post('/purchase', {
      PaymentType: 'Cash',
      AccountRef: {value: bank},
      GlobalTaxCalculation: 'NotApplicable',
      Line: [
        {
          DetailType: 'AccountBasedExpenseLineDetail',
          Amount: 15,
          AccountBasedExpenseLineDetail: {AccountRef: {value: exp}},
        },
      ],
    })
    assert.equal(purchase.json.Purchase.TotalAmt, 15)
    const dep = await h.post('/deposit', {
      DepositToAccountRef: {value: bank},
      Line: [{Amount: 50, DetailType: 'DepositLineDetail', DepositLineDetail: {AccountRef: {value: exp}}}],
    })
    assert.equal(dep.json.Deposit.TotalAmt, 50)
    const undeposited = await idOf(h, 'Account', 'Undeposited Funds')
    const tr = await h.post('/transfer', {
      FromAccountRef: {value: bank},
      ToAccountRef: {value: undeposited},
      Amount: 10,
    })
    assert.equal(tr.json.Transfer.Amount, 10)
    assert.equal(
      (await h.post('/transfer', {FromAccountRef: {value: bank}, ToAccountRef: {value: bank}, Amount: 10}))
        .json.Fault.Error[0].code,
      '6000',
    )
  })
})
