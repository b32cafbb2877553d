// The ShipStation V1 emulator on the wire (fetch only), and what the QBO emulator does with an invoice's
// shipping fields.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {startShipStationEmulator, DEMO_STORES} from '../../src/emulator/shipstation/index.js'
import {harness} from '../emulator/qbo/client.js'

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
}

describe('ShipStation emulator', () => {
  it('serves the demo stores with colliding order numbers, paged by `pages`, filtered by store and date', async (t) => {
    let now = Date.parse('2026-03-02T18:00:00Z')
    const ss = await startShipStationEmulator({now: () => now})
    t.after(() => ss.close())
    const auth = {Authorization: basic(ss.apiKey, ss.apiSecret)}
    assert.equal((await fetch(`${ss.url}/stores`)).status, 401)
    const stores = (await (await fetch(`${ss.url}/stores`, {headers: auth})).json()) as {storeId: number}[]
    assert.deepEqual(
      stores.map((s) => s.storeId),
      DEMO_STORES.map((s) => s.storeId),
    )
    const page = async (q: string) => {
      const res = await fetch(`${ss.url}/shipments?${q}`, {headers: auth})
      return {
        res,
        body: (await res.json()) as {
          shipments: Record<string, unknown>[]
          total: number
          page: number
          pages: number
        },
      }
    }
    const a = await page(`storeId=310001&pageSize=50&page=2&sortBy=CreateDate&sortDir=ASC`)
    assert.equal(a.body.page, 2)
    assert.equal(a.body.pages, Math.ceil(a.body.total / 50))
    assert.equal(a.body.shipments.length, 50)
    const b = await page(`storeId=310002&orderNumber=%231001`)
    const c = await page(`storeId=310001&orderNumber=%231001`)
    assert.equal(b.body.shipments[0]!.orderNumber, '#1001')
    assert.equal(c.body.shipments[0]!.orderNumber, '#1001')
    assert.notEqual(
      b.body.shipments[0]!.orderKey,
      c.body.shipments[0]!.orderKey,
      'same number, different orders',
    )
    // The demo has voided labels, and filters by void date.
    const voided = await page(`voidDateStart=2020-01-01`)
    assert.ok(voided.body.total > 0)
    assert.ok(voided.body.shipments.every((s) => s.voided === true && typeof s.voidDate === 'string'))
    // createDate filters read Pacific wall-clock time by default: 18:00Z is 10:00 in Los Angeles.
    const label = ss.state.createLabel({orderId: [...ss.state.orders.keys()][0]!, createdMs: now})
    const after = await page(`createDateStart=2026-03-02%2010:00:00`)
    assert.deepEqual(
      after.body.shipments.map((s) => s.shipmentId),
      [label.shipmentId],
    )
    assert.equal(after.body.shipments[0]!.createDate, '2026-03-02T10:00:00.0000000')
    now += 1000
  })

  it('answers rate-limit headers, 429 past 40 a minute, and a fresh window after it', async (t) => {
    let now = Date.parse('2026-03-02T18:00:00Z')
    const ss = await startShipStationEmulator({now: () => now, demo: false})
    t.after(() => ss.close())
    const get = () => fetch(`${ss.url}/stores`, {headers: {Authorization: basic(ss.apiKey, ss.apiSecret)}})
    const first = await get()
    assert.equal(first.headers.get('x-rate-limit-limit'), '40')
    assert.equal(first.headers.get('x-rate-limit-remaining'), '39')
    assert.equal(first.headers.get('x-rate-limit-reset'), '60')
    for (let i = 0; i < 39; i++) await get()
    now += 30_000
    const over = await get()
    assert.equal(over.status, 429)
    assert.equal(over.headers.get('x-rate-limit-remaining'), '0')
    assert.equal(over.headers.get('x-rate-limit-reset'), '30')
    now += 30_000
    assert.equal((await get()).status, 200)
    assert.equal(ss.stats().rateLimited, 1)
    assert.equal(ss.stats().maxPerMinute, 41)
  })

  it('voids a label and prints another for its order through V1 calls', async (t) => {
    const ss = await startShipStationEmulator({demo: false})
    t.after(() => ss.close())
    ss.state.addStore({storeId: 1, storeName: 'One', marketplaceName: 'Shopify', active: true})
    const headers = {Authorization: basic(ss.apiKey, ss.apiSecret), 'Content-Type': 'application/json'}
    const made = (await (
      await fetch(`${ss.url}/_emulator/labels`, {
        method: 'POST',
        body: JSON.stringify({storeId: 1, orderNumber: '#1001'}),
      })
    ).json()) as {shipmentId: number; orderId: number; trackingNumber: string}
    const voided = await fetch(`${ss.url}/shipments/voidlabel`, {
      method: 'POST',
      headers,
      body: JSON.stringify({shipmentId: made.shipmentId}),
    })
    assert.deepEqual(await voided.json(), {approved: true, message: 'Label voided successfully'})
    const again = (await (
      await fetch(`${ss.url}/orders/createlabelfororder`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          orderId: made.orderId,
          carrierCode: 'fedex',
          serviceCode: 'fedex_ground',
          shipDate: '2026-03-03',
        }),
      })
    ).json()) as {shipmentId: number; trackingNumber: string; shipDate: string}
    assert.notEqual(again.shipmentId, made.shipmentId)
    assert.notEqual(again.trackingNumber, made.trackingNumber)
    assert.equal(again.shipDate, '2026-03-03')
    assert.equal(ss.stats().voided, 1)
  })
})

