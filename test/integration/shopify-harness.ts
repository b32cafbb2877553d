import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type QboEmulator, type QboEmulatorOptions, startQboEmulator} from '../../src/emulator/qbo/index.js'
import {
  type ShopSpec,
  type ShopifyEmulator,
  type ShopifyEmulatorOptions,
  startShopifyEmulator,
} from '../../src/emulator/shopify/index.js'
import {type ShopifySyncDeps, type ShopifySyncResult, syncShopify} from '../../src/load/shopify/sync.js'
import {DEFAULT_SETTINGS, type ShopifySettings} from '../../src/mappers/shopify/settings.js'
import {type QboClient, openRealmClient, select} from '../../src/qbo/index.js'
import {type OrderComparison, compareOrder, documentCurrency} from '../../src/reconcile/shopify/compare.js'
import {graphqlUrl} from '../../src/sources/shopify/config.js'
import {ShopifyGraphql} from '../../src/sources/shopify/graphql.js'
import {type Staging, openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'

export const TIME_SCALE = 60

/** A shop with no orders: a test places its own. Books in AUD, like the QBO emulator's company. */
export function emptyShop(domain: string, extra: Partial<ShopSpec> = {}): ShopSpec {
  return {domain, name: domain, currency: 'AUD', timezone: 'Australia/Sydney', orders: [], ...extra}
}

export interface ShopifyWorld {
  qboEmulator: QboEmulator
  shopify: ShopifyEmulator
  qbo: QboClient
  staging: Staging
  dir: string
  db: string
  /** What a `qbo` child process needs to reach both emulators. */
  env: NodeJS.ProcessEnv
  settings: ShopifySettings
  /** What the engine is given (the settings as they are when it is called). */
  deps(): ShopifySyncDeps
  sync(options?: {stores?: string[]; since?: string; dryRun?: boolean}): Promise<ShopifySyncResult>
  /** Each order of a store compared with QBO (the per-store reconciliation's rows). */
  compare(shop: string): Promise<Map<string, OrderComparison>>
  /** QBO documents of an entity whose PrivateNote carries a Shopify marker, by marker line. */
  marked(entity: string): Promise<Map<string, Record<string, unknown>[]>>
  close(): Promise<void>
}

/** Both emulators (time-scaled), a migration file and a QBO client: one world per test file. */
export async function shopifyWorld(
  options: {
    shops?: ShopSpec[]
    qbo?: QboEmulatorOptions
    shopify?: ShopifyEmulatorOptions
    settings?: ShopifySettings
  } = {},
): Promise<ShopifyWorld> {
  const qboEmulator = await startQboEmulator({timeScale: TIME_SCALE, ...options.qbo})
  const shopify = await startShopifyEmulator({
    timeScale: TIME_SCALE,
    shops: options.shops ?? [],
    ...options.shopify,
  })
  const dir = mkdtempSync(join(tmpdir(), 'qbo-shopify-'))
  const grant = (await (
    await fetch(`${qboEmulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
  ).json()) as {
    refresh_token: string
  }
  const env: NodeJS.ProcessEnv = {
    QBO_BASE_URL: qboEmulator.url,
    QBO_CLIENT_ID: 'qbo-emulator-client',
    QBO_CLIENT_SECRET: 'qbo-emulator-secret',
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
    QBO_REALM_ID: qboEmulator.realmId,
    QBO_REFRESH_TOKEN: grant.refresh_token,
    QBO_TIME_SCALE: String(TIME_SCALE),
    SHOPIFY_BASE_URL: shopify.url,
    SHOPIFY_ACCESS_TOKENS: shopify.shops.map((s) => `${s.domain}=${s.token}`).join(','),
  }
  const db = join(dir, 'migration.db')
  const staging = openStaging(db)
  const qbo = openRealmClient(env, silentLogger, {client: {timeScale: TIME_SCALE}})
  const settings = options.settings ?? DEFAULT_SETTINGS
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
  const clients = new Map<string, ShopifyGraphql>()
  const client = (shop: string) => {
    let c = clients.get(shop)
    if (!c) {
      const token = shopify.shops.find((s) => s.domain === shop)?.token ?? 'unknown'
      c = new ShopifyGraphql({
        url: graphqlUrl(shop, shopify.url),
        token,
        shop,
        now: Date.now,
        sleep,
        logger: silentLogger,
      })
      clients.set(shop, c)
    }
    return c
  }
  const world: ShopifyWorld = {
    qboEmulator,
    shopify,
    qbo,
    staging,
    dir,
    db,
    env,
    settings,
    deps: () => ({
      staging,
      qbo,
      shopify: client,
      settings: world.settings,
      now: Date.now,
      sleep,
      logger: silentLogger,
    }),
    sync: (o = {}) =>
      syncShopify(world.deps(), {
        stores: o.stores ?? shopify.shops.map((s) => s.domain),
        ...(o.since ? {since: o.since} : {}),
        dryRun: o.dryRun ?? false,
      }),
    compare: async (shop) => {
      const postings = staging.shopify.postings(shop)
      const docs = new Map<string, Record<string, unknown>>()
      for (const p of postings.filter((x) => x.state === 'active'))
        docs.set(`${p.entity}:${p.qboId}`, await qbo.read(p.entity, p.qboId))
      const out = new Map<string, OrderComparison>()
      for (const staged of staging.shopify.orders(shop)) {
        const cur = documentCurrency(staged.order, true)
        out.set(
          staged.order.name,
          compareOrder(
            staged,
            postings.filter((p) => p.orderId === staged.order.id),
            docs,
            cur.pick,
            cur.code,
          ),
        )
      }
      return out
    },
    marked: async (entity) => {
      const out = new Map<string, Record<string, unknown>[]>()
      for (const r of await qbo.queryAll(select(entity))) {
        const note = typeof r.PrivateNote === 'string' ? r.PrivateNote : ''
        const line = note.split('\n').find((l) => l.startsWith('qbo-toolkit:shopify:'))
        if (line) out.set(line, [...(out.get(line) ?? []), r])
      }
      return out
    },
    close: async () => {
      staging.close()
      await shopify.close()
      await qboEmulator.close()
      rmSync(dir, {recursive: true, force: true})
    },
  }
  return world
}
