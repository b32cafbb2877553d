import {UsageError} from '../../domain/errors.js'
import {contentHash} from '../../domain/ids.js'
import {suggestPrefix} from '../../mappers/shopify/identity.js'
import type {ShopifySettings} from '../../mappers/shopify/settings.js'
import type {QboClient} from '../../qbo/index.js'
import type {ShopifyGraphql} from '../../sources/shopify/graphql.js'
import {normalizeDomain} from '../../sources/shopify/config.js'
import type {UnreadOrder} from '../../sources/shopify/reader.js'
import type {Staging} from '../../staging/index.js'
import type {Logger} from '../../ui/logger.js'
import {settleInDoubt} from '../outbox/settle.js'
import {emptyReport, type WriterDeps} from '../outbox/writer.js'
import {clientWritePort} from '../qbo-port.js'
import {type ApplyReport, type PlannedWrite, applyOrders} from './apply.js'
import {ListNeeds, ensureLists} from './ensure.js'
import {recordLanded} from './landed.js'
import {type PlannedOrder, planOrder, recordOutcomes} from './orders.js'
import {readStore} from './read.js'
import {postingRefs} from './refs.js'
import {readShopifyTarget} from './target.js'
import {JOB} from './writes.js'

export interface ShopifySyncDeps {
  staging: Staging
  qbo: QboClient
  /** The Admin GraphQL client of a store (its token, the pinned version, SHOPIFY_BASE_URL). */
  shopify: (shop: string) => ShopifyGraphql
  settings: ShopifySettings
  now: () => number
  sleep: (ms: number) => Promise<void>
  logger: Logger
  onWait?: WriterDeps['onWait']
}

export interface ShopifySyncOptions {
  /** Store domains; default the settings' stores, else every store synced before. */
  stores?: string[]
  /** Read orders updated since this date or instant, instead of since each store's watermark. */
  since?: string
  dryRun?: boolean
}

export interface StoreResult {
  shop: string
  prefix: string
  since: string
  read: number
  /** Orders whose documents were all in QBO as they should be at the end of the run. */
  posted: number
  /** Orders held back, with why (missing QBO records, refused writes); they are tried again next run. */
  held: {order: string; problem: string}[]
  /** Orders with a document someone changed or deleted in QBO: left alone. */
  conflicts: {order: string; problem: string}[]
  unread: UnreadOrder[]
}

export interface ShopifySyncResult {
  runId: string
  realmId: string
  dryRun: boolean
  stores: StoreResult[]
  lists: {created: string[]; refused: string[]}
  writes: Omit<ApplyReport, 'writes'>
  /** The writes made, or in a dry run the writes that would be made. */
  planned: PlannedWrite[]
  recovered: {writes: number; found: number; resent: number; notLanded: number; waitedSeconds: number}
  shopify: {requests: number; throttled: number; waitedSeconds: number; cost: number}
  qbo: {sent: number; retried: number; throttled: number}
}

/**
 * One run of `qbo sync shopify`: settle writes an earlier run left without an answer, read each store's
 * changed orders into the migration file, create the list records they name, then bring each pending
 * order's QBO documents to what the posting model says, exactly once, and mark the orders whose documents
 * are all there. A rerun with nothing changed reads, plans and writes nothing.
 */
