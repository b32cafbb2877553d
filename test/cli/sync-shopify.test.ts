import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {after, before, describe, it} from 'node:test'

import ExcelJS from 'exceljs'

import {demoShops} from '../../src/emulator/shopify/index.js'
import {type ShopifyWorld, shopifyWorld} from '../integration/shopify-harness.js'
import {runCli} from '../helpers/cli.js'

const DEV = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

let w: ShopifyWorld
before(async () => {
  w = await shopifyWorld({shops: demoShops().slice(0, 2)})
})
after(() => w.close())

const stores = () => w.shopify.shops.flatMap((s) => ['--store', s.domain])
const cli = (args: string[]) => runCli([...args, '--db', w.db], {env: w.env, timeoutMs: 120_000})

describe('qbo sync shopify (as a user runs it)', () => {
  it('posts, then reconciles each store to the cent into its workbook; exit 4 once QBO differs', async () => {
    const r = await cli(['sync', 'shopify', ...stores(), '--json'])
    assert.equal(r.code, 0, r.stderr)
    const out = join(w.dir, 'reports')
    const rec = await cli(['sync', 'shopify', 'reconcile', '--out', out, '--json'])
    assert.equal(rec.code, 0, rec.stdout + rec.stderr)
    const doc = JSON.parse(rec.stdout) as {
      agrees: boolean
      stores: {prefix: string; file: string; agree: number}[]
    }
    assert.deepEqual(
      [doc.agrees, doc.stores.map((s) => [s.prefix, s.agree])],
      [
        true,
        [
          ['AU', 9],
          ['NZ', 9],
        ],
      ],
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(doc.stores[0]!.file)
    assert.deepEqual(
      wb.worksheets.map((s) => s.name),
      ['Summary', 'Orders', 'Differences', 'QBO documents', 'Not kept by the sync', 'Decisions'],
    )
    assert.equal(wb.getWorksheet('Summary')!.getCell('B9').value, 'AGREES')

    // Someone deletes a payment in QBO: the reconciliation notices, to the cent.
    const pay = w.staging.shopify
      .postings(w.shopify.shops[0]!.domain)
      .find((p) => p.docKey.startsWith('pay:'))!
    const current = await w.qbo.read('Payment', pay.qboId)
    await w.qbo.update(
      'Payment',
      {Id: pay.qboId, SyncToken: current.SyncToken},
      {requestId: 'hand-delete', operation: 'delete'},
    )
    const after = await cli(['sync', 'shopify', 'reconcile', '--out', out])
    assert.equal(after.code, 4)
    assert.match(after.stdout, /1 differ/)
    assert.ok(existsSync(join(out, 'shopify-AU-reconciliation.xlsx')))
  })

  it('qbo emulator start --provider shopify prints where it listens and each store with its token', async () => {
    const child = spawn(
      process.execPath,
      [DEV, 'emulator', 'start', '--provider', 'shopify', '--time-scale', '60'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {...process.env, NO_COLOR: '1'},
      },
    )
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const l = out.split('\n')
        if (l.length > 7) resolve(l.slice(0, 7))
      })
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening`)))
    })
    const m = /^Shopify emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(6 shops\)$/.exec(lines[0]!)
    assert.ok(m, lines[0])
    const [domain, token] = lines[1]!.trim().split(' ')
    const res = await fetch(`${m[1]}/store/${domain}/admin/api/2026-01/graphql.json`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-shopify-access-token': token!},
      body: JSON.stringify({query: '{ shop { myshopifyDomain } }'}),
    })
    assert.deepEqual(((await res.json()) as {data: unknown}).data, {shop: {myshopifyDomain: domain}})
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
  })
})
