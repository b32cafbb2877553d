// One test per Xero filter the emulator honours, on the bundled demo company (its files are the oracle)
// or on a small company built here. The documented behaviour is in docs/xero-emulator.md.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {AccountingApi} from 'xero-node'

import {
  DEMO_XERO_COMPANY_DIR,
  type XeroCompany,
  type XeroRecord,
} from '../../../../src/emulator/xero/index.js'
import {demoRecords, type XeroReply, xeroClient} from './client.js'

type Get = (path: string, headers?: Record<string, string>) => Promise<XeroReply>
const ids = (r: XeroReply, key: string, id: string) => (r.json[key] as XeroRecord[]).map((x) => x[id])
const q = encodeURIComponent

describe('Xero emulator filters on the demo company', () => {
  let get: Get
  let url: string
  let tenantId: string
  let token: string
  const closers: (() => Promise<void>)[] = []
  const invoices = demoRecords('Invoices')
  const contacts = demoRecords('Contacts')
  before(async () => {
    const c = await xeroClient({after: async (fn) => void closers.push(fn)}, {company: DEMO_XERO_COMPANY_DIR})
    get = c.get
    url = c.emulator.url
    tenantId = c.emulator.tenantId
    token = c.token
  })
  after(async () => {
    for (const close of closers) await close()
  })

  it('Statuses: only invoices in those statuses, in any of the list forms', async () => {
    const paid = invoices.filter((i) => i.Status === 'PAID').map((i) => i.InvoiceID)
    assert.ok(paid.length > 0 && paid.length < invoices.length)
    const r = await get('Invoices?Statuses=PAID')
    assert.deepEqual(ids(r, 'Invoices', 'InvoiceID'), paid)
    for (const form of [
      'Statuses=PAID,AUTHORISED',
      'Statuses=PAID&Statuses=AUTHORISED',
      'Statuses[]=PAID&Statuses[]=AUTHORISED',
    ])
      assert.equal((await get(`Invoices?${form}`)).json.Invoices.length, invoices.length, form)
    assert.equal((await get('Invoices?statuses=voided')).json.Invoices.length, 0)
  })

  it('Statuses through xero-node, as the SDK sends it', async () => {
    const api = new AccountingApi(`${url}/api.xro/2.0`)
    api.accessToken = token
    const {body} = await api.getInvoices(
      tenantId,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      ['AUTHORISED'],
    )
    const open = invoices.filter((i) => i.Status === 'AUTHORISED')
    assert.equal(body.invoices?.length, open.length)
  })

  it('InvoiceNumbers and IDs select those invoices; a malformed GUID is refused as Xero refuses it', async () => {
    const [a, b] = [invoices[3]!, invoices[10]!]
    const byNumber = await get(`Invoices?InvoiceNumbers=${a.InvoiceNumber},${b.InvoiceNumber}`)
    assert.deepEqual(ids(byNumber, 'Invoices', 'InvoiceID'), [a.InvoiceID, b.InvoiceID])
    const byId = await get(`Invoices?IDs=${b.InvoiceID},${a.InvoiceID}`)
    assert.deepEqual(ids(byId, 'Invoices', 'InvoiceID'), [a.InvoiceID, b.InvoiceID])
    const bad = await get('Invoices?IDs=7ea42cf-d555-4ec8-831d-87599d461b60')
    assert.equal(bad.status, 400)
    assert.match(bad.headers.get('content-type') ?? '', /text\/html/)
    assert.equal(bad.text, "Supplied parameter 'Ids' cannot be parsed.")
  })

  it('ContactIDs: the invoices of those contacts', async () => {
    const contactId = (invoices[0]!.Contact as XeroRecord).ContactID
    const theirs = invoices.filter((i) => (i.Contact as XeroRecord).ContactID === contactId)
    const r = await get(`Invoices?ContactIDs=${contactId}`)
    assert.deepEqual(
      ids(r, 'Invoices', 'InvoiceID'),
      theirs.map((i) => i.InvoiceID),
    )
    const bad = await get('Invoices?ContactIDs=bob')
    assert.equal(bad.text, "Supplied parameter 'ContactIds' cannot be parsed.")
  })

  it('searchTerm: case-insensitive text in InvoiceNumber or Reference; in Name, names and email for contacts', async () => {
    const withRef = invoices.find((i) => typeof i.Reference === 'string')!
    const term = String(withRef.Reference).slice(0, 6).toUpperCase()
    const expected = invoices.filter((i) =>
      [i.InvoiceNumber, i.Reference].some(
        (v) => typeof v === 'string' && v.toLowerCase().includes(term.toLowerCase()),
      ),
    )
    const r = await get(`Invoices?searchTerm=${q(term)}`)
    assert.deepEqual(
      ids(r, 'Invoices', 'InvoiceID'),
      expected.map((i) => i.InvoiceID),
    )
    const someone = contacts.find((c) => typeof c.EmailAddress === 'string')!
    const found = await get(`Contacts?searchTerm=${q(String(someone.EmailAddress).toUpperCase())}`)
    assert.ok(ids(found, 'Contacts', 'ContactID').includes(someone.ContactID))
  })

  it('where Name.Contains / StartsWith / EndsWith, case-insensitive, with AND, OR and parentheses', async () => {
    const name = String(contacts[0]!.Name)
    const part = name.slice(1, 4)
    const has = (f: (n: string) => boolean) =>
      contacts.filter((c) => f(String(c.Name).toLowerCase())).map((c) => c.ContactID)
    const contains = await get(`Contacts?where=${q(`Name.Contains("${part.toUpperCase()}")`)}`)
    assert.deepEqual(
      ids(contains, 'Contacts', 'ContactID'),
      has((n) => n.includes(part.toLowerCase())),
    )
    const starts = await get(`Contacts?where=${q(`Name.StartsWith("${name.slice(0, 2)}")`)}`)
    assert.deepEqual(
      ids(starts, 'Contacts', 'ContactID'),
      has((n) => n.startsWith(name.slice(0, 2).toLowerCase())),
    )
    const ends = await get(`Contacts?where=${q(`Name.EndsWith("${name.slice(-3)}")`)}`)
    assert.deepEqual(
      ids(ends, 'Contacts', 'ContactID'),
      has((n) => n.endsWith(name.slice(-3).toLowerCase())),
    )
    const combined = await get(
      `Invoices?where=${q(`Type=="ACCREC" AND (Status=="PAID" OR AmountDue > 1000) && Contact.Name.StartsWith("${name.slice(0, 1)}")`)}`,
    )
    const expected = invoices.filter(
      (i) =>
        i.Type === 'ACCREC' &&
        (i.Status === 'PAID' || Number(i.AmountDue) > 1000) &&
        String((i.Contact as XeroRecord).Name)
          .toLowerCase()
          .startsWith(name.slice(0, 1).toLowerCase()),
    )
    assert.deepEqual(
      ids(combined, 'Invoices', 'InvoiceID'),
      expected.map((i) => i.InvoiceID),
    )
  })

  it('where with DateTime, DateTime.Parse, Guid, = and !=', async () => {
    const from = Date.UTC(2024, 0, 1)
    const expected = invoices.filter(
      (i) => Number(/\d+/.exec(String(i.Date))![0]) >= from && i.Status != 'PAID',
    )
    for (const clause of [
      'Date >= DateTime(2024, 01, 01) && Status != "PAID"',
      'Date >= DateTime.Parse("2024-01-01") AND Status <> "PAID"',
    ])
      assert.deepEqual(
        ids(await get(`Invoices?where=${q(clause)}`), 'Invoices', 'InvoiceID'),
        expected.map((i) => i.InvoiceID),
        clause,
      )
    const one = contacts[2]!
    const r = await get(`Contacts?where=${q(`ContactID = Guid("${one.ContactID}")`)}`)
    assert.deepEqual(ids(r, 'Contacts', 'ContactID'), [one.ContactID])
  })

  it('where with a boolean field alone, negated with ! or NOT', async () => {
    const customers = contacts.filter((c) => c.IsCustomer === true).map((c) => c.ContactID)
    const others = contacts.filter((c) => c.IsCustomer !== true).map((c) => c.ContactID)
    assert.deepEqual(ids(await get(`Contacts?where=IsCustomer`), 'Contacts', 'ContactID'), customers)
    assert.deepEqual(ids(await get(`Contacts?where=${q('!IsCustomer')}`), 'Contacts', 'ContactID'), others)
    assert.deepEqual(
      ids(await get(`Contacts?where=${q('NOT IsCustomer == true')}`), 'Contacts', 'ContactID'),
      others,
    )
  })

  it('a where Xero cannot read is a 400 QueryParseException with its message', async () => {
    for (const [clause, message] of [
      ['Status==', 'Expression expected'],
      ['Bogus=="x"', "No property or field 'Bogus' exists in type 'Invoice'"],
      ["Status=='PAID'", 'Character literal must contain exactly one character'],
      ['Reference.Frobnicate("x")', "No applicable method 'Frobnicate' exists in type 'String'"],
      ['Status=="PAID', 'Unterminated string literal'],
      ['(Status=="PAID"', "')' or operator expected"],
      ['Reference', "Expression of type 'Boolean' expected"],
    ] as const) {
      const r = await get(`Invoices?where=${q(clause)}`)
      assert.equal(r.status, 400, clause)
      assert.deepEqual(r.json, {ErrorNumber: 16, Type: 'QueryParseException', Message: message}, clause)
    }
    const order = await get('Invoices?order=Bogus')
    assert.equal(order.json.Message, "No property or field 'Bogus' exists in type 'Invoice'")
  })

  it('unknown parameters are ignored (Status is not a filter, Statuses is)', async () => {
    const r = await get('Invoices?Status=PAID&Bogus=1')
    assert.equal(r.status, 200)
    assert.equal(r.json.Invoices.length, invoices.length)
  })

  it('filters apply before paging: the pagination block counts what matched', async () => {
    const open = invoices.filter((i) => i.Status === 'AUTHORISED')
    const r = await get('Invoices?Statuses=AUTHORISED&page=2&pageSize=100&order=InvoiceNumber')
    assert.deepEqual(r.json.pagination, {
      page: 2,
      pageSize: 100,
      pageCount: Math.ceil(open.length / 100),
      itemCount: open.length,
    })
    assert.ok(r.json.Invoices.every((i: XeroRecord) => i.Status === 'AUTHORISED'))
  })

  it('summaryOnly leaves out line items and payments; createdByMyApp finds nothing this app created', async () => {
    const summary = await get('Invoices?page=1&summaryOnly=true')
    assert.equal(summary.json.Invoices[0].LineItems, undefined)
    assert.equal(summary.json.Invoices[0].Payments, undefined)
    assert.equal(summary.json.Invoices[0].InvoiceID, invoices[0]!.InvoiceID)
    assert.equal((await get('Invoices?createdByMyApp=true')).json.Invoices.length, 0)
    assert.equal((await get('Invoices?createdByMyApp=false')).json.Invoices.length, invoices.length)
    assert.equal(
      (await get('Invoices?summaryOnly=maybe')).text,
      "Supplied parameter 'summaryOnly' cannot be parsed.",
    )
  })
})

