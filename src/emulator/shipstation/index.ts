import type {AddressInfo} from 'node:net'

import type {Zone} from './clock.js'
import {seedDemo} from './demo.js'
import {type KeyStats, RateLimit, V1_LIMIT} from './rate-limit.js'
import {createShipStationServer} from './server.js'
import {ShipStationState} from './state.js'

export {DEMO_STORES} from './demo.js'
export type {Zone} from './clock.js'
export type {EmLabel, EmOrder, EmStore} from './state.js'
export {ShipStationState} from './state.js'

export interface ShipStationEmulatorOptions {
  /** 0/undefined = a random free port on 127.0.0.1. */
  port?: number
  /** Divides ShipStation's rate-limit minute (60: the minute lasts a second). */
  timeScale?: number
  /** ms clock, for tests. */
  now?: () => number
  /** The zone of V1's dates and date filters (UNCONFIRMED; Pacific by default). */
  zone?: Zone
  /** Seeds the tracking numbers. */
  seed?: number
  apiKey?: string
  apiSecret?: string
  /** Seed the two demo stores from the demo company (default); false = an empty account. */
  demo?: boolean
  /** Requests a minute per key (V1: 40). */
  limit?: number
}

export interface ShipStationEmulatorStats {
  requests: number
  rateLimited: number
  /** The most requests any key sent within one (time-scaled) minute. */
  maxPerMinute: number
  limit: number
  keys: Record<string, KeyStats>
  stores: number
  orders: number
  labels: number
  voided: number
}

export interface ShipStationEmulator {
  url: string
  apiKey: string
  apiSecret: string
  /** The account itself, for tests that add or void labels without going through HTTP. */
  state: ShipStationState
  stats(): ShipStationEmulatorStats
  /** Another app spends `n` of the key's requests in the current minute. */
  consume(n: number): void
  close(): Promise<void>
}

export function shipStationListeningLine(e: ShipStationEmulator): string {
  return `ShipStation emulator listening on ${e.url} (API key ${e.apiKey}, secret ${e.apiSecret})`
}

/** A local ShipStation V1 API: stores, orders, labels (voids, reprints), paging, rate-limit headers, 429s. */
export async function startShipStationEmulator(
  options: ShipStationEmulatorOptions = {},
): Promise<ShipStationEmulator> {
  const timeScale = options.timeScale ?? 1
  if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`)
  const now = options.now ?? Date.now
  const apiKey = options.apiKey ?? 'shipstation-emulator-key'
  const apiSecret = options.apiSecret ?? 'shipstation-emulator-secret'
  const limitPerMinute = options.limit ?? V1_LIMIT
  const fresh = () => {
    const s = new ShipStationState(now, options.zone ?? 'pacific', options.seed ?? 1)
    if (options.demo ?? true) seedDemo(s)
    return s
  }
  const ctx = {
    state: fresh(),
    limit: new RateLimit(limitPerMinute, 60_000 / timeScale, now),
    apiKey,
    apiSecret,
    reset() {
      ctx.state = fresh()
      ctx.limit.reset()
    },
    stats: (): ShipStationEmulatorStats => {
      const keys = ctx.limit.stats()
      const all = Object.values(keys)
      const labels = [...ctx.state.labels.values()]
      return {
        requests: all.reduce((n, k) => n + k.requests, 0),
        rateLimited: all.reduce((n, k) => n + k.rateLimited, 0),
        maxPerMinute: Math.max(0, ...all.map((k) => k.maxPerWindow)),
        limit: limitPerMinute,
        keys,
        stores: ctx.state.stores.length,
        orders: ctx.state.orders.size,
        labels: labels.length,
        voided: labels.filter((l) => l.voidedMs !== null).length,
      }
    },
  }
  const server = createShipStationServer(ctx)
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    apiSecret,
    get state() {
      return ctx.state
    },
    stats: ctx.stats,
    consume: (n) => ctx.limit.consume(apiKey, n),
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
