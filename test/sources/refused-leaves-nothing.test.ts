// Issue 14, finding 4: a refused file leaves nothing behind: not its own records, and not what the
// adapter would have derived from the rows read before the refusal (contacts, tax rates), nor does it hide
// a contact the derived list should hold.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {myobAdapter} from '../../src/sources/myob/adapter.js'
import {xeroCsvAdapter} from '../../src/sources/xero-csv/adapter.js'
import {extractFiles} from './helpers.js'

const SALES =
  'ContactName,InvoiceNumber,InvoiceDate,DueDate,Description,Quantity,UnitAmount,AccountCode,TaxType\r\n'

test('Xero: a sales file refused at its last row stages no contact and no tax rate from its earlier rows', async (t) => {
  const {result} = await extractFiles(
    t,
    {
      'sales.csv':
        SALES +
        'Acme,INV-1,15/07/2024,14/08/2024,Work,1,100.00,200,GST Free Income\r\n' +
        'Beta,INV-2,31/02/2024,14/08/2024,Work,1,50.00,200,GST on Income\r\n',
    },
    (dir) => xeroCsvAdapter({path: dir}),
  )
  assert.equal(result.files.find((f) => f.path.endsWith('sales.csv'))?.status, 'rejected')
  assert.deepEqual(result.counts, {}, 'nothing staged, derived records included')
})

test('Xero: a contacts file refused half-way does not keep the contacts it listed out of the derived list', async (t) => {
  const {result, get} = await extractFiles(
    t,
    {
      'sales.csv':
        SALES +
        'Acme,INV-1,15/07/2024,14/08/2024,Work,1,100.00,200,GST on Income\r\n' +
        'Beta,INV-2,15/07/2024,14/08/2024,Work,1,50.00,200,GST on Income\r\n',
      'contacts.csv':
        '*ContactName,EmailAddress,DueDateSalesDay,DueDateSalesTerm\r\n' +
        'Acme,ap@acme.example,30,Days After\r\n' +
        'Beta,ap@beta.example,30,Days Afterwards\r\n',
    },
    (dir) => xeroCsvAdapter({path: dir}),
  )
  assert.equal(result.files.find((f) => f.path.endsWith('contacts.csv'))?.status, 'rejected')
  // Both customers are still staged, from their invoices: without Acme, its invoices would park.
  assert.equal(get<{isCustomer: boolean}>('contact', 'Acme').isCustomer, true)
  assert.equal(get<{isCustomer: boolean}>('contact', 'Beta').isCustomer, true)
  assert.equal(result.counts.contact, 2)
})

test('MYOB: a sales file refused at its second sale stages no tax rate and no card from its first', async (t) => {
  const header =
    'Co./Last Name\tFirst Name\tInvoice #\tDate\tItem Number\tQuantity\tDescription\tPrice\tTotal\tTax Code\tGST Amount'
  const {result} = await extractFiles(
    t,
    {
      'itemsale.txt': [
        header,
        'Smith\tJohn\t00000001\t1/07/2020\tWID\t1\tWidget\t$10.00\t$10.00\tFRE\t$.00',
        '',
        'Jones\tAmy\t00000002\t2/07/2020\tWID\t1\tWidget\t$10.00\t$1O.00\tGST\t$1.00',
        '',
      ].join('\r\n'),
    },
    (dir) => myobAdapter({path: dir}),
  )
  assert.equal(result.files.find((f) => f.path.endsWith('itemsale.txt'))?.status, 'rejected')
  assert.deepEqual(result.counts, {}, 'no FRE/sales tax rate, no card Smith, John')
})

test('MYOB: a cards file refused half-way does not keep the cards it listed out of the derived list', async (t) => {
  const {result, get} = await extractFiles(
    t,
    {
      'sale.txt': [
        'Co./Last Name\tInvoice #\tDate\tAccount #\tAmount\tTax Code',
        'Harbour Cafe\t00000009\t1/07/2020\t4-1000\t$100.00\tFRE',
        '',
      ].join('\r\n'),
      'cards.txt': [
        'Co./Last Name\tFirst Name\tCard ID\tPrice Level\tCard Status',
        'Harbour Cafe\t\tCUS001\tBase Selling Price\tN',
        '\tNobody\tCUS002\tBase Selling Price\tN',
        '',
      ].join('\r\n'),
    },
    (dir) => myobAdapter({path: dir}),
  )
  assert.equal(result.files.find((f) => f.path.endsWith('cards.txt'))?.status, 'rejected')
  assert.equal(get<{isCustomer: boolean}>('contact', 'Harbour Cafe').isCustomer, true)
})
