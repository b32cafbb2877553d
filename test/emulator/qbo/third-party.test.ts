// Wire compatibility: real third-party QBO clients (node-quickbooks, intuit-oauth) pointed at the emulator.
import assert from 'node:assert/strict'
import {createRequire} from 'node:module'
import {after, before, describe, it} from 'node:test'

import OAuthClient from 'intuit-oauth'

import {type Harness, harness, idOf} from './client.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- node-quickbooks ships no types; this is its thin shim */
type Callback = (err: any, body: any) => void
interface NodeQuickBooks {
  createCustomer(c: object, cb: Callback): void
  createInvoice(i: object, cb: Callback): void
  findCustomers(criteria: object, cb: Callback): void
  findInvoices(criteria: object, cb: Callback): void
  batch(items: object[], cb: Callback): void
}
const require = createRequire(import.meta.url)
const QuickBooks = require('node-quickbooks') as {
  V3_ENDPOINT_BASE_URL: string
  new (...args: unknown[]): NodeQuickBooks
}
const call = <T = any>(fn: (cb: Callback) => void): Promise<T> =>
  new Promise((resolve, reject) =>
    fn((err, body) => (err ? reject(new Error(JSON.stringify(err))) : resolve(body as T))),
  )
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('third-party clients against the emulator', () => {
  let h: Harness
  before(async () => {
    // Real time: intuit-oauth treats a token with under a minute left as expired, and these clients do not
    // pace themselves (their few calls stay under 10 a second).
    h = await harness({timeScale: 1})
  })
  after(() => h.close())

  it('node-quickbooks creates a customer and an invoice, queries them back and runs a batch', async () => {
    QuickBooks.V3_ENDPOINT_BASE_URL = `${h.emu.url}/v3/company/`
    const qbo = new QuickBooks(
      'qbo-emulator-client',
      'qbo-emulator-secret',
      h.token,
      false,
      h.emu.realmId,
      true,
      false,
      75,
      '2.0',
      h.refresh,
    )
    const gst = await idOf(h, 'TaxCode', 'GST')
    const customer = await call((cb) => qbo.createCustomer({DisplayName: "O'Brien Plumbing"}, cb))
    assert.equal(customer.SyncToken, '0')
    const invoice = await call((cb) =>
      qbo.createInvoice(
        {
          CustomerRef: {value: customer.Id},
          DocNumber: 'NQB-1',
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: 50,
              SalesItemLineDetail: {Qty: 1, UnitPrice: 50, TaxCodeRef: {value: gst}},
            },
          ],
        },
        cb,
      ),
    )
    assert.equal(invoice.TotalAmt, 55)
    const found = await call((cb) => qbo.findCustomers({DisplayName: "O'Brien Plumbing"}, cb))
    assert.equal(found.QueryResponse.Customer[0].Id, customer.Id)
    const invoices = await call((cb) =>
      qbo.findInvoices([{field: 'DocNumber', value: 'NQB-1', operator: '='}], cb),
    )
    assert.equal(invoices.QueryResponse.Invoice[0].Balance, 55)
    const batch = await call((cb) =>
      qbo.batch(
        [
          {bId: '1', operation: 'create', Vendor: {DisplayName: 'NQB Vendor'}},
          {bId: '2', operation: 'create', Customer: {DisplayName: "o'brien plumbing"}},
          {bId: '3', Query: "select * from Invoice where DocNumber = 'NQB-1'"},
        ],
        cb,
      ),
    )
    const by = Object.fromEntries(batch.BatchItemResponse.map((i: {bId: string}) => [i.bId, i]))
    assert.equal(by['1'].Vendor.DisplayName, 'NQB Vendor')
    assert.equal(by['2'].Fault.Error[0].code, '6240')
    assert.equal(by['3'].QueryResponse.Invoice[0].Id, invoice.Id)
  })

  it('intuit-oauth exchanges a code from the consent page and refreshes', async () => {
    OAuthClient.authorizeEndpoint = `${h.emu.url}/connect/oauth2`
    OAuthClient.tokenEndpoint = `${h.emu.url}/oauth2/v1/tokens/bearer`
    OAuthClient.revokeEndpoint = `${h.emu.url}/oauth2/v1/tokens/revoke`
    const client = new OAuthClient({
      clientId: 'qbo-emulator-client',
      clientSecret: 'qbo-emulator-secret',
      environment: 'sandbox',
      redirectUri: 'http://127.0.0.1:9/callback',
    })
    const authorize = new URL(client.authorizeUri({scope: [OAuthClient.scopes.Accounting], state: 'xyz'}))
    const page = await fetch(authorize)
    assert.equal(page.status, 200)
    const consent = await fetch(`${h.emu.url}/connect/oauth2`, {
      method: 'POST',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({
        ...Object.fromEntries(authorize.searchParams),
        decision: 'allow',
      }).toString(),
      redirect: 'manual',
    })
    const callback = consent.headers.get('location')!
    const created = await client.createToken(callback)
    const token = created.getToken()
    assert.equal(token.realmId, h.emu.realmId)
    assert.ok(client.isAccessTokenValid())
    const info = await client.makeApiCall({
      url: `${h.emu.url}/v3/company/${token.realmId}/companyinfo/${token.realmId}`,
    })
    assert.equal(info.json.CompanyInfo.Country, 'AU')
    const refreshed = await client.refresh()
    assert.notEqual(refreshed.getToken().access_token, token.access_token)
    assert.equal(refreshed.getToken().refresh_token, token.refresh_token)
    await client.revoke({refresh_token: refreshed.getToken().refresh_token})
  })
})
