import assert from 'node:assert/strict'
import {test} from 'node:test'

import {startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../../../../src/sources/xero-api/index.js'
import {tempStaging} from '../../../helpers/temp.js'
import {emulatorTokens, stageAll} from './driver.js'

async function extractFixture(t: Parameters<typeof tempStaging>[0]) {
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api'})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const adapter = new XeroApiAdapter({
    tokens: emulatorTokens(emulator.url, emulator.tenantId),
    baseUrl: emulator.url,
    clock: () => new Date('2024-07-31T23:30:00Z'),
  })
  await stageAll(adapter, staging)
  const get = (kind: string, id: string) =>
    staging.staged.get('xero-api', kind, id)?.record as Record<string, unknown>
  return {emulator, staging, adapter, get}
}

test('maps the hand-made company: counts per kind, deleted and unsupported records left out', async (t) => {
  const {staging, adapter} = await extractFixture(t)
  assert.deepEqual(staging.staged.countsByKind(), {
    account: 12,
    bankTransaction: 2,
    bankTransfer: 1,
    bill: 1,
    billPayment: 1,
    contact: 3,
    creditNote: 1,
    invoice: 3,
    item: 2,
    manualJournal: 1,
    payment: 3,
    supplierCredit: 1,
    taxRate: 5,
    trackingCategory: 1,
  })
  const notes = adapter.notes.join('\n')
  // The overpayment is staged (its bank transaction gives its bank account); the prepayment has none in
  // the answer, so it is named with its reason, and its bank transaction was asked for by id.
  assert.doesNotMatch(notes, /Overpayments/)
  assert.match(
    notes,
    /Prepayments .*SPEND-PREPAYMENT Bolt Supplies 44\.00 .* is not staged: Xero returned no bank transaction for it/,
  )
  assert.match(notes, /ManualJournals .* \(draft, 2024-07-01\)/)
  assert.doesNotMatch(notes, /BankTransactions k0000000-0000-4000-8000-000000000004/)
  const over = staging.staged.get('xero-api', 'payment', 'o0000000-0000-4000-8000-000000000001')?.record
  assert.deepEqual(over, {
    id: 'o0000000-0000-4000-8000-000000000001',
    date: '2024-07-11',
    contactId: 'b0000000-0000-4000-8000-000000000001',
    bankAccountId: '090',
    amount: '30.00',
    currency: 'AUD',
    allocations: [],
    origin: 'overpayment',
  })
})

test('invoices keep exact amounts, 4-dp unit prices, UTC civil dates, tracking and tax', async (t) => {
  const {get} = await extractFixture(t)
  const inv = get('invoice', 'e0000000-0000-4000-8000-000000000001')
  assert.equal(inv.number, 'INV-0001')
  assert.equal(inv.date, '2024-06-30')
  assert.equal(inv.dueDate, '2024-07-14')
  assert.equal(inv.amountsAre, 'exclusive')
  assert.equal(inv.status, 'paid')
  assert.equal(inv.contactId, 'b0000000-0000-4000-8000-000000000001')
  assert.deepEqual(
    [inv.subTotal, inv.totalTax, inv.total, inv.amountPaid],
    ['127.04', '12.70', '139.74', '139.74'],
  )
  assert.deepEqual(inv.lines, [
    {
      lineNo: 1,
      itemCode: 'WIDGET',
      description: 'Widgets',
      quantity: '3',
      unitAmount: '12.3456',
      accountId: '200',
      taxCode: 'OUTPUT',
      taxAmount: '3.70',
      lineAmount: '37.04',
      tracking: [{category: 'Region', option: 'North'}],
    },
    {
      lineNo: 2,
      itemCode: 'SERVICE',
      description: 'Consulting',
      quantity: '1',
      unitAmount: '100',
      discountRate: '10',
      accountId: '200',
      taxCode: 'OUTPUT',
      taxAmount: '9.00',
      lineAmount: '90.00',
      tracking: [],
    },
  ])
  const inclusive = get('invoice', 'e0000000-0000-4000-8000-000000000002')
  assert.equal(inclusive.amountsAre, 'inclusive')
  const foreign = get('invoice', 'e0000000-0000-4000-8000-000000000004')
  assert.deepEqual(
    [foreign.currency, foreign.exchangeRate, foreign.amountsAre],
    ['USD', '1.5283019', 'noTax'],
  )
  assert.equal(get('invoice', 'e0000000-0000-4000-8000-000000000003'), undefined)
  const bill = get('bill', 'e0000000-0000-4000-8000-0000000000b1')
  assert.deepEqual([bill.number, bill.total, bill.amountPaid], ['SUP-77', '220.00', '209.00'])
})

test('dates stay the same civil date whatever the machine time zone', async (t) => {
  const zone = process.env.TZ
  process.env.TZ = 'Pacific/Honolulu'
  t.after(() => {
    process.env.TZ = zone
  })
  const {get} = await extractFixture(t)
  assert.equal(get('invoice', 'e0000000-0000-4000-8000-000000000001').date, '2024-06-30')
  assert.equal(get('payment', 'p0000000-0000-4000-8000-000000000001').date, '2024-07-02')
})

