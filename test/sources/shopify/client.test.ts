import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {z} from 'zod'

import {AuthError} from '../../../src/domain/errors.js'
import {type ShopifyEmulator, startShopifyEmulator} from '../../../src/emulator/shopify/index.js'
import {accessTokenFor, graphqlUrl} from '../../../src/sources/shopify/config.js'
import {ShopifyGraphql} from '../../../src/sources/shopify/graphql.js'
import {readChangedOrders, readOrder, readShop} from '../../../src/sources/shopify/reader.js'
import {silentLogger} from '../../../src/ui/logger.js'

const SHOP = 'reader.myshopify.com'
const SMALL = 'paced.myshopify.com'
let clock = Date.parse('2026-03-01T00:00:00Z')
let emu: ShopifyEmulator

before(async () => {
  emu = await startShopifyEmulator({
    now: () => clock,
    shops: [
      {domain: SHOP, name: 'Reader', currency: 'AUD', timezone: 'Australia/Sydney'},
      {
        domain: SMALL,
        name: 'Paced',
        currency: 'AUD',
        timezone: 'UTC',
        plan: {maximumAvailable: 100, restoreRate: 10},
      },
    ],
  })
  for (let i = 0; i < 30; i++)
    emu.control.createOrder(SMALL, {lines: [{sku: 'A', title: 'A', price: '1.00', quantity: 1}]})
})
after(() => emu.close())

/** A client on the emulator's clock: its sleeps move that clock, so waits take no real time. */
function client(shop: string, token?: string) {
  const slept: number[] = []
  const gql = new ShopifyGraphql({
    url: graphqlUrl(shop, emu.url),
    token: token ?? emu.shops.find((s) => s.domain === shop)!.token,
    shop,
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms)
      clock += ms
    },
    logger: silentLogger,
  })
  return {gql, slept}
}

const Ids = z.object({orders: z.object({nodes: z.array(z.object({id: z.string()}))})})
const PAGE = '{ orders(first: 30) { nodes { id } } }' // costs 32 points, all of them used

describe('Shopify Admin GraphQL client', () => {
  it("paces itself from each answer's throttleStatus: no query is throttled, and it waits no longer than the refill needs", async () => {
    const {gql, slept} = client(SMALL)
    for (let i = 0; i < 8; i++) assert.equal((await gql.query('Page', PAGE, {}, Ids)).orders.nodes.length, 30)
    assert.equal(gql.stats.throttled, 0)
    // 8 × 32 points from a bucket of 100 restoring 10 a second: 156 points to wait for, 15.6 s at least.
    const waited = slept.reduce((a, b) => a + b, 0)
    assert.ok(waited >= 15_000 && waited <= 22_000, `waited ${waited} ms`)
  })

  it('when another client empties the bucket, a THROTTLED answer waits for the refill and asks again', async () => {
    clock += 60_000
    const {gql} = client(SMALL)
    await gql.query('Page', PAGE, {}, Ids)
    const other = client(SMALL).gql
    await other.query('Page', PAGE, {}, Ids)
    await other.query('Page', PAGE, {}, Ids)
    const r = await gql.query('Page', PAGE, {}, Ids)
    assert.equal(r.orders.nodes.length, 30)
    assert.ok(gql.stats.throttled >= 1)
  })

  it('tries again through 5xx answers, and names a refused token as an auth problem', async () => {
    const {gql} = client(SHOP)
    emu.failNext(2, 503)
    assert.equal((await readShop(gql)).timeZone, 'Australia/Sydney')
    assert.equal(gql.stats.requests, 3)
    await assert.rejects(readShop(client(SHOP, 'shpat_revoked').gql), AuthError)
  })

  it('reads an order whole: every page of line items, refunds once', async () => {
    const lines = Array.from({length: 45}, (_, i) => ({
      sku: `S${i}`,
      title: `Line ${i}`,
      price: '2.00',
      quantity: 1,
    }))
    const o = emu.control.createOrder(SHOP, {
      lines,
      transactions: [{kind: 'SALE', gateway: 'manual', amount: '90.00'}],
    })
    emu.control.refund(SHOP, o.id, {lines: [{sku: 'S3', quantity: 1}]})
    const {gql} = client(SHOP)
    const shop = await readShop(gql)
    const start = gql.stats.requests
    const first = await readOrder(gql, `gid://shopify/Order/${o.id}`, {shop: {...shop, domain: SHOP}})
    assert.equal(gql.stats.requests - start, 3, 'the order with 20 lines, the other 25 lines, the refund')
    assert.ok(!('reason' in first))
    assert.equal(first.lineItems.length, 45)
    assert.deepEqual(
      first.refunds[0]!.lines.map((l) => [l.quantity, l.subtotal.shop]),
      [[1, '2.00']],
    )
    const before = gql.stats.requests
    const again = await readOrder(gql, `gid://shopify/Order/${o.id}`, {
      shop: {...shop, domain: SHOP},
      knownRefund: (_order, id) => first.refunds.find((r) => r.id === id),
    })
    assert.ok(!('reason' in again))
    assert.equal(gql.stats.requests - before, 2, 'the order and its other lines; the refund is known')
  })

  it('pages changed orders since a time, oldest change first, with civil dates in the shop zone', async () => {
    clock = Date.parse('2026-03-10T13:30:00Z') // 00:30 on 11 March in Sydney
    const o = emu.control.createOrder(SHOP, {lines: [{sku: 'Z', title: 'Z', price: '1.00', quantity: 1}]})
    const {gql} = client(SHOP)
    const shop = await readShop(gql)
    const pages = []
    for await (const page of readChangedOrders(gql, {
      shop: {...shop, domain: SHOP},
      since: '2026-03-10T13:00:00Z',
      pageSize: 1,
    }))
      pages.push(page)
    assert.deepEqual(
      pages.flatMap((p) => p.orders.map((x) => [x.id, x.date])),
      [[o.id, '2026-03-11']],
    )
    assert.equal(pages.at(-1)!.lastUpdatedAt, '2026-03-10T13:30:00Z')
  })

  it('finds a store token in SHOPIFY_ACCESS_TOKENS, the token store, or SHOPIFY_ACCESS_TOKEN for a single store', () => {
    const env = {
      SHOPIFY_ACCESS_TOKENS: 'a.myshopify.com=tok-a, B.myshopify.com=tok-b',
      SHOPIFY_ACCESS_TOKEN: 'tok-single',
    }
    assert.equal(accessTokenFor('b.myshopify.com', env, undefined, 2), 'tok-b')
    assert.equal(
      accessTokenFor('c.myshopify.com', env, {getShopify: () => ({accessToken: 'tok-c'})}, 2),
      'tok-c',
    )
    assert.equal(accessTokenFor('c.myshopify.com', env, undefined, 1), 'tok-single')
    assert.throws(
      () => accessTokenFor('c.myshopify.com', env, undefined, 2),
      /No Shopify access token for c.myshopify.com/,
    )
  })
})
