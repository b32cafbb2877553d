import assert from 'node:assert/strict'
import {test} from 'node:test'

import iconv from 'iconv-lite'

import type {
  Account,
  BankTransaction,
  Contact,
  Invoice,
  ManualJournal,
  Payment,
  TaxRate,
} from '../../src/domain/canonical.js'
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
  assert.equal(get<Contact>('contact', 'Smith, John').isCustomer, true)
})

test('MYOB accounts (header accounts marked), cards (Last + First), journals and payments (comma files too)', async (t) => {
  const {get} = await extractFiles(
    t,
    {
      'a.txt':
        'Account Number\tAccount Name\tHeader\tAccount Type\tTax Code\r\n1-0000\tAssets\tH\tAsset\t\r\n1-1100\tCheque Account\t\tBank\tN-T\r\n2-1000\tAccruals\t\tOther Current Liability\tN-T\r\n6-1000\tAdvertising\t\tExpense\tGST\r\n',
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
  const card = get<Contact>('contact', 'Nguyen, Mia')
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
  const payments = Object.values({p: get<Payment>('payment', '2020-07-05|Nguyen, Mia|R1|00000001+00000002')})
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

test('MYOB spend and receive money: bank account, card, tax direction, continuation rows, repeated keys', async (t) => {
  const SPEND =
    'Cheque Account\tCheque #\tDate\tInclusive\tCo./Last Name\tFirst Name\tMemo\tAllocation Account #\tEx-Tax Amount\tInc-Tax Amount\tJob #\tTax Code\tNon GST/LCT Amount\tTax Amount\tImport Duty Amount\tCurrency Code\tExchange Rate\tAllocation Memo'
  const RECEIVE =
    'Deposit Account\tID #\tDate\tInclusive\tCo./Last Name\tFirst Name\tMemo\tAllocation Account #\tEx-Tax Amount\tInc-Tax Amount\tJob #\tTax Code\tNon GST/LCT Amount\tTax Amount\tCurrency Code\tExchange Rate\tAllocation Memo'
  const {get, result} = await extractFiles(
    t,
    {
      'spend.txt': [
        '{}',
        SPEND,
        // Tax inclusive, two allocation lines; the second leaves the header cells blank.
        '1-1110\t000101\t3/07/2020\tX\tOfficeworks\t\tStationery\\r\\nJuly\t6-1200\t$100.00\t$110.00\tJ1\tGST\t$.00\t$10.00\t$.00\tAUD\t1\tPaper',
        '\t\t\t\t\t\t\t6-1300\t$50.00\t$50.00\t\tFRE\t$.00\t$.00\t$.00\t\t\tPostage',
        '',
        // Two bank fees with no card and no cheque number on one day.
        '1-1110\t\t31/07/2020\t\t\t\tBank fee\t6-1400\t$5.00\t$5.00\t\tN-T\t$.00\t$.00\t$.00\tAUD\t1\t',
        '',
        '1-1110\t\t31/07/2020\t\t\t\tBank fee\t6-1400\t$5.00\t$5.00\t\tN-T\t$.00\t$.00\t$.00\tAUD\t1\t',
        '',
      ].join('\r\n'),
      'receive.txt': [
        RECEIVE,
        '1-1110\tCR000007\t4/07/2020\t\tNguyen\tMia\tCash sale\t4-1000\t"$1,000.00"\t"$1,100.00"\t\tGST\t$.00\t$100.00\tAUD\t1\t',
        '',
      ].join('\r\n'),
    },
    (dir) => myobAdapter({path: dir}),
  )
  assert.deepEqual(
    result.files.map((f) => [f.path.split('/').pop(), f.type, f.status, f.records]),
    [
      ['spend.txt', 'myob:spendMoney', 'staged', 3],
      ['receive.txt', 'myob:receiveMoney', 'staged', 1],
      ['(derived from the transactions)', 'myob:derived', 'staged', result.files[2]?.records],
    ],
  )
  const spend = get<BankTransaction>('bankTransaction', 'spend|1-1110|000101|2020-07-03|Officeworks')
  assert.deepEqual(
    [spend.type, spend.bankAccountId, spend.contactId, spend.reference, spend.memo, spend.amountsAre],
    ['spend', '1-1110', 'Officeworks', '000101', 'Stationery\nJuly', 'inclusive'],
  )
  assert.deepEqual(
    spend.lines.map((l) => [l.accountId, l.lineAmount, l.taxAmount, l.taxCode, l.description, l.tracking]),
    [
      ['6-1200', '110.00', '10.00', 'GST/purchases', 'Paper', [{category: 'Job', option: 'J1'}]],
      ['6-1300', '50.00', '0.00', 'FRE/purchases', 'Postage', []],
    ],
  )
  assert.deepEqual([spend.subTotal, spend.totalTax, spend.total], ['150.00', '10.00', '160.00'])
  // The second identical fee is told apart by its order in the file, not dropped or refused.
  const fee1 = get<BankTransaction>('bankTransaction', 'spend|1-1110||2020-07-31|')
  const fee2 = get<BankTransaction>('bankTransaction', 'spend|1-1110||2020-07-31|#2')
  assert.deepEqual([fee1.total, fee2.total, fee1.contactId], ['5.00', '5.00', undefined])
  const receive = get<BankTransaction>('bankTransaction', 'receive|1-1110|CR000007|2020-07-04|Nguyen, Mia')
  assert.deepEqual(
    [
      receive.type,
      receive.amountsAre,
      receive.total,
      receive.lines[0]?.taxCode,
      receive.lines[0]?.lineAmount,
    ],
    ['receive', 'exclusive', '1100.00', 'GST/sales', '1000.00'],
  )
  // Cards seen only on bank transactions are derived: a payee is a supplier, a payer a customer.
  assert.equal(get<Contact>('contact', 'Officeworks').isSupplier, true)
  assert.equal(get<Contact>('contact', 'Nguyen, Mia').isCustomer, true)
})

test('MYOB bank transactions give a card a role only when nothing else does', async (t) => {
  const sale = [
    'Co./Last Name\tInvoice #\tDate\tAccount #\tAmount\tTax Code',
    'Harbour Cafe\t00000009\t1/07/2020\t4-1000\t$100.00\tFRE',
    '',
  ].join('\r\n')
  const spend = [
    'Cheque Account\tCheque #\tDate\tCo./Last Name\tAllocation Account #\tEx-Tax Amount\tTax Code',
    // A refund to a customer, paid by cheque; and a payee seen nowhere else.
    '1-1110\t301\t5/07/2020\tHarbour Cafe\t4-1000\t$20.00\tFRE',
    '',
    '1-1110\t302\t6/07/2020\tCity Council\t6-1000\t$80.00\tFRE',
    '',
  ].join('\r\n')
  const {get} = await extractFiles(t, {'sale.txt': sale, 'spend.txt': spend}, (dir) =>
    myobAdapter({path: dir}),
  )
  const cafe = get<Contact>('contact', 'Harbour Cafe')
  assert.deepEqual([cafe.isCustomer, cafe.isSupplier], [true, false])
  const council = get<Contact>('contact', 'City Council')
  assert.deepEqual([council.isCustomer, council.isSupplier], [false, true])
})
