import {type ShopSpec, demoShops} from './seed.js'
import {type ShopifyEmulatorStats, startShopifyServer} from './server.js'
import {Shops} from './shops.js'

export type {ShopSpec, SeedOrder} from './seed.js'
export type {ShopifyEmulatorStats} from './server.js'
export type {CreateOrderInput, EditInput, RefundInput, TransactionInput} from './orders.js'
export {demoShops} from './seed.js'
export {orderSummary} from './server.js'
export {SUPPORTED_VERSIONS} from './schema.js'
export {compareWithPublished} from './schema-check.js'

export interface ShopifyEmulatorOptions {
  /** 0 (the default) picks a free port on 127.0.0.1. */
  port?: number
  /** Shops to serve: the six demo storefronts by default; [] for none. */
  shops?: ShopSpec[]
  /** Tokens by shop domain (a random `shpat_emu_…` each otherwise). */
  tokens?: Record<string, string>
  /** Makes a second shorter for the cost bucket's restore rate (60: a minute's restore in a second). */
  timeScale?: number
  /** Real milliseconds each GraphQL answer waits before it is sent. */
  latencyMs?: number
  /** The emulator's clock in epoch ms. */
  now?: () => number
}

export interface ShopifyEmulator {
  url: string
  /** Each shop with its access token. */
  shops: {domain: string; token: string}[]
  /** The shops themselves, for in-process tests and scripts (the control endpoints do the same over HTTP). */
  control: Shops
  stats(): ShopifyEmulatorStats
  /** The next `count` GraphQL requests are answered with `status` (e.g. 503). */
  failNext(count: number, status?: number): void
  close(): Promise<void>
}

/** Starts a Shopify Admin GraphQL API emulator on 127.0.0.1 (docs/shopify.md, "The emulator"). */
export async function startShopifyEmulator(options: ShopifyEmulatorOptions = {}): Promise<ShopifyEmulator> {
  const now = options.now ?? Date.now
  const shops = new Shops(now, options.timeScale ?? 1)
  for (const spec of options.shops ?? demoShops()) shops.add(spec, options.tokens?.[spec.domain])
  const server = await startShopifyServer(shops, {port: options.port ?? 0, latencyMs: options.latencyMs ?? 0})
  return {
    url: server.url,
    shops: [...shops.byDomain.values()].map((s) => ({domain: s.domain, token: s.token})),
    control: shops,
    stats: server.stats,
    failNext: (count, status = 503) => server.failNext(count, status),
    close: async () => {
      await shops.settled()
      await server.close()
    },
  }
}

/** The lines `qbo emulator start --provider shopify` prints on stdout: where it listens, then each shop's token. */
export function shopifyListeningLines(emulator: Pick<ShopifyEmulator, 'url' | 'shops'>): string[] {
  return [
    `Shopify emulator listening on ${emulator.url} (${emulator.shops.length} shops)`,
    ...emulator.shops.map((s) => `  ${s.domain} ${s.token}`),
  ]
}
