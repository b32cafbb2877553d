import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {selectionFlags, selectionOf, storageFlags, storageOf} from '../../cli/po-flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {listPurchaseOrders, type PoListResult} from '../../po/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {openStaging} from '../../staging/index.js'

export default class PoList extends BaseCommand {
  static override summary = 'List purchase orders with their tags and ship dates.'
  static override description =
    'Reads only. Tags and ship dates are read where `qbo po batch` writes them (docs/purchase-orders.md): ' +
    "PrivateNote's first line and DueDate, or the custom fields named with --tag-field / --ship-date-field."
  static override examples = [
    '<%= config.bin %> po list --status open --from 2025-03-01',
    '<%= config.bin %> po list --tag wave-12 --json',
    '<%= config.bin %> po list --vendor "Acme Supplies" --out acme.csv',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    ...selectionFlags,
    tag: Flags.string({description: 'Only purchase orders carrying this tag.'}),
    ...storageFlags,
    out: Flags.string({description: 'Also write the list to this CSV file.'}),
  }

  async run(): Promise<PoListResult> {
    const {flags} = await this.parse(PoList)
    const selection = selectionOf({...flags, ...(flags.tag ? {tagged: flags.tag} : {})})
    const staging = openStaging(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const result = await listPurchaseOrders({staging, client}, selection, storageOf(flags), flags.out)
      if (!this.mode.json) this.log(render(result))
      return result
    } finally {
      staging.close()
    }
  }
}

function render(r: PoListResult): string {
  const lines = r.purchaseOrders.map(
    (p) =>
      `${(p.docNumber ?? p.id).padEnd(12)} ${(p.txnDate ?? '').padEnd(10)} ${(p.status ?? '').padEnd(6)} ` +
      `${(p.total ?? '').padStart(10)}  ${(p.vendor ?? '').slice(0, 28).padEnd(28)} ship ${(p.shipDate ?? '-').padEnd(10)} ` +
      `${p.tags.length ? `tags ${p.tags.join(', ')}` : ''}`,
  )
  lines.push(
    `${r.count} purchase orders (tags in ${r.storage.tag}; ship date in ${r.storage.shipDate})${r.out ? ` -> ${r.out}` : ''}`,
  )
  return lines.join('\n')
}