test('payments and credit notes carry their allocations; bank accounts resolve by code or name', async (t) => {
  const {get} = await extractFixture(t)
  assert.deepEqual(get('payment', 'p0000000-0000-4000-8000-000000000001'), {
    id: 'p0000000-0000-4000-8000-000000000001',
    date: '2024-07-02',
    contactId: 'b0000000-0000-4000-8000-000000000001',
    bankAccountId: '090',
    amount: '139.74',
    currency: 'AUD',
    reference: 'DD 1',
    allocations: [
      {
        documentKind: 'invoice',
        documentId: 'e0000000-0000-4000-8000-000000000001',
        amount: '139.74',
        date: '2024-07-02',
      },
    ],
  })
  assert.equal(get('payment', 'p0000000-0000-4000-8000-000000000003').bankAccountId, 'name:Business Savings')
  assert.equal(get('payment', 'p0000000-0000-4000-8000-000000000004'), undefined)
  const billPayment = get('billPayment', 'p0000000-0000-4000-8000-000000000002')
  assert.deepEqual(billPayment.allocations, [
    {
      documentKind: 'bill',
      documentId: 'e0000000-0000-4000-8000-0000000000b1',
      amount: '209.00',
      date: '2024-07-10',
    },
  ])
  const credit = get('creditNote', 'g0000000-0000-4000-8000-000000000001')
  assert.deepEqual([credit.number, credit.total, credit.amountDue], ['CN-0001', '22.00', '0.00'])
  assert.deepEqual(credit.allocations, [
    {
      documentKind: 'invoice',
      documentId: 'e0000000-0000-4000-8000-000000000002',
      amount: '22.00',
      date: '2024-07-06',
    },
  ])
  const supplierCredit = get('supplierCredit', 'g0000000-0000-4000-8000-000000000002')
  assert.equal((supplierCredit.allocations as {documentKind: string}[])[0]!.documentKind, 'bill')
})

test('lists: accounts with types and system accounts, tax rates by TaxType, contacts, items', async (t) => {
  const {get} = await extractFixture(t)
  assert.equal(get('account', '610').type, 'accountsReceivable')
  assert.equal(get('account', '610').systemAccount, 'AR')
  assert.equal(get('account', '800').type, 'accountsPayable')
  assert.equal(get('account', '091').type, 'creditCard')
  assert.equal(get('account', '960').systemAccount, 'RETAINED_EARNINGS')
  assert.equal(get('account', 'name:Business Savings').type, 'bank')
  assert.equal(get('account', '499').active, false)
  assert.deepEqual(get('taxRate', 'OUTPUT'), {
    id: 'OUTPUT',
    name: 'GST on Income',
    rate: '10',
    appliesTo: 'sales',
    reportType: 'OUTPUT',
    active: true,
  })
  assert.equal(get('taxRate', 'NONE').active, false)
  assert.deepEqual(get('trackingCategory', 'Region').options, [
    {name: 'North', active: true},
    {name: 'South', active: false},
  ])
  const acme = get('contact', 'b0000000-0000-4000-8000-000000000001')
  assert.equal(acme.phone, '61 02 9999 1111')
  assert.deepEqual(acme.billingAddress, {
    lines: ['PO Box 1'],
    attention: 'Accounts',
    city: 'Sydney',
    region: 'NSW',
    postalCode: '2000',
    country: 'Australia',
  })
  assert.equal(acme.deliveryAddress, undefined)
  assert.deepEqual(acme.salesTerms, {type: 'daysAfterInvoice', days: 14})
  assert.deepEqual([acme.isCustomer, acme.isSupplier], [true, false])
  const both = get('contact', 'b0000000-0000-4000-8000-000000000003')
  assert.deepEqual([both.isCustomer, both.isSupplier, both.active], [true, true, false])
  const widget = get('item', 'WIDGET')
  assert.deepEqual(
    [
      widget.salePrice,
      widget.tracked,
      widget.cogsAccountId,
      widget.inventoryAssetAccountId,
      widget.quantityOnHand,
      widget.quantityAsOf,
    ],
    ['12.3456', true, '310', '630', '42.5', '2024-07-31'],
  )
})

test('journals, bank transactions and transfers', async (t) => {
  const {get} = await extractFixture(t)
  const journal = get('manualJournal', 'm0000000-0000-4000-8000-000000000001')
  assert.deepEqual(
    (journal.lines as {accountId: string; amount: string}[]).map((l) => [l.accountId, l.amount]),
    [
      ['400', '100.00'],
      ['960', '-100.00'],
    ],
  )
  const spend = get('bankTransaction', 'k0000000-0000-4000-8000-000000000001')
  assert.deepEqual(
    [spend.type, spend.bankAccountId, spend.amountsAre, spend.total],
    ['spend', '090', 'inclusive', '55.00'],
  )
  const receive = get('bankTransaction', 'k0000000-0000-4000-8000-000000000002')
  assert.equal(receive.bankAccountId, 'name:Business Savings')
  assert.deepEqual(get('bankTransfer', 't0000000-0000-4000-8000-000000000001'), {
    id: 't0000000-0000-4000-8000-000000000001',
    date: '2024-07-05',
    fromAccountId: '090',
    toAccountId: 'name:Business Savings',
    amount: '500.00',
    reference: 'To savings',
  })
})