describe('qbo emulator start --provider shipstation', () => {
  it('prints its URL and credentials, serves the demo stores, and stops on SIGTERM', async () => {
    const dev = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))
    const child = spawn(
      process.execPath,
      [dev, 'emulator', 'start', '--provider', 'shipstation', '--time-scale', '60'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {...process.env, NO_COLOR: '1'},
      },
    )
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('\n')) resolve(out.split('\n')[0]!)
      })
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening`)))
    })
    const m =
      /^ShipStation emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(API key (\S+), secret (\S+)\)$/.exec(
        line,
      )
    assert.ok(m, line)
    const res = await fetch(`${m[1]}/stores`, {headers: {Authorization: basic(m[2]!, m[3]!)}})
    assert.equal(res.status, 200)
    assert.equal(((await res.json()) as unknown[]).length, 2)
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
  })
})

describe('QBO emulator: invoice shipping fields', () => {
  it('keeps TrackingNum, ShipDate and ShipMethodRef by sparse update, refuses what QBO would, finds by DocNumber IN', async (t) => {
    const h = await harness()
    t.after(() => h.close())
    const c = (await h.post('/customer', {DisplayName: 'Ship To'})).json.Customer
    const body = (doc: string) => ({
      DocNumber: doc,
      CustomerRef: {value: c.Id},
      GlobalTaxCalculation: 'NotApplicable',
      Line: [{DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: {Qty: 1, UnitPrice: 5}}],
    })
    const inv = (await h.post('/invoice', body('S1-1001'))).json.Invoice
    await h.post('/invoice', body('S2-1001'))
    const upd = await h.post('/invoice', {
      Id: inv.Id,
      SyncToken: inv.SyncToken,
      sparse: true,
      TrackingNum: '1Z999AA10123456784',
      ShipDate: '2026-03-02',
      ShipMethodRef: {value: 'UPS Ground'},
    })
    assert.equal(upd.status, 200)
    const got = upd.json.Invoice
    assert.equal(got.TrackingNum, '1Z999AA10123456784')
    assert.equal(got.ShipDate, '2026-03-02')
    assert.deepEqual(got.ShipMethodRef, {value: 'UPS Ground', name: 'UPS Ground'})
    assert.equal(got.TotalAmt, inv.TotalAmt)
    assert.equal(got.SyncToken, String(Number(inv.SyncToken) + 1))
    const tooLong = await h.post('/invoice', {
      Id: got.Id,
      SyncToken: got.SyncToken,
      sparse: true,
      TrackingNum: 'X'.repeat(31),
    })
    assert.equal(tooLong.status, 400)
    assert.equal(tooLong.json.Fault.Error[0].code, '2050')
    const badDate = await h.post('/invoice', {
      Id: got.Id,
      SyncToken: got.SyncToken,
      sparse: true,
      ShipDate: 'soon',
    })
    assert.equal(badDate.status, 400)
    const stale = await h.post('/invoice', {
      Id: got.Id,
      SyncToken: inv.SyncToken,
      sparse: true,
      TrackingNum: 'X',
    })
    assert.equal(stale.json.Fault.Error[0].code, '5010')
    const found = await h.query(`SELECT * FROM Invoice WHERE DocNumber IN ('S1-1001', 'S1-#1001', 'S9-1')`)
    assert.deepEqual(
      found.json.QueryResponse.Invoice.map((i: {DocNumber: string}) => i.DocNumber),
      ['S1-1001'],
    )
    const byTracking = await h.query(`SELECT * FROM Invoice WHERE TrackingNum = '1Z999AA10123456784'`)
    assert.equal(byTracking.json.Fault.Error[0].code, '4001')
  })
})
