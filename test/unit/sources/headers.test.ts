import assert from 'node:assert/strict'
import {test} from 'node:test'

import {expandMyobHeaders, recogniseMyobLayout} from '../../../src/sources/myob/headers.js'
import {recogniseXeroLayout} from '../../../src/sources/xero-csv/headers.js'

const typeOf = (v: ReturnType<typeof recogniseMyobLayout> | ReturnType<typeof recogniseXeroLayout>) =>
  v && 'type' in v ? v.type : v
const recogniseMyobHeader = (names: string[]) => typeOf(recogniseMyobLayout(names))
const recogniseXeroHeader = (names: string[]) => typeOf(recogniseXeroLayout(names))

test('MYOB continuation headers carry the last group prefix forward', () => {
  const names = [
    'Co./Last Name',
    'Addr 1 - Line 1',
    '           - Line 2',
    ' - City',
    'Terms - Payment is Due',
    '- Discount Days',
    'Record ID',
  ]
  assert.deepEqual(expandMyobHeaders(names), [
    'Co./Last Name',
    'Addr 1 - Line 1',
    'Addr 1 - Line 2',
    'Addr 1 - City',
    'Terms - Payment is Due',
    'Terms - Discount Days',
    'Record ID',
  ])
})

test('comma exports that already write full names are left alone', () => {
  assert.deepEqual(expandMyobHeaders(['Addr 1 - Line 1', 'Addr 1 - Line 2']), [
    'Addr 1 - Line 1',
    'Addr 1 - Line 2',
  ])
})

test('MYOB files are recognised by their headers, whatever subset of columns was exported', () => {
  assert.equal(
    recogniseMyobHeader(['Co./Last Name', 'Invoice #', 'Date', 'Item Number', 'Total']),
    'itemSales',
  )
  assert.equal(
    recogniseMyobHeader(['Co./Last Name', 'Invoice #', 'Date', 'Account #', 'Amount']),
    'serviceSales',
  )
  assert.equal(
    recogniseMyobHeader(['Co./Last Name', 'Purchase No.', 'Date', 'Account #', 'Amount']),
    'servicePurchases',
  )
  assert.equal(
    recogniseMyobHeader(['Deposit Account', 'Date', 'Co./Last Name', 'Invoice #', 'Amount Applied']),
    'customerPayments',
  )
  assert.equal(
    recogniseMyobHeader([
      'Cheque Account',
      'Cheque #',
      'Date',
      'Co./Last Name',
      'Allocation Account #',
      'Ex-Tax Amount',
    ]),
    'spendMoney',
  )
  assert.equal(
    recogniseMyobHeader(['Deposit Account', 'ID #', 'Date', 'Allocation Account #', 'Inc-Tax Amount']),
    'receiveMoney',
  )
  assert.equal(
    recogniseMyobHeader(['Cheque Account', 'Date', 'Co./Last Name', 'Purchase #', 'Amount Applied']),
    'supplierPayments',
  )
  assert.equal(recogniseMyobHeader(['Date', 'Account Number', 'Debit Amount', 'Credit Amount']), 'journals')
  assert.equal(recogniseMyobHeader(['Account Number', 'Account Name', 'Header']), 'accounts')
  assert.equal(recogniseMyobHeader(['Co./Last Name', 'First Name', 'Card ID']), 'cards')
  assert.equal(recogniseMyobHeader(['Foo']), undefined)
})

test('Xero headers: a leading * stripped, case and spaces ignored', () => {
  assert.equal(
    recogniseXeroHeader(['*ContactName', '*InvoiceNumber', '*InvoiceDate', '*UnitAmount']),
    'documents',
  )
  assert.equal(
    recogniseXeroHeader(['contactname', 'INVOICENUMBER', 'invoicedate', 'LineAmount']),
    'documents',
  )
  assert.equal(recogniseXeroHeader(['*Code', '*Name', '*Type', '*Tax Code']), 'accounts')
  assert.equal(recogniseXeroHeader(['*Narration', '*Date', '*AccountCode', '*Amount']), 'journals')
  assert.equal(recogniseXeroHeader(['ItemCode', 'ItemName']), 'items')
  assert.equal(recogniseXeroHeader(['*ContactName', 'EmailAddress']), 'contacts')
  assert.equal(recogniseXeroHeader(['Tax Rate Name', 'Tax Type', 'Rate']), 'taxRates')
})