describe('Xero emulator filters on a small company', () => {
  const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
  const company: XeroCompany = {
    Organisations: [{OrganisationID: guid(99), Name: 'Small Co', BaseCurrency: 'AUD'}],
    Contacts: [
      {
        ContactID: guid(1),
        Name: 'Active One',
        ContactStatus: 'ACTIVE',
        UpdatedDateUTC: '/Date(1719792000000+0000)/',
      },
      {
        ContactID: guid(2),
        Name: 'Archived Two',
        ContactStatus: 'ARCHIVED',
        UpdatedDateUTC: '/Date(1719828000000+0000)/',
      },
    ],
    BankTransactions: [
      {BankTransactionID: guid(10), Type: 'SPEND', Reference: 'Rent July', Status: 'AUTHORISED'},
      {BankTransactionID: guid(11), Type: 'SPEND', Reference: 'Power', Status: 'AUTHORISED'},
    ],
    Overpayments: [{OverpaymentID: guid(20), Reference: 'OP-1', Status: 'AUTHORISED'}],
    Prepayments: [{PrepaymentID: guid(30), Reference: 'PP-1', InvoiceNumber: 'INV-9', Status: 'AUTHORISED'}],
    BankTransfers: [
      {BankTransferID: guid(40), Amount: 5},
      {BankTransferID: guid(41), Amount: 6, Status: 'DELETED'},
    ],
    TrackingCategories: [
      {
        TrackingCategoryID: guid(50),
        Name: 'Region',
        Status: 'ACTIVE',
        Options: [
          {Name: 'North', Status: 'ACTIVE'},
          {Name: 'Old', Status: 'ARCHIVED'},
        ],
      },
      {TrackingCategoryID: guid(51), Name: 'Gone', Status: 'ARCHIVED', Options: []},
    ],
  }

  it('includeArchived: archived contacts, tracking categories and options only when asked', async (t) => {
    const {get} = await xeroClient(t, {company})
    assert.deepEqual(ids(await get('Contacts'), 'Contacts', 'Name'), ['Active One'])
    assert.deepEqual(ids(await get('Contacts?includeArchived=true'), 'Contacts', 'Name'), [
      'Active One',
      'Archived Two',
    ])
    const tracking = (await get('TrackingCategories')).json.TrackingCategories
    assert.deepEqual(
      tracking.map((c: XeroRecord) => c.Name),
      ['Region'],
    )
    assert.deepEqual(
      tracking[0].Options.map((o: XeroRecord) => o.Name),
      ['North'],
    )
    const all = (await get('TrackingCategories?includeArchived=true')).json.TrackingCategories
    assert.equal(all.length, 2)
    assert.equal(all[0].Options.length, 2)
  })

  it('includeDeleted: deleted bank transfers only when asked', async (t) => {
    const {get} = await xeroClient(t, {company})
    assert.equal((await get('BankTransfers')).json.BankTransfers.length, 1)
    assert.equal((await get('BankTransfers?includeDeleted=true')).json.BankTransfers.length, 2)
  })

  it('References and InvoiceNumbers on bank transactions, overpayments and prepayments', async (t) => {
    const {get} = await xeroClient(t, {company})
    assert.deepEqual(ids(await get('BankTransactions?References=Power'), 'BankTransactions', 'Reference'), [
      'Power',
    ])
    assert.equal((await get('Overpayments?References=OP-1,OP-2')).json.Overpayments.length, 1)
    assert.equal((await get('Overpayments?References=OP-2')).json.Overpayments.length, 0)
    assert.equal((await get('Prepayments?InvoiceNumbers=INV-9')).json.Prepayments.length, 1)
    assert.equal((await get('Prepayments?References=nope')).json.Prepayments.length, 0)
  })

  it('If-Modified-Since without an offset is UTC, whatever the host time zone', async (t) => {
    const zone = process.env.TZ
    process.env.TZ = 'Australia/Sydney'
    t.after(() => {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    })
    const {get} = await xeroClient(t, {company})
    // Contact 1 changed at 2024-07-01T00:00Z, contact 2 at 10:00Z (includeArchived to see both).
    const names = async (header: string) =>
      ids(await get('Contacts?includeArchived=true', {'if-modified-since': header}), 'Contacts', 'Name')
    assert.deepEqual(await names('2024-06-30T23:00:00'), ['Active One', 'Archived Two'])
    assert.deepEqual(await names('2024-07-01T05:00:00'), ['Archived Two'])
    assert.deepEqual(await names('2024-07-01T05:00:00+10:00'), ['Active One', 'Archived Two'])
    assert.deepEqual(await names('Mon, 01 Jul 2024 05:00:00 GMT'), ['Archived Two'])
  })
})
