import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {
  Account,
  CanonicalRecord,
  ManualJournal,
  Payment,
  TradeDocument,
} from '../../src/domain/canonical.js'
import type {SourceTrialBalance} from '../../src/domain/source-reports.js'
import {planConversion} from '../../src/mappers/conversion/plan-conversion.js'
import {CONVERSION_IDS} from '../../src/mappers/conversion/settings.js'

const D = '2024-08-31'
const account = (
  id: string,
  name: string,
  type: Account['type'],
  cls: Account['class'],
  system?: Account['systemAccount'],
): CanonicalRecord => ({
  kind: 'account',
  record: {
    id,
    code: id,
    name,
    type,
    sourceType: type,
    class: cls,
    isHeader: false,
    active: true,
    ...(system ? {systemAccount: system} : {}),
  },
})
const doc = (
  kind: 'invoice' | 'bill',
  id: string,
  date: string,
  net: string,
  tax: string,
): CanonicalRecord => {
  const total = (Number(net) + Number(tax)).toFixed(2)
  const record: TradeDocument = {
    kind,
    id,
    number: id,
    contactId: kind === 'invoice' ? 'C1' : 'S1',
    contactName: kind === 'invoice' ? 'Acme' : 'Supplies',
    date,
    dueDate: date,
    currency: 'AUD',
    amountsAre: 'exclusive',
    status: 'authorised',
    lines: [
      {
        lineNo: 1,
        accountId: kind === 'invoice' ? '200' : '400',
        taxCode: 'GST',
        taxAmount: tax,
        lineAmount: net,
        tracking: [],
      },
    ],
    subTotal: net,
    totalTax: tax,
    total,
  } as TradeDocument
  return {kind, record} as CanonicalRecord
}
const payment = (id: string, date: string, documentId: string, amount: string): CanonicalRecord => ({
  kind: 'payment',
  record: {
    id,
    date,
    contactId: 'C1',
    bankAccountId: '090',
    amount,
    currency: 'AUD',
    allocations: [{documentKind: 'invoice', documentId, amount}],
  } as Payment,
})
const journal: CanonicalRecord = {
  kind: 'manualJournal',
  record: {
    id: 'J1',
    date: '2024-07-31',
    narration: 'Sundry',
    amountsAre: 'noTax',
    lines: [
      {lineNo: 1, accountId: '400', amount: '50.00', tracking: []},
      {lineNo: 2, accountId: '090', amount: '-50.00', tracking: []},
    ],
  },
}

const RECORDS: CanonicalRecord[] = [
  account('090', 'Bank', 'bank', 'asset'),
  account('200', 'Sales', 'sales', 'revenue'),
  account('400', 'Expenses', 'expense', 'expense'),
  account('610', 'Accounts Receivable', 'accountsReceivable', 'asset', 'AR'),
  account('800', 'Accounts Payable', 'accountsPayable', 'liability', 'AP'),
  account('820', 'GST', 'currentLiability', 'liability', 'GST'),
  doc('invoice', 'INV-1', '2024-07-01', '100.00', '10.00'),
  doc('invoice', 'INV-2', '2024-07-15', '250.00', '25.00'),
  doc('invoice', 'INV-3', '2024-09-15', '40.00', '4.00'),
  doc('bill', 'BILL-1', '2024-07-05', '80.00', '8.00'),
  journal,
  payment('PAY-1', '2024-07-20', 'INV-1', '110.00'),
  payment('PAY-2', '2024-08-10', 'INV-2', '100.00'),
  payment('PAY-3', '2024-09-20', 'INV-2', '50.00'),
]

/** The source's own trial balance at D, as its books have it (worked by hand from the records above). */
function trialBalance(balances: Record<string, string>): SourceTrialBalance {
  return {
    kind: 'trialBalance',
    vendor: 'xero',
    title: 'Trial Balance',
    asAt: D,
    rows: Object.entries(balances).map(([code, balance]) => ({
      label: `(${code})`,
      code,
      name: code,
      balance,
    })),
  }
}
const TB = trialBalance({
  '090': '160.00',
  '610': '175.00',
  '800': '-88.00',
  '820': '-27.00',
  '200': '-350.00',
  '400': '130.00',
})
const COMPANY = {homeCurrency: 'AUD', fiscalYearStartMonth: 7}

