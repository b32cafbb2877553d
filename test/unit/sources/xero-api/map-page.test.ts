// mapPage on single raw records, for the branches the emulator's company and the realworld sample do not
// reach: incomplete drafts, deleted credit notes and money, voided and unbalanced journals, an unknown
// collection.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {mapPage} from '../../../../src/sources/xero-api/staged.js'

const context = {baseCurrency: 'AUD', accountIdByXeroId: new Map<string, string>(), today: '2024-07-31'}
const map = (collection: string, ...raws: unknown[]) => mapPage(collection, raws, context, 'page 1')

const contact = {contactID: 'c1', name: 'Bolt'}
const line = {description: 'Bolts', quantity: 1, unitAmount: 10, lineAmount: 10, accountCode: '400'}

test('an invoice drafted without a date or without lines is named in the notes, not staged', () => {
  const page = map(
    'Invoices',
    {invoiceID: 'i1', type: 'ACCREC', contact, status: 'DRAFT', lineItems: [line]},
    {
      invoiceID: 'i2',
      invoiceNumber: 'INV-2',
      type: 'ACCREC',
      contact,
      status: 'SUBMITTED',
      date: '2024-07-01',
    },
  )
  assert.deepEqual(page.items, [])
  assert.deepEqual(page.notes, [
    'Invoices i1 (no number) is a draft without a date: not staged.',
    'Invoices i2 (INV-2) is a draft without lines: not staged.',
  ])
})

test('a deleted credit note is retracted as a supplier credit or a credit note; a dateless draft is noted', () => {
  const page = map(
    'CreditNotes',
    {creditNoteID: 'n1', type: 'ACCPAYCREDIT', contact, status: 'DELETED'},
    {creditNoteID: 'n2', type: 'ACCRECCREDIT', contact, status: 'DELETED'},
    {creditNoteID: 'n3', creditNoteNumber: 'CN-3', type: 'ACCRECCREDIT', contact, status: 'DRAFT'},
  )
  assert.deepEqual(page.items, [
    {kind: 'supplierCredit', id: 'n1', record: null, retracted: true},
    {kind: 'creditNote', id: 'n2', record: null, retracted: true},
  ])
  assert.deepEqual(page.notes, ['CreditNotes n3 (CN-3) is a draft without a date: not staged.'])
})

test('deleted or voided money is retracted by its kind; without a known kind or id it is left alone', () => {
  const over = map(
    'Overpayments',
    {overpaymentID: 'o1', type: 'RECEIVE-OVERPAYMENT', contact, status: 'VOIDED', total: 5},
    {overpaymentID: 'o2', type: 'SOMETHING-ELSE', contact, status: 'DELETED', total: 5},
  )
  const pre = map(
    'Prepayments',
    {prepaymentID: 'p1', type: 'SPEND-PREPAYMENT', status: 'DELETED'},
    {type: 'SPEND-PREPAYMENT', status: 'DELETED'},
  )
  assert.deepEqual(over, {items: [{kind: 'payment', id: 'o1', record: null, retracted: true}], notes: []})
  assert.deepEqual(pre, {items: [{kind: 'billPayment', id: 'p1', record: null, retracted: true}], notes: []})
})

test('money with no id, type or amount is named with placeholders and not staged', () => {
  const page = map('Prepayments', {status: 'AUTHORISED'})
  assert.deepEqual(page.items, [])
  assert.deepEqual(page.notes, [
    'Prepayments ? (  0.00 on ?, remaining credit 0.00) is not staged: its type (none) is not a receive or spend type. Record it in QuickBooks by hand as an unapplied customer payment.',
  ])
})

test('a voided journal is retracted without a note; a draft or an archived one is noted; a posted one that does not balance is rejected', () => {
  const journal = (
    id: string,
    status: string,
    amounts: number[],
    lineAmountTypes = 'NoTax',
    taxAmount = 0,
  ) => ({
    manualJournalID: id,
    date: '2024-07-01',
    status,
    lineAmountTypes,
    journalLines: amounts.map((lineAmount) => ({lineAmount, accountCode: '400', taxAmount})),
  })
  const page = map(
    'ManualJournals',
    journal('j1', 'VOIDED', [10, -10]),
    journal('j2', 'DRAFT', [10, -10]),
    journal('j3', 'POSTED', [10, -9]),
    journal('j5', 'ARCHIVED', [10, -10]),
  )
  assert.deepEqual(page.items, [{kind: 'manualJournal', id: 'j1', record: null, retracted: true}])
  assert.deepEqual(page.notes, [
    'ManualJournals j2 (draft, 2024-07-01) is not staged: it is not posted.',
    'Xero ManualJournals j3 (page 1) cannot be staged: debits and credits differ by 1.00',
    "ManualJournals j5 (archived, 2024-07-01) is not staged: only posted journals are. If Xero's reports include it, record it in QuickBooks by hand.",
  ])
  // Tax-exclusive lines with tax balance only with their tax, which the canonical journal keeps per line.
  const taxed = map('ManualJournals', journal('j4', 'POSTED', [10, -9], 'Exclusive', 0.5))
  assert.deepEqual(
    taxed.items.map((i) => i.id),
    ['j4'],
  )
  assert.deepEqual(taxed.notes, [])
})

test('a collection with no mapping is a programming error, not a record to skip', () => {
  assert.throws(() => map('Quotes', {quoteID: 'q1'}), /^Error: no mapping for Xero collection Quotes$/)
})

test('a record that does not fit is named by its own id, not the first field ending in ID', () => {
  // A bank transaction carries prepaymentID and contactID too; without a bankAccount it does not fit.
  const raw = {prepaymentID: 'pp-9', contact, bankTransactionID: 'bt-1', type: 'SPEND', status: 'AUTHORISED'}
  const page = map('BankTransactions', raw)
  assert.equal(page.notes.length, 1)
  assert.match(page.notes[0]!, /^Xero BankTransactions bt-1 \(page 1\) cannot be staged: bankAccount: /)
})
