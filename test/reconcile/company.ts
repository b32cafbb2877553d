import type {Account, Bill, Contact, Invoice, Payment} from '../../src/domain/canonical.js'
import {privateNoteMarker} from '../../src/domain/ids.js'
import {amountText, dec, sum} from '../../src/domain/money.js'
import type {Staging} from '../../src/staging/index.js'
import {agingReport, type FakeQboRead, trialBalanceReport} from './fake-qbo-read.js'

const account = (
  id: string,
  name: string,
  type: Account['type'],
  cls: Account['class'],
  systemAccount?: Account['systemAccount'],
): Account => ({
  id,
  code: id,
  name,
  type,
  sourceType: type,
  class: cls,
  isHeader: false,
  active: true,
  ...(systemAccount ? {systemAccount} : {}),
})

const ACCOUNTS: [Account, string][] = [
  [account('090', 'Bank', 'bank', 'asset'), '35'],
  [account('200', 'Sales', 'sales', 'revenue'), '79'],
  [account('400', 'Expenses', 'expense', 'expense'), '54'],
  [account('610', 'Accounts Receivable', 'accountsReceivable', 'asset', 'AR'), '84'],
  [account('800', 'Accounts Payable', 'accountsPayable', 'liability', 'AP'), '33'],
  [account('820', 'GST', 'currentLiability', 'liability', 'GST'), '90'],
]

const contact = (id: string, name: string, customer: boolean): Contact => ({
  id,
  name,
  isIndividual: false,
  isCustomer: customer,
  isSupplier: !customer,
  active: true,
})

export const CONTACTS: [Contact, 'Customer' | 'Vendor', string][] = [
  [contact('C1', 'Acme Pty Ltd', true), 'Customer', '58'],
  [contact('C2', 'Bobs Bakery', true), 'Customer', '59'],
  [contact('S1', 'Smith Supplies', false), 'Vendor', '70'],
]

function doc<K extends 'invoice' | 'bill'>(
  kind: K,
  id: string,
  contactId: string,
  date: string,
  dueDate: string,
  lines: [net: string, tax: string][],
): K extends 'invoice' ? Invoice : Bill {
  const net = sum(lines.map(([n]) => dec(n)))
  const tax = sum(lines.map(([, t]) => dec(t)))
  const c = CONTACTS.find(([x]) => x.id === contactId)![0]
  return {
    kind,
    id,
    number: id,
    contactId,
    contactName: c.name,
    date,
    dueDate,
    currency: 'AUD',
    amountsAre: 'exclusive',
    status: 'authorised',
    lines: lines.map(([n, t], i) => ({
      lineNo: i + 1,
      accountId: kind === 'invoice' ? '200' : '400',
      taxCode: kind === 'invoice' ? 'OUTPUT' : 'INPUT',
      taxAmount: t,
      lineAmount: n,
      tracking: [],
    })),
    subTotal: amountText(net),
    totalTax: amountText(tax),
    total: amountText(net.plus(tax)),
  } as unknown as K extends 'invoice' ? Invoice : Bill
}

export const INVOICES: Invoice[] = [
  doc('invoice', 'INV-1', 'C1', '2024-07-01', '2024-07-31', [['100.00', '10.00']]),
  doc('invoice', 'INV-2', 'C1', '2024-07-15', '2024-08-14', [
    ['200.00', '20.00'],
    ['50.00', '5.00'],
  ]),
  doc('invoice', 'INV-3', 'C2', '2024-08-01', '2024-08-31', [['300.00', '30.00']]),
]
export const BILLS: Bill[] = [
  doc('bill', 'BILL-1', 'S1', '2024-07-05', '2024-08-04', [['80.00', '8.00']]),
  doc('bill', 'BILL-2', 'S1', '2024-07-25', '2024-08-24', [['40.00', '4.00']]),
]
export const PAYMENT: Payment = {
  id: 'PAY-1',
  date: '2024-07-20',
  contactId: 'C1',
  bankAccountId: '090',
  amount: '110.00',
  currency: 'AUD',
  allocations: [{documentKind: 'invoice', documentId: 'INV-1', amount: '110.00'}],
}

export const AS_OF = '2024-08-31'

