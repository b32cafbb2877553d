import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {targetFromQbo} from '../../src/mappers/index.js'

describe('target company from QBO query results', () => {
  const raw = {
    preferences: {CurrencyPrefs: {MultiCurrencyEnabled: true, HomeCurrency: {value: 'AUD'}}},
    accounts: [
      {
        Id: '1',
        Name: 'Accounts Receivable (A/R)',
        AccountType: 'Accounts Receivable',
        AccountSubType: 'AccountsReceivable',
        Classification: 'Asset',
        Active: true,
        CurrentBalance: 0,
      },
    ],
    taxCodes: [
      {
        Id: '10',
        Name: 'GST',
        Active: true,
        SalesTaxRateList: {TaxRateDetail: [{TaxRateRef: {value: '20'}}]},
        PurchaseTaxRateList: {TaxRateDetail: []},
      },
      {
        Id: '15',
        Name: 'Out of Scope',
        SalesTaxRateList: {TaxRateDetail: [{}]},
        PurchaseTaxRateList: {TaxRateDetail: [{}]},
      },
    ],
    customers: [{Id: '58', DisplayName: 'Acme', Active: true}],
    documents: {
      Invoice: [
        {
          Id: '130',
          DocNumber: 'INV-1',
          TxnDate: '2024-07-01',
          TotalAmt: 1595.1,
          PrivateNote: 'qbo-toolkit:xero-api:INV-1',
        },
      ],
      NotAnEntity: [{Id: '1', TxnDate: '2024-01-01'}],
    },
  }

  it('keeps what the mappers need, with rate lists turned into directions and amounts into decimal text', () => {
    const t = targetFromQbo(raw)
    assert.equal(t.homeCurrency, 'AUD')
    assert.equal(t.multiCurrency, true)
    assert.deepEqual(t.taxCodes, [
      {Id: '10', Name: 'GST', Active: true, hasSalesRate: true, hasPurchaseRate: false},
      {Id: '15', Name: 'Out of Scope', Active: true, hasSalesRate: true, hasPurchaseRate: true},
    ])
    assert.deepEqual(t.documents, [
      {
        entity: 'Invoice',
        Id: '130',
        DocNumber: 'INV-1',
        TxnDate: '2024-07-01',
        TotalAmt: '1595.10',
        PrivateNote: 'qbo-toolkit:xero-api:INV-1',
      },
    ])
    assert.deepEqual(t.customers, [{Id: '58', DisplayName: 'Acme', Active: true}])
    assert.deepEqual(t.vendors, [])
  })

  it('refuses an answer without the fields the mappers rely on', () => {
    assert.throws(() => targetFromQbo({...raw, accounts: [{Id: '1', Name: 'X'}]}), /AccountType/)
  })
})
