import {type Delivery, startWebhookReceiver} from '../../sources/shopify/webhooks.js'
import {runEvery} from '../../sync/every.js'
import {withJobLock} from '../../sync/lock.js'
import {type ShopifySyncDeps, type ShopifySyncOptions, type ShopifySyncResult, syncShopify} from './sync.js'
import {JOB} from './writes.js'

export interface ScheduleOptions {
  dbPath: string
  sync: ShopifySyncOptions
  /** Run again this often (start to start) until stopped; once when absent. */
  everyMs?: number
  stopped?: () => boolean
  /** Listen for Shopify's order webhooks on 127.0.0.1 (only with everyMs: the poll still runs). */
  webhooks?: {
    port: number
    secretFor: (shop: string) => string | undefined
    onListening?: (url: string) => void
  }
  onResult?: (r: ShopifySyncResult) => void
  onError?: (e: unknown) => void
}

/** After a webhook, wait this long for others about the same burst of changes before running. */
const WEBHOOK_SETTLE_MS = 2_000

/**
 * `qbo sync shopify`: one run under the job's lock, or a run every `everyMs` (a failed run is reported and the
 * schedule goes on). With webhooks, a genuine, new delivery runs the sync for its shop soon after, between
 * the scheduled runs (never at the same time as one); repeated deliveries are recognised by their id.
 */
export async function runShopifySchedule(
  deps: ShopifySyncDeps,
  options: ScheduleOptions,
): Promise<ShopifySyncResult | undefined> {
  const run = (sync: ShopifySyncOptions) => withJobLock(options.dbPath, JOB, () => syncShopify(deps, sync))
  if (options.everyMs === undefined) return run(options.sync)
  let chain: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn)
    chain = next.catch(() => undefined)
    return next
  }
  const dirty = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const receiver = options.webhooks
    ? await startWebhookReceiver({
        port: options.webhooks.port,
        secretFor: options.webhooks.secretFor,
        record: (d: Delivery) => deps.staging.shopify.recordWebhook(d.webhookId, d.shop, d.topic, d.orderId),
        onChange: (d) => {
          dirty.add(d.shop)
          timer ??= setTimeout(() => {
            timer = undefined
            const stores = [...dirty]
            dirty.clear()
            serial(() => run({...options.sync, stores, since: undefined})).then(
              options.onResult,
              options.onError,
            )
          }, WEBHOOK_SETTLE_MS)
        },
      })
    : undefined
  if (receiver) options.webhooks?.onListening?.(receiver.url)
  // --since re-reads once; the runs after it go on from the watermarks.
  let first = true
  const scheduled = () => {
    const sync = first ? options.sync : {...options.sync, since: undefined}
    first = false
    return serial(() => run(sync))
  }
  try {
    await runEvery(
      {now: deps.now, sleep: deps.sleep, stopped: options.stopped ?? (() => false)},
      options.everyMs,
      scheduled,
      {
        ...(options.onResult ? {onResult: options.onResult} : {}),
        onError: options.onError ?? (() => undefined),
      },
    )
  } finally {
    if (timer) clearTimeout(timer)
    await receiver?.close()
    await chain
  }
  return undefined
}
