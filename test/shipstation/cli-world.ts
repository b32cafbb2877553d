// Both emulators on the real clock and the environment a `qbo sync shipstation` child process needs.
import {join} from 'node:path'
import type {TestContext} from 'node:test'

import {startQboEmulator, type QboEmulator, type QboEmulatorOptions} from '../../src/emulator/qbo/index.js'
import {startShipStationEmulator, type ShipStationEmulator} from '../../src/emulator/shipstation/index.js'
import {setStoreMapping} from '../../src/load/shipstation/index.js'
import {openStaging} from '../../src/staging/index.js'
import {tempDir} from '../helpers/temp.js'
import {type CliChild, startCli} from '../helpers/cli.js'

export interface CliWorld {
  qbo: QboEmulator
  ss: ShipStationEmulator
  dir: string
  db: string
  env: NodeJS.ProcessEnv
  api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>
  invoice(docNumber: string): Promise<Record<string, unknown>>
  map(storeId: string, prefix: string): void
  allInvoices(): Promise<Record<string, unknown>[]>
}

export async function cliWorld(t: TestContext, qboOptions: QboEmulatorOptions = {}): Promise<CliWorld> {
  const timeScale = qboOptions.timeScale ?? 60
  const qbo = await startQboEmulator({timeScale, ...qboOptions})
  const ss = await startShipStationEmulator({demo: false, seed: 9})
  t.after(async () => {
    await ss.close()
    await qbo.close()
  })
  ss.state.addStore({storeId: 310001, storeName: 'Store A', marketplaceName: 'Shopify', active: true})
  ss.state.addStore({storeId: 310002, storeName: 'Store B', marketplaceName: 'Shopify', active: true})
  const dir = tempDir(t, 'qbo-shipstation-cli-')
  const db = join(dir, 'migration.db')
  const seed = (await (await fetch(`${qbo.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json()) as {
    refresh_token: string
  }
  const env = {
    QBO_BASE_URL: qbo.url,
    QBO_CLIENT_ID: 'qbo-emulator-client',
    QBO_CLIENT_SECRET: 'qbo-emulator-secret',
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
    QBO_REFRESH_TOKEN: seed.refresh_token,
    QBO_REALM_ID: qbo.realmId,
    QBO_TIME_SCALE: String(timeScale),
    QBO_MIGRATION_DB: db,
    SHIPSTATION_API_KEY: ss.apiKey,
    SHIPSTATION_API_SECRET: ss.apiSecret,
    SHIPSTATION_BASE_URL: ss.url,
  }
  // The test's own access to QBO, beside the child's (which keeps its tokens in its own store).
  const token = async () =>
    (
      (await (await fetch(`${qbo.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json()) as {
        access_token: string
      }
    ).access_token
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${qbo.url}/v3/company/${qbo.realmId}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await token()}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : {body: JSON.stringify(body)}),
    })
    return (await res.json()) as Record<string, unknown>
  }
  let customer: string | undefined
  return {
    qbo,
    ss,
    dir,
    db,
    env,
    api,
    async invoice(docNumber) {
      customer ??= String(
        ((await api('POST', '/customer', {DisplayName: 'Shop customer'})).Customer as {Id: string}).Id,
      )
      const body = {
        DocNumber: docNumber,
        CustomerRef: {value: customer},
        GlobalTaxCalculation: 'NotApplicable',
        Line: [{DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: {Qty: 1, UnitPrice: 10}}],
      }
      return (await api('POST', '/invoice', body)).Invoice as Record<string, unknown>
    },
    map(storeId, prefix) {
      const staging = openStaging(db)
      try {
        setStoreMapping(staging, {storeId, matchBy: 'prefix', matchValue: prefix})
      } finally {
        staging.close()
      }
    },
    async allInvoices() {
      const q = encodeURIComponent('SELECT * FROM Invoice STARTPOSITION 1 MAXRESULTS 1000')
      const body = await api('GET', `/query?query=${q}`)
      return ((body.QueryResponse as Record<string, unknown>).Invoice ?? []) as Record<string, unknown>[]
    },
  }
}

export type Child = CliChild

/** `qbo ARGS` from the TypeScript sources, as a child process with the world's environment. */
export function startQbo(world: CliWorld, args: string[]): Child {
  return startCli(args, world.env)
}
