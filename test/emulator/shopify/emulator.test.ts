import assert from 'node:assert/strict'
import {createHmac} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {after, before, describe, it} from 'node:test'

import {buildSchema} from 'graphql'

import {
  type ShopifyEmulator,
  compareWithPublished,
  startShopifyEmulator,
} from '../../../src/emulator/shopify/index.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const SHOP = 'emu.myshopify.com'
const SMALL = 'small.myshopify.com'
let clock = Date.parse('2026-03-01T00:00:00Z')
let emu: ShopifyEmulator

before(async () => {
  emu = await startShopifyEmulator({
    now: () => clock,
    shops: [
      {domain: SHOP, name: 'Emu', currency: 'AUD', timezone: 'Australia/Sydney'},
      // A small bucket, to see throttling: 100 points, 10 a second.
      {
        domain: SMALL,
        name: 'Small',
        currency: 'AUD',
        timezone: 'UTC',
        plan: {maximumAvailable: 100, restoreRate: 10},
      },
    ],
  })
})
after(() => emu.close())

async function gql(
  shop: string,
  query: string,
  variables: Json = {},
  token?: string,
): Promise<{status: number; body: Json}> {
  const res = await fetch(`${emu.url}/store/${shop}/admin/api/2026-01/graphql.json`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': token ?? emu.shops.find((s) => s.domain === shop)!.token,
    },
    body: JSON.stringify({query, variables}),
  })
  return {status: res.status, body: (await res.json()) as Json}
}

