// A QBO emulator holding the demo company's 30 items (fixtures/generator/company.ts, seed 42) and its
// supplier Brown Electrical Pty Ltd, as a migration leaves them, for the price-list tests. Items are created
// through QBO's own API (batch), so what the tests read back is what any client would.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {TestContext} from 'node:test'
import {fileURLToPath} from 'node:url'

import {buildCompany} from '../../fixtures/generator/company.js'
import {DEMO_PRICE_LIST, DEMO_SUPPLIER} from '../../fixtures/generator/price-list.js'
import {type QboEmulator, startQboEmulator} from '../../src/emulator/qbo/index.js'
import {clientPricesQbo, type PricesQbo} from '../../src/load/prices/index.js'
import {openRealmClient, type QboClient} from '../../src/qbo/index.js'
import {openStaging, type Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'

export const PRICES_DIR = fileURLToPath(new URL('../../fixtures/prices/', import.meta.url))
export const DEMO_LIST_FILE = join(PRICES_DIR, DEMO_PRICE_LIST)
export const demoList = () => ({name: DEMO_PRICE_LIST, bytes: readFileSync(DEMO_LIST_FILE)})

/** The demo items whose preferred vendor is Brown Electrical Pty Ltd: its cables, switches and sensors. */
export const BROWN_ITEMS = [
  'ITEM-004',
  'ITEM-014',
  'ITEM-024',
  'ITEM-008',
  'ITEM-018',
  'ITEM-028',
  'ITEM-005',
  'ITEM-015',
  'ITEM-025',
]

export interface PricesWorld {
  emulator: QboEmulator
  dir: string
  db: string
  env: NodeJS.ProcessEnv
  client: QboClient
  qbo: PricesQbo
  staging: Staging
  vendorId: string
  /** QBO Id by SKU. */
  ids: Map<string, string>
  /** Raw QBO API call with a fresh token (not through the project's client). */
  api(path: string, body?: unknown): Promise<Record<string, unknown>>
  /** Every item as the emulator holds it now, by SKU. */
  items(): Promise<Map<string, Record<string, unknown>>>
  close(): Promise<void>
}

export interface WorldOptions {
  timeScale?: number
  faults?: string
  /** Extra items GEN-00001… with cost 1.00, for lists longer than the demo's. */
  extra?: number
}

export async function pricesWorld(t: TestContext, options: WorldOptions = {}): Promise<PricesWorld> {
  const timeScale = options.timeScale ?? 60
  const emulator = await startQboEmulator({
    timeScale,
    ...(options.faults ? {faults: options.faults} : {}),
    seed: 7,
  })
  const dir = tempDir(t, 'qbo-prices-')
  const grant = (await (
    await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
  ).json()) as {
    refresh_token: string
    access_token: string
  }
  let access = grant.access_token
  const api = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${emulator.url}/v3/company/${emulator.realmId}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${access}`,
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        ...(body === undefined ? {} : {body: JSON.stringify(body)}),
      })
      if (res.status === 401 && attempt === 0) {
        access = (
          (await (await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json()) as {
            access_token: string
          }
        ).access_token
        continue
      }
      return (await res.json()) as Record<string, unknown>
    }
  }
  const query = async (q: string) =>
    ((await api(`/query?query=${encodeURIComponent(q)}`)).QueryResponse ?? {}) as Record<
      string,
      Record<string, unknown>[]
    >
  const sales = (await query("SELECT * FROM Account WHERE Name = 'Sales'")).Account?.[0]?.Id
  const vendor = (await api('/vendor', {DisplayName: DEMO_SUPPLIER})).Vendor as {Id: string}
  await api('/vendor', {DisplayName: 'Smith & Jones <Wholesale>'})

  const company = buildCompany(42)
  const bodies = company.items.map((i) => ({
    Name: i.name,
    Sku: i.code,
    Type: 'Service',
    Description: i.description,
    UnitPrice: Number(i.salePrice.toFixed(2)),
    PurchaseCost: Number(i.purchasePrice.toFixed(2)),
    IncomeAccountRef: {value: sales},
    ...(BROWN_ITEMS.includes(i.code) ? {PrefVendorRef: {value: vendor.Id}} : {}),
  }))
  for (let n = 1; n <= (options.extra ?? 0); n++) {
    const code = `GEN-${String(n).padStart(5, '0')}`
    bodies.push({
      Name: `Generated item ${n}`,
      Sku: code,
      Type: 'Service',
      Description: code,
      UnitPrice: 2,
      PurchaseCost: 1,
      IncomeAccountRef: {value: sales},
    })
  }
  for (let i = 0; i < bodies.length; i += 30) {
    const r = await api('/batch', {
      BatchItemRequest: bodies
        .slice(i, i + 30)
        .map((b, j) => ({bId: `b${j + 1}`, operation: 'create', Item: b})),
    })
    const faults = (r.BatchItemResponse as {Fault?: unknown}[]).filter((x) => x.Fault)
    if (faults.length) throw new Error(`seeding items failed: ${JSON.stringify(faults[0])}`)
  }
  const items = async () => {
    const rows: Record<string, unknown>[] = []
    for (let start = 1; ; start += 1000) {
      const page = (await query(`SELECT * FROM Item STARTPOSITION ${start} MAXRESULTS 1000`)).Item ?? []
      rows.push(...page)
      if (page.length < 1000) break
    }
    return new Map(rows.map((r) => [String(r.Sku), r]))
  }
  const ids = new Map([...(await items())].map(([sku, r]) => [sku, String(r.Id)]))

  const env: NodeJS.ProcessEnv = {
    QBO_BASE_URL: emulator.url,
    QBO_CLIENT_ID: 'qbo-emulator-client',
    QBO_CLIENT_SECRET: 'qbo-emulator-secret',
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
    QBO_TOKEN_PASSPHRASE: 'prices-test',
    QBO_REFRESH_TOKEN: grant.refresh_token,
    QBO_REALM_ID: emulator.realmId,
    QBO_TIME_SCALE: String(timeScale),
  }
  const client = openRealmClient(env, silentLogger, {client: {timeScale}})
  const db = join(dir, 'migration.db')
  const staging = openStaging(db)
  const world: PricesWorld = {
    emulator,
    dir,
    db,
    env,
    client,
    qbo: clientPricesQbo(client),
    staging,
    vendorId: vendor.Id,
    ids,
    api,
    items,
    close: async () => {
      staging.close()
      await emulator.close()
    },
  }
  t.after(() => world.close())
  return world
}

/** The expected diff of the demo list with the demo profile, written out by hand from the file and the items. */
export const EXPECTED_DEMO_DIFF = [
  // [line, code, item, status, old, new, warnings]
  [1, 'ITEM-004', 'Cable Standard', 'change', '207.68', '214.90', ''],
  [2, 'ITEM-014', 'Cable Deluxe', 'same', '29.96', '29.96', ''],
  [3, 'ITEM-024', 'Cable Mini', 'placeholder', '285.88', null, 'PLACEHOLDER'],
  [4, 'ITEM-008', 'Switch Standard', 'change', '247.37', '259.74', ''],
  [5, 'ITEM-018', 'Switch Deluxe', 'change', '112.70', '118.34', ''],
  [6, 'ITEM-028', 'Switch Mini', 'placeholder', '164.52', null, 'PLACEHOLDER'],
  [7, 'ITEM-005', 'Sensor Standard', 'change', '292.83', '398.00', 'BIG_CHANGE'],
  [8, 'ITEM-015', 'Sensor Deluxe', 'same', '207.35', '207.35', ''],
  [9, 'BE-5521', 'Panel Mini', 'change', '23.47', '24.10', ''],
  [10, 'ITEM-009', 'Filter Standard', 'change', '3.49', '3.65', ''],
  [11, 'ITEM-012', 'Gadget Deluxe', 'change', '6.19', '0.5417', 'BIG_CHANGE,UNIT_OF_MEASURE'],
  [12, 'BE-9000', null, 'not_in_qbo', null, null, ''],
  [13, null, 'Panel Standard', 'missing_from_file', '212.81', null, ''],
  [14, null, 'Sensor Mini', 'missing_from_file', '231.23', null, ''],
] as const
