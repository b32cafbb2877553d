import assert from 'node:assert/strict'
import {test} from 'node:test'

import iconv from 'iconv-lite'

import type {Account, Contact, Invoice, ManualJournal, Payment, TaxRate} from '../../src/domain/canonical.js'
import {myobAdapter} from '../../src/sources/myob/adapter.js'
import {extractFiles} from './helpers.js'

const SALE =
  'Co./Last Name\tFirst Name\tAddr 1 - Line 1\t           - Line 2\tInclusive\tInvoice #\tDate\tItem Number\tQuantity\tDescription\tPrice\tInc-Tax Price\tTotal\tInc-Tax Total\tJob\tTax Code\tGST Amount\tSale Status'
const sale = (...cells: string[]) => cells.join('\t')

test('MYOB item sales: {} line, continuation headers, locale money, \\ lines, literal \\r\\n, quotes skipped', async (t) => {
  const text = [
    '{}',
    SALE,
    sale(
      'Smith',
      'John',
      '1 Main St',
      '',
      '',
      '00000001',
      '1/07/2020',
      'WID',
      '2.000000',
      'Widget\\r\\nBlue',
      '$11.5000',
      '$12.6500',
      '$23.00',
      '$25.30',
      'J1',
      'GST',
      '$2.30',
      'I',
    ),
    sale(
      'Smith',
      'John',
      '1 Main St',
      '',
      '',
      '00000001',
      '1/07/2020',
      '\\',
      '',
      'Thank you',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'I',
    ),
    '',
    sale(
      'Big Co',
      '',
      '',
      '',
      'X',
      '00000002',
      '13/07/2020',
      'WID',
      '90',
      'Widgets',
      '$11.5000',
      '$12.6500',
      '"$1,035.00"',
      '"$1,138.50"',
      '',
      'GST',
      '$103.50',
      'I',
    ),
    '',
    sale(
      'Big Co',
      '',
      '',
      '',
      '',
      '00000003',
      '13/07/2020',
      'WID',
      '1',
      'Quote',
      '$11.5000',
      '$12.6500',
      '$11.50',
      '$12.65',
      '',
      'GST',
      '$1.15',
      'Q',
    ),
    '',
  ].join('\r\n')
  const {get, result} = await extractFiles(t, {'ITEMSALE.TXT': iconv.encode(text, 'windows-1252')}, (dir) =>
    myobAdapter({path: dir}),
  )
  const a = get<Invoice>('invoice', '00000001')
  assert.equal(a.contactName, 'Smith, John')
  assert.equal(a.lines[0]?.description, 'Widget\nBlue')
  assert.equal(a.lines[0]?.taxCode, 'GST/sales')
  assert.deepEqual(a.lines[0]?.tracking, [{category: 'Job', option: 'J1'}])
  assert.equal(a.lines[1]?.description, 'Thank you')
  assert.equal(a.lines[1]?.itemCode, undefined)
  assert.equal(a.total, '25.30')
  const b = get<Invoice>('invoice', '00000002')
  assert.equal(b.amountsAre, 'inclusive')
  assert.equal(b.total, '1138.50')
  assert.equal(b.totalTax, '103.50')
  assert.equal(result.counts.invoice, 2)
  assert.ok(result.warnings.some((w) => /1 quotes and orders/.test(w)))
  assert.equal(get<TaxRate>('taxRate', 'GST/sales').reportType, 'OUTPUT')
  assert.equal(get<Contact>('contact', 'smith, john').isCustomer, true)
})

test('MYOB accounts (header accounts marked), cards (Last + First), journals and payments (comma files too)', async (t) => {
  const {get} = await extractFiles(
    t,
    {
      'a.txt':
        'Account Number\tAccount Name\tHeader\tAccount Type\tTax Code\r\n1-0000\tAssets\tH\tAsset\t\r\n1-1100\tCheque Account\t\tBank\tN-T\r\n',
      'c.txt':
        'Co./Last Name,First Name,Card ID,Addr 1 - Line 1,Addr 1 - City,Price Level\r\nNguyen,Mia,*None,1 King St,Perth,Base\r\n',
      'g.txt':
        'Journal Number\tDate\tMemo\tAccount Number\tDebit Amount\tCredit Amount\tTax Code\r\nGJ1\t30/06/2020\tYear end\t6-1000\t$100.00\t\tGST\r\nGJ1\t30/06/2020\tYear end\t2-1000\t\t$100.00\tN-T\r\n\r\n',
      'p.txt':
        'Deposit Account\tID #\tDate\tCo./Last Name\tFirst Name\tInvoice #\tAmount Applied\r\n1-1100\tR1\t5/07/2020\tNguyen\tMia\t00000001\t$50.00\r\n1-1100\tR1\t5/07/2020\tNguyen\tMia\t00000002\t$25.50\r\n\r\n',
    },
    (dir) => myobAdapter({path: dir}),
  )
  assert.equal(get<Account>('account', '1-0000').isHeader, true)
  assert.equal(get<Account>('account', '1-1100').type, 'bank')
  const card = get<Contact>('contact', 'nguyen, mia')
  assert.deepEqual(
    [card.name, card.firstName, card.lastName, card.isCustomer, card.billingAddress?.city],
    ['Nguyen, Mia', 'Mia', 'Nguyen', true, 'Perth'],
  )
  const j = get<ManualJournal>('manualJournal', 'GJ1')
  assert.deepEqual(
    j.lines.map((l) => [l.amount, l.taxCode]),
    [
      ['100.00', 'GST/purchases'],
      ['-100.00', 'N-T/sales'],
    ],
  )
  const payments = Object.values({p: get<Payment>('payment', '2020-07-05|nguyen, mia|R1|00000001+00000002')})
  assert.equal(payments[0]?.amount, '75.50')
  assert.equal(payments[0]?.bankAccountId, '1-1100')
  assert.deepEqual(
    payments[0]?.allocations.map((a) => [a.documentId, a.amount]),
    [
      ['00000001', '50.00'],
      ['00000002', '25.50'],
    ],
  )
})