describe('Shopify emulator', () => {
  it("answers in the schema's terms: an unknown field is refused as Shopify words it, a wrong token is 401", async () => {
    const bad = await gql(SHOP, '{ shop { name bogus } }')
    assert.equal(bad.body.errors[0].message, "Field 'bogus' doesn't exist on type 'Shop'")
    const denied = await gql(SHOP, '{ shop { name } }', {}, 'shpat_wrong')
    assert.equal(denied.status, 401)
    const ok = await gql(SHOP, '{ shop { name currencyCode ianaTimezone } }')
    assert.deepEqual(ok.body.data.shop, {name: 'Emu', currencyCode: 'AUD', ianaTimezone: 'Australia/Sydney'})
    assert.equal(ok.body.extensions.cost.requestedQueryCost, 1)
  })

  it('prices a query before it runs (a connection: 2 plus its page of nodes) and charges what came back', async () => {
    emu.control.createOrder(SHOP, {lines: [{sku: 'A', title: 'A', price: '10.00', quantity: 1}]})
    const r = await gql(SHOP, '{ orders(first: 10) { nodes { id totalPriceSet { shopMoney { amount } } } } }')
    // orders: 2 + 10 × (order 1 + MoneyBag 1 + MoneyV2 1); one order came back.
    assert.equal(r.body.extensions.cost.requestedQueryCost, 32)
    assert.equal(r.body.extensions.cost.actualQueryCost, 5)
    const huge = await gql(
      SHOP,
      '{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }',
    )
    assert.equal(huge.body.errors[0].extensions.code, 'MAX_COST_EXCEEDED')
  })

  it('throttles from a leaky bucket: refused while it is low, served once it has refilled', async () => {
    for (let i = 0; i < 30; i++)
      emu.control.createOrder(SMALL, {lines: [{sku: 'A', title: 'A', price: '1.00', quantity: 1}]})
    const q = '{ orders(first: 30) { nodes { id } } }' // 2 + 30 × 1 points, and 30 orders come back
    const costs: number[] = []
    for (let i = 0; i < 3; i++)
      costs.push((await gql(SMALL, q)).body.extensions.cost.throttleStatus.currentlyAvailable)
    const refused = await gql(SMALL, q)
    assert.equal(refused.status, 200)
    assert.equal(refused.body.errors[0].extensions.code, 'THROTTLED')
    assert.deepEqual(refused.body.extensions.cost.throttleStatus, {
      maximumAvailable: 100,
      currentlyAvailable: 4,
      restoreRate: 10,
    })
    assert.deepEqual(costs, [68, 36, 4])
    clock += 10_000
    const empty = await gql(SMALL, '{ orders(first: 30, query: "name:none") { nodes { id } } }')
    assert.equal(
      empty.body.extensions.cost.actualQueryCost,
      2,
      'an empty page costs 2 of the 32 asked: the rest comes back',
    )
    clock += 3_000
    const later = await gql(SMALL, q)
    assert.equal(later.body.errors, undefined)
  })

  it('pages changed orders by cursor without losing one that changes while it pages', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      clock += 1000
      ids.push(
        emu.control.createOrder(SHOP, {lines: [{sku: 'A', title: 'A', price: '5.00', quantity: 1}]}).id,
      )
    }
    const since = new Date(clock - 4_500).toISOString()
    const page = (after: string | null) =>
      gql(
        SHOP,
        'query($after: String, $q: String) { orders(first: 2, after: $after, query: $q, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { legacyResourceId } } }',
        {
          after,
          q: `updated_at:>='${since}'`,
        },
      )
    const seen: string[] = []
    let r = await page(null)
    seen.push(...r.body.data.orders.nodes.map((n: Json) => n.legacyResourceId))
    clock += 1000
    emu.control.addTransaction(SHOP, ids[0]!, {kind: 'SALE', gateway: 'manual', amount: '1.00'}) // read already: moves to the end
    while (r.body.data.orders.pageInfo.hasNextPage) {
      r = await page(r.body.data.orders.pageInfo.endCursor)
      seen.push(...r.body.data.orders.nodes.map((n: Json) => n.legacyResourceId))
    }
    assert.deepEqual([...new Set(seen)].sort(), [...ids].sort())
  })

  it("derives Shopify's totals: received, refunded, current total and outstanding", async () => {
    const o = emu.control.createOrder(SHOP, {
      lines: [{sku: 'T', title: 'Tee', price: '30.00', quantity: 2, taxRate: '0.1'}],
      shipping: {title: 'Post', price: '10.00', taxRate: '0.1'},
      transactions: [{kind: 'SALE', gateway: 'manual', amount: '50.00'}],
    })
    emu.control.refund(SHOP, o.id, {lines: [{sku: 'T', quantity: 1}]})
    const r = await gql(
      SHOP,
      `{ order(id: "gid://shopify/Order/${o.id}") { totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } totalReceivedSet { shopMoney { amount } } totalRefundedSet { shopMoney { amount } } totalOutstandingSet { shopMoney { amount } } displayFinancialStatus lineItems(first: 5) { nodes { quantity currentQuantity } } } }`,
    )
    const order = r.body.data.order
    const amt = (k: string) => order[k].shopMoney.amount
    // 60 + 10 shipping + 7 GST = 77; a tee back (30 + 3 GST) refunded from the 50 paid.
    assert.deepEqual(
      [
        amt('totalPriceSet'),
        amt('currentTotalPriceSet'),
        amt('totalReceivedSet'),
        amt('totalRefundedSet'),
        amt('totalOutstandingSet'),
      ],
      ['77.00', '44.00', '50.00', '33.00', '27.00'],
    )
    assert.equal(order.displayFinancialStatus, 'PARTIALLY_REFUNDED')
    assert.deepEqual(order.lineItems.nodes[0], {quantity: 2, currentQuantity: 1})
  })

  it('signs the webhooks it sends with the app secret', async () => {
    const got: {headers: Json; body: string}[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (d: Buffer) => (body += d.toString()))
      req.on('end', () => {
        got.push({headers: req.headers, body})
        res.end()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    try {
      emu.control.shop(SHOP).webhook = {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        secret: 's3cret',
      }
      emu.control.createOrder(SHOP, {lines: [{sku: 'A', title: 'A', price: '1.00', quantity: 1}]})
      await emu.control.settled()
      assert.equal(got.length, 1)
      const [d] = got
      assert.equal(d!.headers['x-shopify-topic'], 'orders/create')
      assert.equal(
        d!.headers['x-shopify-hmac-sha256'],
        createHmac('sha256', 's3cret').update(d!.body).digest('base64'),
      )
    } finally {
      delete emu.control.shop(SHOP).webhook
      server.close()
    }
  })

  it("spells every type, field and argument as Shopify's published schema does (set SHOPIFY_ADMIN_SDL)", (t) => {
    const file = process.env.SHOPIFY_ADMIN_SDL
    if (!file) {
      t.skip(
        'SHOPIFY_ADMIN_SDL is not set: point it at a published Admin GraphQL SDL (docs/shopify.md) to run this check',
      )
      return
    }
    assert.deepEqual(
      compareWithPublished(buildSchema(readFileSync(file, 'utf8'), {assumeValidSDL: true})),
      [],
    )
  })
})