export async function syncShopify(
  deps: ShopifySyncDeps,
  options: ShopifySyncOptions = {},
): Promise<ShopifySyncResult> {
  const {staging, settings} = deps
  const dryRun = options.dryRun === true
  const stores = chooseStores(staging, settings, options.stores)
  // Postings follow the settings: when they change, every order is planned again (an unchanged one writes nothing).
  const settingsHash = contentHash(settings)
  if (staging.settings.all()[SETTINGS_KEY] !== settingsHash) {
    staging.shopify.replanAll()
    staging.settings.set(SETTINGS_KEY, settingsHash)
  }
  const run = staging.runs.start({
    kind: 'sync:shopify',
    sourceSystem: 'shopify',
    realmId: deps.qbo.realmId,
    options: {stores: stores.map((s) => s.shop), since: options.since ?? null, dryRun, pid: process.pid},
  })
  const writer: WriterDeps = {
    staging,
    port: clientWritePort(deps.qbo),
    job: JOB,
    runId: run.id,
    now: deps.now,
    sleep: deps.sleep,
    logger: deps.logger,
    ...(deps.onWait ? {onWait: deps.onWait} : {}),
    onLanded: (write, landed) => recordLanded(staging, run.id, write, landed),
    report: emptyReport(),
  }
  try {
    const recovered = dryRun ? 0 : await settleInDoubt(writer)
    const target = await readShopifyTarget(deps.qbo)
    const results: StoreResult[] = []
    const needs = new ListNeeds()
    const labels = new Map<string, string>()
    for (const store of stores) {
      const gql = deps.shopify(store.shop)
      const read = await readStore(staging, gql, store.shop, {
        ...(options.since ? {since: sinceInstant(options.since)} : {}),
        ...(settings.since ? {defaultSince: sinceInstant(settings.since)} : {}),
        now: deps.now(),
      })
      staging.shopify.putStore({...store, currency: read.shop.currency, timeZone: read.shop.timeZone})
      const label =
        settings.stores.find((s) => s.domain === store.shop)?.customer ?? `Shopify ${store.prefix}`
      labels.set(store.shop, label)
      for (const {order} of staging.shopify.orders(store.shop, {pendingOnly: true}))
        needs.add(order, label, target.multiCurrency)
      results.push({
        shop: store.shop,
        prefix: store.prefix,
        since: read.since,
        read: read.read,
        posted: 0,
        held: [],
        conflicts: [],
        unread: read.unread,
      })
    }
    const lists = await ensureLists(writer, target, settings, needs, dryRun)
    const works: PlannedOrder[] = []
    for (const store of stores) {
      const refs = postingRefs(target, settings, labels.get(store.shop)!)
      for (const staged of staging.shopify.orders(store.shop, {pendingOnly: true}))
        works.push(planOrder({staging, staged, settings, refs, prefix: store.prefix, dryRun}))
    }
    const applied = await applyOrders({writer, shopify: staging.shopify, dryRun}, works)
    if (!dryRun) recordOutcomes(staging, run.id, works)
    for (const w of works) {
      const r = results.find((x) => x.shop === w.shop)!
      if (w.conflict) r.conflicts.push({order: w.name, problem: w.conflict})
      else if (w.problem) r.held.push({order: w.name, problem: w.problem})
      else r.posted++
    }
    const {writes: planned, ...writes} = applied
    const http = deps.qbo.stats()
    const gqlStats = stores.map((s) => deps.shopify(s.shop).stats)
    const result: ShopifySyncResult = {
      runId: run.id,
      realmId: deps.qbo.realmId,
      dryRun,
      stores: results,
      lists,
      writes,
      planned,
      recovered: {
        writes: recovered,
        found: writer.report.found,
        resent: writer.report.resent,
        notLanded: writer.report.notLanded,
        waitedSeconds: Math.round(writer.report.waitedMs / 1000),
      },
      shopify: {
        requests: gqlStats.reduce((a, s) => a + s.requests, 0),
        throttled: gqlStats.reduce((a, s) => a + s.throttled, 0),
        waitedSeconds: Math.round(gqlStats.reduce((a, s) => a + s.waitedMs, 0) / 1000),
        cost: gqlStats.reduce((a, s) => a + s.cost, 0),
      },
      qbo: {sent: http.sent, retried: http.retried, throttled: http.throttled},
    }
    staging.runs.finish(run.id, 'finished', {...result, planned: planned.length})
    return result
  } catch (error) {
    staging.runs.finish(run.id, 'failed', {error: (error as Error).message})
    throw error
  }
}

const SETTINGS_KEY = 'shopify.settingsHash'

interface StoreChoice {
  shop: string
  prefix: string
}

/** The stores of this run, each with its DocNumber prefix (from the settings, as first recorded, or suggested). */
function chooseStores(
  staging: Staging,
  settings: ShopifySettings,
  asked: string[] | undefined,
): StoreChoice[] {
  const domains = asked?.length
    ? asked.map(normalizeDomain)
    : settings.stores.length
      ? settings.stores.map((s) => normalizeDomain(s.domain))
      : staging.shopify.stores().map((s) => s.shop)
  if (domains.length === 0)
    throw new UsageError('No Shopify store to sync.', {
      next: 'Pass --store your-shop.myshopify.com (repeat it for each store), or list the stores in the settings file.',
    })
  const taken = new Set(staging.shopify.stores().map((s) => s.prefix.toUpperCase()))
  const out: StoreChoice[] = []
  for (const shop of [...new Set(domains)]) {
    const recorded = staging.shopify.store(shop)
    const wanted = settings.stores.find((s) => normalizeDomain(s.domain) === shop)?.prefix?.toUpperCase()
    if (recorded && wanted && recorded.prefix !== wanted && staging.shopify.postings(shop).length > 0)
      throw new UsageError(
        `${shop} posts with the prefix ${recorded.prefix}; the settings now say ${wanted}.`,
        {
          next: `Put prefix: ${recorded.prefix} back for ${shop}: its documents in QBO carry it, and the sync finds them by it.`,
        },
      )
    if (!recorded && wanted && taken.has(wanted))
      throw new UsageError(`Two stores cannot share the DocNumber prefix ${wanted}.`, {
        next: 'Give each store its own prefix in the settings file.',
      })
    const prefix = wanted ?? recorded?.prefix ?? suggestPrefix(shop, taken)
    taken.add(prefix)
    staging.shopify.putStore({
      shop,
      prefix,
      currency: recorded?.currency ?? null,
      timeZone: recorded?.timeZone ?? null,
    })
    out.push({shop, prefix})
  }
  return out
}

/** `--since 2025-01-01` (midnight UTC) or an ISO instant. */
export function sinceInstant(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`
  const ms = Date.parse(text)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms))
    throw new UsageError(`--since ${text} is not a date.`, {
      next: 'Give --since as YYYY-MM-DD (UTC), e.g. --since 2025-07-01',
    })
  return new Date(ms).toISOString()
}
