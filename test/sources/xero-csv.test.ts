import assert from 'node:assert/strict'
import {test} from 'node:test'

import iconv from 'iconv-lite'

import type {Bill, Contact, Invoice, SupplierCredit, TaxRate} from '../../src/domain/canonical.js'
import {xeroCsvAdapter} from '../../src/sources/xero-csv/adapter.js'
import {extractFiles} from './helpers.js'

const TEMPLATE =
  '*ContactName,*InvoiceNumber,*InvoiceDate,*DueDate,*Description,*Quantity,*UnitAmount,*AccountCode,*TaxType'
const EXPORT =
  'ContactName,InvoiceNumber,InvoiceDate,Total,TaxTotal,Description,Quantity,UnitAmount,LineAmount,AccountCode,TaxType,TaxAmount,Type'

test('tax-inclusive and exclusive documents are told apart by their totals', async (t) => {
  const {get} = await extractFiles(
    t,
    {
      's.csv': [
        EXPORT,
        'Acme,INV-1,15/07/2024,110.00,10.00,Work,1,100.00,100.00,200,GST on Income,10.00,Sales invoice',
        'Acme,INV-2,15/07/2024,110.00,10.00,Work,1,110.00,110.00,200,GST on Income,10.00,Sales invoice',
      ].join('\n'),
    },
    (dir) => xeroCsvAdapter({path: dir}),
  )
  assert.equal(get<Invoice>('invoice', 'INV-1').amountsAre, 'exclusive')
  const inc = get<Invoice>('invoice', 'INV-2')
  assert.equal(inc.amountsAre, 'inclusive')
  assert.equal(inc.total, '110.00')
  assert.equal(inc.subTotal, '100.00')
})

test('bills: same supplier number from two suppliers stay two bills; a negative bill is a supplier credit', async (t) => {
  const {get, result} = await extractFiles(
    t,
    {
      'b.csv': [
        TEMPLATE,
        'Paper Co,1001,03/07/2024,03/08/2024,Paper,1,100.00,400,GST on Expenses',
        'Ink Co,1001,03/07/2024,03/08/2024,Ink,2,25.00,400,GST on Expenses',
        'Ink Co,CR-9,04/07/2024,04/08/2024,Refund,1,-30.00,400,GST on Expenses',
      ].join('\r\n'),
    },
    (dir) => xeroCsvAdapter({path: dir}),
  )
  assert.equal(get<Bill>('bill', 'Paper Co|1001|2024-07-03').total, '110.00')
  assert.equal(get<Bill>('bill', 'Ink Co|1001|2024-07-03').total, '55.00')
  const credit = get<SupplierCredit>('supplierCredit', 'Ink Co|CR-9|2024-07-04')
  assert.equal(credit.total, '33.00')
  assert.equal(credit.lines[0]?.unitAmount, '30')
  assert.equal(get<Contact>('contact', 'Ink Co').isSupplier, true)
  assert.ok(result.warnings.some((w) => /no Total column/.test(w)))
})

test('month-first dates are detected from the data, and --date-order overrides', async (t) => {
  const file = {
    's.csv': [
      TEMPLATE,
      'Acme,INV-1,07/15/2024,08/14/2024,Work,1,100,200,GST on Income',
      'Acme,INV-2,07/01/2024,07/31/2024,Work,1,100,200,GST on Income',
    ].join('\n'),
  }
  const {get} = await extractFiles(t, file, (dir) => xeroCsvAdapter({path: dir}))
  assert.equal(get<Invoice>('invoice', 'INV-2').date, '2024-07-01')
  const forced = await extractFiles(t, file, (dir) => xeroCsvAdapter({path: dir, dateOrder: 'dmy'}))
  assert.equal(forced.result.files.find((f) => f.path.endsWith('s.csv'))?.status, 'rejected')
})

test('a tax rates mapping file resolves a custom rate name; windows-1252 text is decoded', async (t) => {
  const {get} = await extractFiles(
    t,
    {
      'rates.csv': 'Name,TaxType,Rate\nTax on Café Sales (8.5%),TAX001,8.5\n',
      's.csv': iconv.encode(
        [
          TEMPLATE,
          'Café Müller,INV-1,15/07/2024,14/08/2024,Coffee,1,100.00,200,Tax on Café Sales (8.5%)',
        ].join('\r\n'),
        'windows-1252',
      ),
    },
    (dir) => xeroCsvAdapter({path: dir}),
  )
  const inv = get<Invoice>('invoice', 'INV-1')
  assert.equal(inv.contactName, 'Café Müller')
  assert.equal(inv.lines[0]?.taxCode, 'TAX001')
  assert.equal(inv.totalTax, '8.50')
  assert.equal(get<TaxRate>('taxRate', 'TAX001').rate, '8.5')
})

test('--tax-inclusive yes reads template amounts as tax inclusive', async (t) => {
  const {get} = await extractFiles(
    t,
    {'s.csv': [TEMPLATE, 'Acme,INV-1,15/07/2024,14/08/2024,Work,1,110.00,200,GST on Income'].join('\n')},
    (dir) => xeroCsvAdapter({path: dir, taxInclusive: 'yes'}),
  )
  const inv = get<Invoice>('invoice', 'INV-1')
  assert.equal(inv.total, '110.00')
  assert.equal(inv.totalTax, '10.00')
})
