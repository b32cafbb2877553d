import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {UsageError} from '../../../domain/errors.js'
import {setStoreMapping} from '../../../load/shipstation/index.js'
import {openStaging} from '../../../staging/index.js'
import type {StoreMapping} from '../../../staging/shipstation.js'

export default class SyncShipStationMap extends BaseCommand {
  static override summary = "Set how a ShipStation store's orders find their QBO invoices."
  static override description =
    'prefix: the invoice DocNumber is the prefix and the order number ("S1-" + "#1001" → S1-1001). ' +
    'customer: the DocNumber is the order number and the invoice is for this QBO customer id. ' +
    'marker: a line of the invoice PrivateNote, with {order}, {orderKey}, {orderId} or {store} filled in ' +
    '(QBO cannot search PrivateNote: invoices are read by date and searched locally). Two stores may not share ' +
    'a prefix or a customer: their order numbers collide.'
  static override examples = [
    '<%= config.bin %> sync shipstation map 310001 --by prefix --value S1-',
    '<%= config.bin %> sync shipstation map 310002 --by customer --value 58',
    "<%= config.bin %> sync shipstation map 310001 --by marker --value 'qbo-toolkit:myob:{orderKey}'",
    '<%= config.bin %> sync shipstation map 310002 --remove',
  ]
  static override args = {store: Args.string({required: true, description: 'The ShipStation store id.'})}
  static override flags = {
    db: dbFlag,
    by: Flags.string({options: ['prefix', 'customer', 'marker'], description: 'How invoices are found.'}),
    value: Flags.string({
      description: 'The DocNumber prefix, the QBO customer id, or the PrivateNote line template.',
    }),
    name: Flags.string({description: 'A name for the store (shown in reports).'}),
    remove: Flags.boolean({description: 'Stop syncing this store (its history stays).'}),
  }

  async run(): Promise<{storeId: string; removed?: boolean; mapping?: StoreMapping}> {
    const {args, flags} = await this.parse(SyncShipStationMap)
    const staging = openStaging(flags.db)
    try {
      if (flags.remove) {
        const removed = staging.shipstation.removeMapping(args.store)
        if (!this.mode.json)
          this.log(
            removed ? `Store ${args.store} is no longer synced.` : `Store ${args.store} was not mapped.`,
          )
        return {storeId: args.store, removed}
      }
      if (!flags.by || flags.value === undefined) {
        throw new UsageError('Give --by and --value (or --remove).', {
          next: 'e.g. `qbo sync shipstation map 310001 --by prefix --value S1-`',
        })
      }
      const mapping = setStoreMapping(staging, {
        storeId: args.store,
        ...(flags.name ? {storeName: flags.name} : {}),
        matchBy: flags.by as StoreMapping['matchBy'],
        matchValue: flags.value,
      })
      if (!this.mode.json)
        this.log(`Store ${mapping.storeId}: invoices found by ${mapping.matchBy} "${mapping.matchValue}".`)
      return {storeId: args.store, mapping}
    } finally {
      staging.close()
    }
  }
}
