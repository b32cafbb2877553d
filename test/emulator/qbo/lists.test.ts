import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, idOf} from './client.js'

describe('QBO emulator: list entities, the AU seed and multicurrency', () => {
  let h: Harness
  before(async () => {
    h = await harness()
  })
  after(() => h.close())

  it('seeds a new AU company with QBO account types and subtypes', async () => {
    const accounts = (await h.query('select * from Account maxresults 1000')).json.QueryResponse.Account
    const by = Object.fromEntries(accounts.map((a: {Name: string}) => [a.Name, a]))
    assert.equal(by['Accounts Receivable (A/R)'].AccountType, 'Accounts Receivable')
    assert.equal(by['Accounts Payable (A/P)'].Classification, 'Liability')
    assert.equal(by['Undeposited Funds'].AccountSubType, 'UndepositedFunds')
    assert.equal(by['Retained Earnings'].AccountSubType, 'RetainedEarnings')
    assert.equal(by['Opening Balance Equity'].AccountType, 'Equity')
    assert.equal(by['GST Payable'].AccountSubType, 'GlobalTaxPayable')
    const prefs = (await h.get('/preferences')).json.Preferences
    assert.equal(prefs.CurrencyPrefs.MultiCurrencyEnabled, true)
    const rate = (await h.query("select * from TaxRate where Name = 'GST (sales)'")).json.QueryResponse
      .TaxRate[0]
    assert.equal(rate.RateValue, 10)
  })

  it('derives the account type from a subtype, answers 6010 without either and 6240 for a duplicate name', async () => {
    const a = (
      await h.post('/account', {
        Name: 'Consulting Income',
        AccountSubType: 'ServiceFeeIncome',
        AcctNum: '4100',
      })
    ).json.Account
    assert.equal(a.AccountType, 'Income')
    assert.equal(a.Classification, 'Revenue')
    assert.equal((await h.post('/account', {Name: 'No Type'})).json.Fault.Error[0].code, '6010')
    assert.equal(
      (await h.post('/account', {Name: 'consulting income', AccountType: 'Income'})).json.Fault.Error[0].code,
      '6240',
    )
    assert.equal(
      (await h.post('/account', {Name: 'Bad: Name', AccountType: 'Income'})).json.Fault.Error[0].code,
      '2040',
    )
    const sub = (await h.post('/account', {Name: 'Sub', AccountType: 'Income', ParentRef: {value: a.Id}}))
      .json.Account
    assert.equal(sub.FullyQualifiedName, 'Consulting Income:Sub')
    assert.equal(sub.SubAccount, true)
  })

  it('requires the inventory fields of an Inventory item and nests sub-customers', async () => {
    const income = await idOf(h, 'Account', 'Sales')
    const inv = await h.post('/item', {Name: 'Widget', Type: 'Inventory', IncomeAccountRef: {value: income}})
    assert.equal(inv.json.Fault.Error[0].code, '2020')
    const svc = (
      await h.post('/item', {Name: 'Consulting', Type: 'Service', IncomeAccountRef: {value: income}})
    ).json.Item
    assert.equal(svc.Type, 'Service')
    const parent = (await h.post('/customer', {DisplayName: 'Parent Co'})).json.Customer
    const job = (await h.post('/customer', {DisplayName: 'Job One', ParentRef: {value: parent.Id}})).json
      .Customer
    assert.equal(job.FullyQualifiedName, 'Parent Co:Job One')
    assert.equal(job.Job, true)
    assert.equal(
      (await h.post('/term', {Name: 'x'.repeat(32), DueDays: 30})).json.Fault.Error[0].code,
      '2050',
    )
    assert.equal((await h.post('/term', {Name: 'Net 45', DueDays: 45})).json.Term.Type, 'STANDARD')
  })

  it('keeps a foreign-currency customer in its currency and converts HomeTotalAmt by ExchangeRate', async () => {
    const gst = await idOf(h, 'TaxCode', 'GST-free exports')
    const c = (await h.post('/customer', {DisplayName: 'US Buyer', CurrencyRef: {value: 'USD'}})).json
      .Customer
    const line = [
      {DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
    ]
    const noRate = await h.post('/invoice', {CustomerRef: {value: c.Id}, Line: line})
    assert.equal(noRate.json.Fault.Error[0].code, '6000')
    const wrong = await h.post('/invoice', {
      CustomerRef: {value: c.Id},
      CurrencyRef: {value: 'AUD'},
      Line: line,
    })
    assert.equal(wrong.json.Fault.Error[0].code, '6000')
    const inv = (await h.post('/invoice', {CustomerRef: {value: c.Id}, ExchangeRate: 1.5, Line: line})).json
      .Invoice
    assert.equal(inv.CurrencyRef.value, 'USD')
    assert.equal(inv.TotalAmt, 100)
    assert.equal(inv.HomeTotalAmt, 150)
  })

  it('refuses to change or delete a payment that sits in a deposit (6540)', async () => {
    const gst = await idOf(h, 'TaxCode', 'GST')
    const bank = await idOf(h, 'Account', 'Business Cheque Account')
    const c = (await h.post('/customer', {DisplayName: 'Depositor'})).json.Customer
    const inv = (
      await h.post('/invoice', {
        CustomerRef: {value: c.Id},
        Line: [
          {DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
        ],
      })
    ).json.Invoice
    const pay = (
      await h.post('/payment', {
        CustomerRef: {value: c.Id},
        TotalAmt: 11,
        Line: [{Amount: 11, LinkedTxn: [{TxnId: inv.Id, TxnType: 'Invoice'}]}],
      })
    ).json.Payment
    const dep = await h.post('/deposit', {
      DepositToAccountRef: {value: bank},
      Line: [{Amount: 11, LinkedTxn: [{TxnId: pay.Id, TxnType: 'Payment', TxnLineId: '0'}]}],
    })
    assert.equal(dep.json.Deposit.TotalAmt, 11)
    const del = await h.post('/payment?operation=delete', {Id: pay.Id, SyncToken: pay.SyncToken})
    assert.equal(del.json.Fault.Error[0].code, '6540')
  })
})
