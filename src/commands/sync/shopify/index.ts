import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {realmFlag} from '../../../cli/qbo-flags.js'
import {settingsFor, shopifySyncDeps} from '../../../cli/shopify-deps.js'
import {EXIT, UsageError, isToolError} from '../../../domain/errors.js'
import {runShopifySchedule} from '../../../load/shopify/schedule.js'
import type {ShopifySyncResult} from '../../../load/shopify/sync.js'
import {webhookSecretFor} from '../../../sources/shopify/webhooks.js'
import {openStaging} from '../../../staging/index.js'
import {parseEvery} from '../../../sync/every.js'

export default class SyncShopify extends BaseCommand {
  static override summary =
    'Post Shopify orders to QBO: invoices or sales receipts, payments, refunds, exactly once.'
  static override description =
    "Reads each store's orders changed since the last run (Admin GraphQL, paced by Shopify's cost limits), and " +
    'brings their QBO documents to the posting model of docs/shopify.md: created, updated in place, or voided ' +
    'and posted again, never twice. A rerun with nothing changed writes nothing. Exit code 3 when orders were ' +
    'held back (missing QBO records, refused writes, documents changed in QBO).'
  static override examples = [
    '<%= config.bin %> sync shopify --store acme-au.myshopify.com --once',
    '<%= config.bin %> sync shopify --every 15m --json',
    '<%= config.bin %> sync shopify --dry-run --since 2025-07-01',
    '<%= config.bin %> sync shopify --every 15m --webhooks 8787',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    store: Flags.string({
      description: 'A store (its myshopify.com domain); repeat for several. Default: the settings file.',
      multiple: true,
    }),
    once: Flags.boolean({description: 'Run once and exit (the default).', exclusive: ['every']}),
    every: Flags.string({description: 'Run now and then every interval (15m, 1h) until Ctrl-C.'}),
    since: Flags.string({
      description: 'Read orders updated since this date (YYYY-MM-DD) instead of since the last run.',
    }),
    'dry-run': Flags.boolean({
      description: 'Read and plan; show what would be written to QBO, write nothing there.',
    }),
    settings: Flags.string({
      description: 'The settings file (YAML). Default: shopify.yml beside the migration file.',
      env: 'QBO_SHOPIFY_SETTINGS',
    }),
    webhooks: Flags.integer({
      description:
        'With --every: also listen on 127.0.0.1:PORT for orders/create, orders/updated and refunds/create webhooks.',
      min: 0,
      max: 65535,
    }),
  }

  async run(): Promise<ShopifySyncResult | {stopped: true}> {
    const {flags} = await this.parse(SyncShopify)
    if (flags.webhooks !== undefined && !flags.every)
      throw new UsageError('--webhooks needs --every: webhooks only speed up a sync that also polls.', {
        next: 'Add --every 15m (the poll catches what webhooks miss).',
      })
    if (flags['dry-run'] && flags.every)
      throw new UsageError('--dry-run shows one plan; it does not repeat.', {
        next: 'Drop --every, or drop --dry-run.',
      })
    const everyMs = flags.every ? parseEvery(flags.every) : undefined
    const staging = openStaging(flags.db)
    try {
      const settings = settingsFor(flags.db, flags.settings)
      const storesInRun = flags.store?.length || settings.stores.length || staging.shopify.stores().length
      const deps = shopifySyncDeps({
        env: process.env,
        logger: this.logger,
        staging,
        settings,
        storesInRun,
        ...(flags.realm ? {realm: flags.realm} : {}),
      })
      const sync = {
        ...(flags.store?.length ? {stores: flags.store} : {}),
        ...(flags.since ? {since: flags.since} : {}),
        dryRun: flags['dry-run'],
      }
      if (everyMs === undefined) {
        const result = (await runShopifySchedule(deps, {dbPath: flags.db, sync}))!
        if (!this.mode.json) this.log(render(result))
        if (result.stores.some((s) => s.held.length + s.conflicts.length + s.unread.length > 0))
          this.setExitCode(EXIT.parked)
        return result
      }
      let stop = false
      const onSignal = () => {
        stop = true
        this.logger.warn('Stopping after the run in hand…')
      }
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
      try {
        await runShopifySchedule(deps, {
          dbPath: flags.db,
          sync,
          everyMs,
          stopped: () => stop,
          ...(flags.webhooks !== undefined
            ? {
                webhooks: {
                  port: flags.webhooks,
                  secretFor: (shop: string) => webhookSecretFor(shop, process.env),
                  onListening: (url: string) => this.logger.info(`Listening for Shopify webhooks on ${url}`),
                },
              }
            : {}),
          // Under --every each run's result is one line of JSON (or text) as it finishes.
          onResult: (r) =>
            this.mode.json ? process.stdout.write(JSON.stringify(r) + '\n') : this.log(render(r)),
          onError: (e) =>
            this.logger.warn(`The run failed: ${isToolError(e) ? `${e.message} ${e.next}` : String(e)}`),
        })
      } finally {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
      return {stopped: true}
    } finally {
      staging.close()
    }
  }

  /** Under --every the runs were printed as they finished; the final document is not printed again. */
  override logJson(json: unknown): void {
    if ((json as {stopped?: boolean} | undefined)?.stopped) return
    super.logJson(json)
  }
}

function render(r: ShopifySyncResult): string {
  const lines = [
    `${r.dryRun ? 'Dry run: would write' : 'Shopify sync'} ${r.runId} into QBO company ${r.realmId}:`,
  ]
  if (r.recovered.writes > 0)
    lines.push(
      `Interrupted writes resolved: ${r.recovered.writes} (${r.recovered.found} were in QBO, ${r.recovered.resent} sent again unchanged, ${r.recovered.notLanded} had not landed).`,
    )
  for (const s of r.stores) {
    lines.push(
      `  ${s.shop} (${s.prefix}): ${s.read} orders read since ${s.since}, ${s.posted} posted, ${s.held.length} held, ${s.conflicts.length} conflicts`,
    )
    for (const h of [...s.held, ...s.conflicts].slice(0, 20)) lines.push(`    ${h.order}: ${h.problem}`)
    for (const u of s.unread) lines.push(`    ${u.name || u.id}: not read: ${u.reason}`)
  }
  if (r.lists.created.length) lines.push(`  Created in QBO: ${r.lists.created.join(', ')}`)
  for (const x of r.lists.refused) lines.push(`  Could not create: ${x}`)
  const w = r.writes
  lines.push(
    `  Documents: ${w.created} created, ${w.updated} updated, ${w.voided} voided, ${w.deleted} deleted, ${w.unchanged} unchanged.`,
  )
  if (r.dryRun)
    for (const p of r.planned.slice(0, 50))
      lines.push(`    ${p.operation} ${p.entity} ${p.docNumber ?? p.key} ${p.total ?? ''} (${p.order})`)
  lines.push(
    `  Shopify: ${r.shopify.requests} requests (cost ${r.shopify.cost}, ${r.shopify.throttled} throttled, waited ${r.shopify.waitedSeconds} s); QBO: ${r.qbo.sent} requests.`,
  )
  return lines.join('\n')
}
