// A ShipStation emulator and a QBO emulator on one virtual clock, with the sync's real client stack between
// them (token keeper, paced QBO client, exactly-once writer, ShipStation client). Sleeping advances the
// clock, so hours of schedule pass in milliseconds.
import {join} from 'node:path'
import type {TestContext} from 'node:test'

import {startQboEmulator, type QboEmulator} from '../../src/emulator/qbo/index.js'
import {startShipStationEmulator, type ShipStationEmulator} from '../../src/emulator/shipstation/index.js'
import type {Zone} from '../../src/emulator/shipstation/index.js'
import {clientWritePort} from '../../src/load/qbo-port.js'
import {
  runShipStationSync,
  setStoreMapping,
  type SyncDeps,
  type SyncOptions,
  type SyncResult,
} from '../../src/load/shipstation/index.js'
import {readQboConfig} from '../../src/qbo/config.js'
import {createIntuitOAuth, QboClient, select, TokenKeeper, TokenStore} from '../../src/qbo/index.js'
import {ShipStationClient} from '../../src/sources/shipstation/index.js'
import {openStaging, type Staging} from '../../src/staging/index.js'
import type {MatchBy} from '../../src/staging/shipstation.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'

export const STORE_A = '310001'
export const STORE_B = '310002'

export interface World {
  qbo: QboEmulator
  ss: ShipStationEmulator
  client: QboClient
  staging: Staging
  store: TokenStore
  db: string
  now(): number
  /** Moves the virtual clock on. */
  advance(ms: number): void
  deps: SyncDeps
  run(options?: Partial<SyncOptions>): Promise<SyncResult>
  map(storeId: string, matchBy: MatchBy, value: string): void
  customer(name: string): Promise<string>
  invoice(docNumber: string, extra?: Record<string, unknown>): Promise<Record<string, unknown>>
  invoiceById(id: string): Promise<Record<string, unknown>>
  /** A label for an order (the order is created on first use); returns its shipment id. */
  label(
    storeId: string,
    orderNumber: string,
    extra?: {carrierCode?: string; serviceCode?: string; shipDate?: string; orderKey?: string},
  ): {shipmentId: number; trackingNumber: string}
  voidLabel(shipmentId: number): void
}

export async function makeWorld(
  t: TestContext,
  options: {
    strictRotation?: boolean
    zone?: Zone
    start?: string
    dir?: string
    realClock?: boolean
    demoStores?: boolean
  } = {},
): Promise<World> {
  let clock = Date.parse(options.start ?? '2026-03-02T18:00:00Z')
  const now = options.realClock ? Date.now : () => clock
  const sleep = options.realClock
    ? (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
    : async (ms: number) => void (clock += Math.max(0, ms))
  const dir = options.dir ?? tempDir(t, 'qbo-shipstation-')
  const qbo = await startQboEmulator({now, strictRotation: options.strictRotation ?? false})
  const ss = await startShipStationEmulator({
    now,
    demo: options.demoStores ?? false,
    zone: options.zone ?? 'pacific',
    seed: 5,
  })
  t.after(async () => {
    await ss.close()
    await qbo.close()
  })
  ss.state.addStore({
    storeId: Number(STORE_A),
    storeName: 'Store A',
    marketplaceName: 'Shopify',
    active: true,
  })
  ss.state.addStore({
    storeId: Number(STORE_B),
    storeName: 'Store B',
    marketplaceName: 'Shopify',
    active: true,
  })
  const seed = (await (await fetch(`${qbo.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json()) as {
    refresh_token: string
  }
  const env = {
    QBO_CLIENT_ID: 'qbo-emulator-client',
    QBO_CLIENT_SECRET: 'qbo-emulator-secret',
    QBO_BASE_URL: qbo.url,
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
  }
  const config = readQboConfig(env)
  const store = new TokenStore({file: config.tokenFile, passphrase: config.passphrase})
  const keeper = new TokenKeeper({
    store,
    oauth: createIntuitOAuth(config, () => new Date(now())),
    logger: silentLogger,
    now: () => new Date(now()),
    seed: {refreshToken: seed.refresh_token, realmId: qbo.realmId},
  })
  const client = new QboClient({realmId: qbo.realmId, apiBase: qbo.url, tokens: keeper, now, sleep})
  const db = join(dir, 'migration.db')
  const staging = openStaging(db, {clock: () => new Date(now())})
  t.after(() => staging.close())
  const shipstation = new ShipStationClient({
    config: {
      apiKey: ss.apiKey,
      apiSecret: ss.apiSecret,
      baseUrl: ss.url,
      requestsPerMinute: 40,
      timeScale: 1,
    },
    now,
    sleep,
  })
  const deps: SyncDeps = {
    staging,
    qbo: client,
    port: clientWritePort(client),
    shipstation,
    now,
    sleep,
    logger: silentLogger,
    authStatus: () => store.get(qbo.realmId),
  }
  let items = 0
  const customer = async (name: string) => {
    const c = await client.create('Customer', {DisplayName: name}, {requestId: `cust-${name}`})
    return String(c.Id)
  }
  return {
    qbo,
    ss,
    client,
    staging,
    store,
    db,
    now,
    advance: (ms) => void (clock += ms),
    deps,
    run: (o = {}) => runShipStationSync(deps, {dbPath: db, ...o}),
    map: (storeId, matchBy, value) => void setStoreMapping(staging, {storeId, matchBy, matchValue: value}),
    customer,
    async invoice(docNumber, extra = {}) {
      const customerId =
        (extra.CustomerRef as {value: string} | undefined)?.value ?? (await customer(`Customer ${++items}`))
      return client.create(
        'Invoice',
        {
          DocNumber: docNumber,
          CustomerRef: {value: customerId},
          Line: [
            {DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: {Qty: 1, UnitPrice: 100}},
          ],
          GlobalTaxCalculation: 'NotApplicable',
          ...extra,
        },
        {requestId: `inv-${docNumber}-${++items}`},
      )
    },
    invoiceById: (id) => client.read('Invoice', id),
    label(storeId, orderNumber, extra = {}) {
      const order =
        ss.state.findOrder(Number(storeId), orderNumber) ??
        ss.state.addOrder({
          storeId: Number(storeId),
          orderNumber,
          ...(extra.orderKey ? {orderKey: extra.orderKey} : {}),
        })
      const l = ss.state.createLabel({orderId: order.orderId, ...extra})
      return {shipmentId: l.shipmentId, trackingNumber: l.trackingNumber}
    },
    voidLabel: (id) => void ss.state.voidLabel(id),
  }
}

/** Every invoice in the QBO emulator. */
export async function allInvoices(w: World): Promise<Record<string, unknown>[]> {
  return w.client.queryAll(select('Invoice'))
}