/** Stages the small company: 6 accounts (mapped), 3 contacts, 3 invoices, 2 bills, 1 payment. */
export function stageCompany(staging: Staging): void {
  for (const [a, qboId] of ACCOUNTS) {
    staging.staged.upsert('xero-csv', 'account', a.id, a)
    staging.mappings.suggest('account', a.id, qboId)
  }
  for (const [c] of CONTACTS) staging.staged.upsert('xero-csv', 'contact', c.id, c)
  for (const i of INVOICES) staging.staged.upsert('xero-csv', 'invoice', i.id, i)
  for (const b of BILLS) staging.staged.upsert('xero-csv', 'bill', b.id, b)
  staging.staged.upsert('xero-csv', 'payment', PAYMENT.id, PAYMENT)
}

export interface LoadOptions {
  /** Write id map entries (the tool loaded the records). */
  idMap: boolean
  /** Write the PrivateNote marker. */
  marker: boolean
}

const paidBy = (id: string) => (PAYMENT.allocations.some((a) => a.documentId === id) ? '110.00' : '0.00')

/**
 * Puts the company into the fake QBO the way a correct load would (contacts, documents with their
 * SubTotal line and tax detail, the payment), plus the reports QBO would then show.
 */
export function loadIntoQbo(staging: Staging, qbo: FakeQboRead, options: LoadOptions): void {
  const put = (entity: string, sourceId: string, qboId: string) => {
    if (options.idMap) {
      staging.idMap.put({
        realmId: qbo.realmId,
        entity,
        sourceSystem: 'xero-csv',
        sourceId,
        qboId,
        syncToken: '0',
        how: 'created',
        runId: null,
      })
    }
  }
  for (const [c, list, qboId] of CONTACTS) {
    qbo.add(list, {Id: qboId, DisplayName: c.name})
    put(list, c.id, qboId)
  }
  const note = (id: string) =>
    options.marker ? {PrivateNote: `Migrated. ${privateNoteMarker('xero-csv', id)}`} : {}
  for (const [entity, docs, refKey] of [
    ['Invoice', INVOICES, 'CustomerRef'],
    ['Bill', BILLS, 'VendorRef'],
  ] as const) {
    for (const d of docs) {
      const c = CONTACTS.find(([x]) => x.id === d.contactId)!
      const r = qbo.add(entity, {
        DocNumber: d.number,
        TxnDate: d.date,
        DueDate: d.dueDate,
        [refKey]: {value: c[2], name: c[0].name},
        TotalAmt: Number(d.total),
        Balance: Number(amountText(dec(d.total).minus(paidBy(d.id)))),
        TxnTaxDetail: {TotalTax: Number(d.totalTax)},
        Line: [
          ...d.lines.map((l) => ({
            Amount: Number(l.lineAmount),
            DetailType: entity === 'Invoice' ? 'SalesItemLineDetail' : 'AccountBasedExpenseLineDetail',
          })),
          ...(entity === 'Invoice'
            ? [{Amount: Number(d.subTotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {}}]
            : []),
        ],
        ...note(d.id),
      })
      put(entity, d.id, r.Id)
    }
  }
  const pay = qbo.add('Payment', {
    TxnDate: PAYMENT.date,
    CustomerRef: {value: '58', name: 'Acme Pty Ltd'},
    TotalAmt: 110,
    Line: [
      {
        Amount: 110,
        LinkedTxn: [{TxnId: qbo.find('Invoice', (r) => r.DocNumber === 'INV-1').Id, TxnType: 'Invoice'}],
      },
    ],
    ...note(PAYMENT.id),
  })
  put('Payment', PAYMENT.id, pay.Id)
  // Hand-computed from the documents above: Sales 650 Cr, GST 65 - 12 = 53 Cr, AR 715 - 110 = 605 Dr, ...
  qbo.reports.set(
    'TrialBalance',
    trialBalanceReport([
      ['35', 'Bank', '110.00', ''],
      ['84', 'Accounts Receivable', '605.00', ''],
      ['54', 'Expenses', '120.00', ''],
      ['33', 'Accounts Payable', '', '132.00'],
      ['90', 'GST', '', '53.00'],
      ['79', 'Sales', '', '650.00'],
    ]),
  )
  qbo.reports.set(
    'AgedReceivables',
    agingReport('AgedReceivables', [
      ['58', 'Acme Pty Ltd', ['', '275.00', '', '', ''], '275.00'],
      ['59', 'Bobs Bakery', ['330.00', '', '', '', ''], '330.00'],
    ]),
  )
  qbo.reports.set(
    'AgedPayables',
    agingReport('AgedPayables', [['70', 'Smith Supplies', ['', '132.00', '', '', ''], '132.00']]),
  )
}
