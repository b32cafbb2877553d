// What Xero adds to the records it answers with: payments and credits on invoices, balances on contacts,
// the full contact on a document fetched by id, and the fields it always sends.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {
  DEMO_XERO_COMPANY_DIR,
  type XeroCompany,
  type XeroRecord,
} from '../../../../src/emulator/xero/index.js'
import {demoRecords, xeroClient} from './client.js'

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const ms = (text: string) => `/Date(${Date.parse(text)}+0000)/`

test('invoices list their payments and credit notes; a paid one has FullyPaidOnDate', async (t) => {
  const {get} = await xeroClient(t, {company: DEMO_XERO_COMPANY_DIR})
  // Payments of invoices (the demo also refunds an overpayment, a Payment without an Invoice).
  const payments = demoRecords('Payments').filter((p) => p.Invoice)
  const byInvoice = new Map<string, XeroRecord[]>()
  for (const p of payments) {
    const id = String((p.Invoice as XeroRecord).InvoiceID)
    byInvoice.set(id, [...(byInvoice.get(id) ?? []), p])
  }
  const paid = new Set(
    demoRecords('Invoices')
      .filter((i) => i.Status === 'PAID')
      .map((i) => i.InvoiceID),
  )
  const [invoiceId, own] = [...byInvoice].find(([id, list]) => list.length > 1 && paid.has(id))!
  const invoice = (await get(`Invoices?IDs=${invoiceId}`)).json.Invoices[0]
  assert.deepEqual(
    invoice.Payments.map((p: XeroRecord) => [p.PaymentID, p.Amount, p.Date]),
    own.map((p) => [p.PaymentID, p.Amount, p.Date]),
  )
  const last = Math.max(...own.map((p) => Number(/\d+/.exec(String(p.Date))![0])))
  assert.equal(invoice.FullyPaidOnDate, `/Date(${last}+0000)/`)
  const credit = demoRecords('CreditNotes').find((c) => Array.isArray(c.Allocations))!
  const allocation = (credit.Allocations as XeroRecord[])[0]!
  const credited = (await get(`Invoices/${(allocation.Invoice as XeroRecord).InvoiceID}`)).json.Invoices[0]
  assert.deepEqual(
    credited.CreditNotes.find((c: XeroRecord) => c.CreditNoteID === credit.CreditNoteID),
    {
      CreditNoteID: credit.CreditNoteID,
      CreditNoteNumber: credit.CreditNoteNumber,
      Date: allocation.Date,
      Total: credit.Total,
      AppliedAmount: allocation.Amount,
    },
  )
  assert.deepEqual(credited.Prepayments, [])
})

test('GET Invoices/{id} carries the full contact; the list keeps the short one', async (t) => {
  const {get} = await xeroClient(t, {company: DEMO_XERO_COMPANY_DIR})
  const first = demoRecords('Invoices')[0]!
  const contact = demoRecords('Contacts').find(
    (c) => c.ContactID === (first.Contact as XeroRecord).ContactID,
  )!
  const one = (await get(`Invoices/${first.InvoiceID}`)).json.Invoices[0]
  assert.deepEqual(one.Contact.Addresses, contact.Addresses)
  assert.equal(one.Contact.EmailAddress, contact.EmailAddress)
  assert.deepEqual(one.Contact.ContactPersons, [])
  assert.equal(one.Contact.Balances, undefined)
  const listed = (await get(`Invoices?IDs=${first.InvoiceID}`)).json.Invoices[0]
  assert.deepEqual(listed.Contact, first.Contact)
})

test('contacts carry balances and the fields Xero always sends; a field in the file wins', async (t) => {
  const company: XeroCompany = {
    Organisations: [{OrganisationID: guid(99), Name: 'Small Co', BaseCurrency: 'AUD'}],
    Contacts: [
      {ContactID: guid(1), Name: 'Owes Us', ContactStatus: 'ACTIVE'},
      {ContactID: guid(2), Name: 'Has Groups', ContactStatus: 'ACTIVE', ContactGroups: [{Name: 'VIP'}]},
    ],
    Accounts: [
      {AccountID: guid(5), Code: '090', Name: 'Bank', Type: 'BANK'},
      {AccountID: guid(6), Code: '091', Name: 'Takes payments', Type: 'BANK', EnablePaymentsToAccount: true},
    ],
    Invoices: [
      // 100 overdue, 50 not yet due, 200 USD at 0.5 (400 AUD) overdue; a bill of 80; a paid one.
      inv(10, 'ACCREC', 'AUTHORISED', 100, '2024-06-01', 1),
      inv(11, 'ACCREC', 'AUTHORISED', 50, '2024-08-01', 1),
      inv(12, 'ACCREC', 'AUTHORISED', 200, '2024-06-15', 0.5),
      inv(13, 'ACCPAY', 'AUTHORISED', 80, '2024-06-01', 1),
      inv(14, 'ACCREC', 'PAID', 0, '2024-06-01', 1),
    ],
    CreditNotes: [
      {
        CreditNoteID: guid(20),
        Type: 'ACCRECCREDIT',
        Status: 'AUTHORISED',
        RemainingCredit: 30,
        Contact: {ContactID: guid(1)},
      },
    ],
  }
  const {get} = await xeroClient(t, {company, now: () => Date.parse('2024-07-01T00:00:00Z')})
  const [owes, groups] = (await get('Contacts')).json.Contacts
  assert.deepEqual(owes.Balances, {
    AccountsReceivable: {Outstanding: 520, Overdue: 500},
    AccountsPayable: {Outstanding: 80, Overdue: 80},
  })
  assert.deepEqual(
    [owes.ContactGroups, owes.ContactPersons, owes.BankAccountDetails, owes.HasAttachments],
    [[], [], '', false],
  )
  assert.deepEqual(groups.ContactGroups, [{Name: 'VIP'}])
  const accounts = (await get('Accounts')).json.Accounts
  assert.deepEqual(
    accounts.map((a: XeroRecord) => a.EnablePaymentsToAccount),
    [false, true],
  )
})

function inv(
  n: number,
  type: string,
  status: string,
  due: number,
  dueDate: string,
  rate: number,
): XeroRecord {
  return {
    InvoiceID: guid(n),
    Type: type,
    Status: status,
    AmountDue: due,
    Total: due,
    CurrencyRate: rate,
    DueDate: ms(`${dueDate}T00:00:00Z`),
    Contact: {ContactID: guid(1), Name: 'Owes Us'},
  }
}

test("a wrong xero-tenant-id gets Xero's 403 body; an expired token says when it expired", async (t) => {
  let now = Date.parse('2024-07-01T00:00:00Z')
  const {get} = await xeroClient(t, {company: {}, now: () => now})
  const forbidden = await get('Contacts', {'xero-tenant-id': guid(7)})
  assert.equal(forbidden.status, 403)
  assert.deepEqual(Object.keys(forbidden.json).sort(), ['detail', 'instance', 'status', 'title'])
  assert.deepEqual(
    [forbidden.json.title, forbidden.json.status, forbidden.json.detail],
    ['Forbidden', 403, 'AuthenticationUnsuccessful'],
  )
  now += 31 * 60_000
  const expired = await get('Contacts')
  assert.equal(expired.status, 401)
  assert.equal(expired.json.Detail, 'TokenExpired: token expired at 07/01/2024 00:30:00')
})
