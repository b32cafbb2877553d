import {mkdirSync} from 'node:fs'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../../cli/qbo-flags.js'
import {EXIT} from '../../../domain/errors.js'
import {openRealmClient} from '../../../qbo/index.js'
import {type ShopifyReconcileResult, reconcileShopify} from '../../../reconcile/shopify/reconcile.js'
import {normalizeDomain} from '../../../sources/shopify/config.js'
import {openStaging} from '../../../staging/index.js'

export default class SyncShopifyReconcile extends BaseCommand {
  static override summary =
    "Per store, Shopify's orders against their QBO documents, to the cent, in a workbook each."
  static override description =
    'Compares every order as the last sync read it (current total, received, refunded, outstanding) with the QBO ' +
    'documents the sync keeps for it, looks for marked documents it does not keep (duplicates, strays), and writes ' +
    'shopify-<prefix>-reconciliation.xlsx per store. Exit code 4 when anything differs.'
  static override examples = [
    '<%= config.bin %> sync shopify reconcile --out reports/',
    '<%= config.bin %> sync shopify reconcile --store acme-au.myshopify.com --json',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    store: Flags.string({description: 'Only this store (repeat for several).', multiple: true}),
    out: Flags.string({description: 'The folder for the workbooks.', default: '.'}),
  }

  async run(): Promise<ShopifyReconcileResult> {
    const {flags} = await this.parse(SyncShopifyReconcile)
    const staging = openStaging(flags.db)
    try {
      const qbo = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      mkdirSync(flags.out, {recursive: true})
      const result = await reconcileShopify({
        staging,
        qbo,
        now: Date.now,
        outDir: flags.out,
        ...(flags.store?.length ? {stores: flags.store.map(normalizeDomain)} : {}),
      })
      if (!this.mode.json) this.log(render(result))
      if (!result.agrees) this.setExitCode(EXIT.outsideTolerance)
      return result
    } finally {
      staging.close()
    }
  }
}

function render(r: ShopifyReconcileResult): string {
  const lines: string[] = []
  for (const s of r.stores) {
    lines.push(
      `${s.shop} (${s.prefix}): ${s.orders} orders, ${s.agree} agree, ${s.differ} differ, ${s.notPosted} not posted, ${s.extra.length} QBO documents not kept by the sync`,
    )
    for (const t of s.totals)
      lines.push(
        `  ${t.currency}: outstanding Shopify ${t.shopify.outstanding}, QBO ${t.qbo.balance}; received ${t.shopify.received} / ${t.qbo.received}; refunded ${t.shopify.refunded} / ${t.qbo.refunded}`,
      )
    if (s.file) lines.push(`  Workbook: ${s.file}`)
  }
  if (r.stores.length === 0) lines.push('No Shopify store has been synced into this migration file yet.')
  lines.push(r.agrees ? 'Every store agrees to the cent.' : 'DIFFERENCES: see the workbooks.')
  return lines.join('\n')
}
