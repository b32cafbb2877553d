import {join} from 'node:path'
import type {TestContext} from 'node:test'

import {type QboEmulatorOptions, startQboEmulator} from '../../src/emulator/qbo/index.js'
import type {QboClient} from '../../src/qbo/index.js'
import {openStaging, type Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import type {PoDeps} from '../../src/po/index.js'
import {tempDir} from '../helpers/temp.js'
import {connectedClient} from '../qbo/helpers.js'

export interface PoWorld {
  url: string
  realmId: string
  dir: string
  db: string
  staging: Staging
  client: QboClient
  deps: (extra?: Partial<PoDeps>) => PoDeps
  emails(): Promise<{id: string; to: string; docNumber: string}[]>
  settings(body: {customFields?: string[]; refuseSparse?: boolean}): Promise<void>
}

/** An emulator (time-scaled), a client for it and a migration file in a temporary folder. */
export async function poWorld(t: TestContext, options: QboEmulatorOptions = {}): Promise<PoWorld> {
  const timeScale = options.timeScale ?? 600
  const emu = await startQboEmulator({port: 0, timeScale, seed: 5, ...options})
  t.after(() => emu.close())
  const {client} = await connectedClient(t, emu.url, emu.realmId, {timeScale})
  const dir = tempDir(t, 'qbo-po-')
  const db = join(dir, 'migration.db')
  const staging = openStaging(db)
  t.after(() => staging.close())
  return {
    url: emu.url,
    realmId: emu.realmId,
    dir,
    db,
    staging,
    client,
    deps: (extra = {}) => ({
      staging,
      client,
      logger: silentLogger,
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...extra,
    }),
    emails: async () => ((await (await fetch(`${emu.url}/_emulator/emails`)).json()) as {emails: []}).emails,
    settings: async (body) => {
      const r = await fetch(`${emu.url}/_emulator/purchase-orders`, {
        method: 'PUT',
        body: JSON.stringify(body),
      })
      if (r.status !== 200) throw new Error(`settings: ${r.status} ${await r.text()}`)
    },
  }
}

/**
 * Creates `count` purchase orders (DocNumber PO-0001 …) across three suppliers, 30 to a batch request, and
 * returns their ids in DocNumber order.
 */
export async function seedPurchaseOrders(
  client: QboClient,
  count: number,
  txnDate = '2025-03-01',
): Promise<string[]> {
  const vendors: string[] = []
  for (const name of ['Acme Supplies', 'Bolt & Nut Pty Ltd', 'Crème Brûlée Co']) {
    const [v] = await client.queryAll(`SELECT * FROM Vendor WHERE DisplayName = '${name}'`)
    vendors.push(
      String((v ?? (await client.create('Vendor', {DisplayName: name}, {requestId: `seed-${name}`}))).Id),
    )
  }
  const [expense] = await client.queryAll(`SELECT * FROM Account WHERE Name = 'Office expenses'`)
  const [gst] = await client.queryAll(`SELECT * FROM TaxCode WHERE Name = 'GST on non-capital'`)
  const ids: string[] = []
  for (let start = 0; start < count; start += 30) {
    const items = []
    for (let i = start; i < Math.min(count, start + 30); i++) {
      items.push({
        bId: `b${i - start + 1}`,
        operation: 'create' as const,
        entity: 'PurchaseOrder',
        body: {
          DocNumber: `PO-${String(i + 1).padStart(4, '0')}`,
          TxnDate: txnDate,
          VendorRef: {value: vendors[i % vendors.length]},
          PrivateNote: i % 7 === 0 ? 'Call before delivery' : undefined,
          Line: [
            {
              DetailType: 'AccountBasedExpenseLineDetail',
              Amount: 100 + i,
              Description: `Stock line ${i + 1}`,
              AccountBasedExpenseLineDetail: {AccountRef: {value: expense!.Id}, TaxCodeRef: {value: gst!.Id}},
            },
          ],
        },
      })
    }
    const r = await client.batch(items, {requestId: `seed-po-${count}-${start}`})
    if (r.faults.length) throw new Error(`seeding failed: ${JSON.stringify(r.faults[0])}`)
    ids.push(...r.successes.map((s) => String(s.entity.Id)))
  }
  return ids
}
