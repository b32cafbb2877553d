import assert from 'node:assert/strict'
import {createHmac} from 'node:crypto'
import {after, before, describe, it} from 'node:test'

import {runShopifySchedule} from '../../src/load/shopify/schedule.js'
import type {ShopifySyncResult} from '../../src/load/shopify/sync.js'
import {startWebhookReceiver, verifyHmac} from '../../src/sources/shopify/webhooks.js'
import {type ShopifyWorld, emptyShop, shopifyWorld} from './shopify-harness.js'

const SHOP = 'hooks.myshopify.com'
const SECRET = 'app-secret'
let w: ShopifyWorld

before(async () => {
  w = await shopifyWorld({shops: [emptyShop(SHOP)]})
})
after(() => w.close())

function signed(body: string, secret = SECRET) {
  return createHmac('sha256', secret).update(body).digest('base64')
}

describe('Shopify webhooks', () => {
  it('checks the HMAC of the raw body, and takes each webhook id once', async () => {
    const seen = new Set<string>()
    const changes: string[] = []
    const receiver = await startWebhookReceiver({
      port: 0,
      secretFor: (shop) => (shop === SHOP ? SECRET : undefined),
      record: (d) => !seen.has(d.webhookId) && Boolean(seen.add(d.webhookId)),
      onChange: (d) => changes.push(`${d.topic} ${d.orderId}`),
    })
    try {
      const post = (body: string, headers: Record<string, string>) =>
        fetch(receiver.url, {method: 'POST', body, headers: {'content-type': 'application/json', ...headers}})
      const body = '{"id": 1234, "name": "#1001"}'
      const headers = {
        'x-shopify-shop-domain': SHOP,
        'x-shopify-topic': 'orders/updated',
        'x-shopify-webhook-id': 'w-1',
      }
      assert.equal((await post(body, {...headers, 'x-shopify-hmac-sha256': signed(body)})).status, 200)
      assert.equal(
        (await post(body, {...headers, 'x-shopify-hmac-sha256': signed(body)})).status,
        200,
        'a repeat is acknowledged',
      )
      assert.equal(
        (await post(body, {...headers, 'x-shopify-hmac-sha256': signed(body, 'wrong')})).status,
        401,
      )
      assert.equal(
        (await post(`${body} `, {...headers, 'x-shopify-hmac-sha256': signed(body)})).status,
        401,
        'the raw bytes count',
      )
      assert.equal(
        (
          await post(body, {
            ...headers,
            'x-shopify-shop-domain': 'other.myshopify.com',
            'x-shopify-hmac-sha256': signed(body),
          })
        ).status,
        401,
      )
      assert.deepEqual(changes, ['orders/updated 1234'])
      assert.deepEqual(receiver.stats(), {accepted: 1, duplicates: 1, refused: 3})
    } finally {
      await receiver.close()
    }
    assert.equal(verifyHmac(Buffer.from('x'), undefined, SECRET), false)
  })

  it('a delivered webhook runs the sync for its shop between the scheduled runs; a repeat delivery does not', async () => {
    w.shopify.control.repeatWebhooks = true
    const results: ShopifySyncResult[] = []
    let stop = false
    let resolveListening!: (url: string) => void
    const listening = new Promise<string>((r) => (resolveListening = r))
    const schedule = runShopifySchedule(w.deps(), {
      dbPath: w.db,
      sync: {stores: [SHOP]},
      everyMs: 3_600_000,
      stopped: () => stop,
      webhooks: {port: 0, secretFor: () => SECRET, onListening: resolveListening},
      onResult: (r) => results.push(r),
      onError: (e) => {
        throw e
      },
    })
    const url = await listening
    while (results.length < 1) await new Promise((r) => setTimeout(r, 20)) // the scheduled run at start
    w.shopify.control.shop(SHOP).webhook = {url, secret: SECRET}
    const order = w.shopify.control.createOrder(SHOP, {
      lines: [{sku: 'HOOK', title: 'Hook', price: '10.00', quantity: 1, taxRate: '0.1'}],
      transactions: [{kind: 'SALE', gateway: 'manual', amount: '11.00'}],
    })
    await w.shopify.control.settled()
    const deadline = Date.now() + 20_000
    while (results.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    await new Promise((r) => setTimeout(r, 2_500)) // a second run, if the repeat had triggered one, would be here
    stop = true
    await schedule
    assert.equal(results.length, 2, 'the scheduled run, then one run for the (twice delivered) webhook')
    assert.equal(results[1]!.writes.created, 1)
    assert.equal(w.staging.shopify.posting(SHOP, order.id, 'doc')?.entity, 'SalesReceipt')
    assert.equal(w.shopify.stats().webhooks.sent, 2)
  })
})