const ids = (records: CanonicalRecord[], kind: string) =>
  records
    .filter((r) => r.kind === kind)
    .map((r) => (r.record as {id: string}).id)
    .sort()
const journalLines = (records: CanonicalRecord[]) => {
  const j = records.find((r) => r.kind === 'manualJournal')?.record as ManualJournal
  return Object.fromEntries(j.lines.map((l) => [l.accountId, l.amount]))
}

describe('conversion planning', () => {
  it('outstanding: settled records skipped, open documents as one line to clearing, the journal = trial balance less them', () => {
    const plan = planConversion(
      RECORDS,
      {date: D, openDocuments: 'outstanding', history: 'opening'},
      [TB],
      COMPANY,
    )
    assert.deepEqual(plan.skipped.map((s) => `${s.entity} ${s.sourceId}`).sort(), [
      'Invoice INV-1',
      'JournalEntry J1',
      'Payment PAY-1',
      'Payment PAY-2',
    ])
    assert.ok(plan.skipped.every((s) => s.decisions[0]?.code === 'BEFORE_CONVERSION_DATE'))
    assert.deepEqual(ids(plan.records, 'invoice'), ['INV-2', 'INV-3'])
    assert.deepEqual(ids(plan.records, 'payment'), ['PAY-3'])
    const inv2 = plan.records.find((r) => r.kind === 'invoice' && r.record.id === 'INV-2')!
      .record as TradeDocument
    assert.equal(inv2.total, '175.00')
    assert.deepEqual(
      inv2.lines.map((l) => [l.accountId, l.lineAmount, l.taxAmount]),
      [[CONVERSION_IDS.clearing, '175.00', '0.00']],
    )
    assert.equal(inv2.amountsAre, 'noTax')
    // Bank, sales, expenses and tax as the trial balance says; AR and AP come from the open documents; the
    // clearing line takes back what those documents put on it.
    assert.deepEqual(journalLines(plan.records), {
      '090': '160.00',
      '200': '-350.00',
      '400': '130.00',
      '820': '-27.00',
      [CONVERSION_IDS.clearing]: '87.00',
    })
    assert.ok(ids(plan.records, 'account').includes(CONVERSION_IDS.clearing))
  })

  it('full: documents as they were, the paid part as a payment into clearing', () => {
    const plan = planConversion(RECORDS, {date: D, openDocuments: 'full', history: 'opening'}, [TB], COMPANY)
    const paid = plan.records.find((r) => r.kind === 'payment' && r.record.id.startsWith('conversion:paid:'))!
      .record as Payment
    assert.deepEqual([paid.date, paid.bankAccountId, paid.amount], [D, CONVERSION_IDS.clearing, '100.00'])
    const inv2 = plan.records.find((r) => r.kind === 'invoice' && r.record.id === 'INV-2')!
      .record as TradeDocument
    assert.equal(inv2.total, '275.00')
    assert.deepEqual(journalLines(plan.records), {
      '090': '160.00',
      '200': '-100.00',
      '400': '50.00',
      '820': '-10.00',
      [CONVERSION_IDS.clearing]: '-100.00',
    })
  })

  it('AR that the open documents do not make up goes to clearing, said so; no trial balance at the date blocks the journal', () => {
    const off = trialBalance({
      '090': '155.00',
      '610': '180.00',
      '800': '-88.00',
      '820': '-27.00',
      '200': '-350.00',
      '400': '130.00',
    })
    const plan = planConversion(
      RECORDS,
      {date: D, openDocuments: 'outstanding', history: 'opening'},
      [off],
      COMPANY,
    )
    assert.equal(journalLines(plan.records)[CONVERSION_IDS.clearing], '92.00')
    const decisions = plan.decisions.get(`manualJournal:${CONVERSION_IDS.journal(D)}`) ?? []
    assert.match(
      decisions.find((d) => d.code === 'CONVERSION_CLEARING_DIFFERENCE')?.message ?? '',
      /5\.00 on 610/,
    )

    const none = planConversion(
      RECORDS,
      {date: D, openDocuments: 'outstanding', history: 'opening'},
      [],
      COMPANY,
    )
    assert.equal(none.blocked[0]?.issues[0]?.code, 'CONVERSION_TRIAL_BALANCE_MISSING')
    assert.equal(
      none.records.some((r) => r.kind === 'manualJournal'),
      false,
    )
  })
})
