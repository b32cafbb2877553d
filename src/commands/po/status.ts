import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {renderPoBatch} from '../../cli/render-po.js'
import {listPoBatches, type PoBatchListEntry, type PoBatchResult, poBatchStatus} from '../../po/index.js'
import {openExistingMigration} from '../../cli/migration-file.js'

export default class PoStatus extends BaseCommand {
  static override summary = 'Where purchase-order batches stand: every batch, or one in full.'
  static override description = 'Reads the migration file only (no QBO call).'
  static override examples = [
    '<%= config.bin %> po status',
    '<%= config.bin %> po status --batch po-20250301T101500-1a2b3c --json',
  ]
  static override flags = {
    db: dbFlag,
    batch: Flags.string({
      description: 'Show this batch in full: per step and state, and what needs attention.',
    }),
  }

  async run(): Promise<{batches: PoBatchListEntry[]} | PoBatchResult> {
    const {flags} = await this.parse(PoStatus)
    const staging = openExistingMigration(flags.db)
    try {
      if (flags.batch) {
        const s = poBatchStatus(staging, flags.batch)
        if (!this.mode.json) this.log(renderPoBatch(s))
        return s
      }
      const batches = listPoBatches(staging)
      if (!this.mode.json)
        this.log(
          batches.length === 0
            ? 'No purchase-order batches yet.'
            : batches
                .map(
                  (b) =>
                    `${b.batchId}  ${b.status.padEnd(8)} ${b.purchaseOrders} purchase orders, ${b.emailed} emailed, ` +
                    `${b.needsAttention} need attention (started ${b.createdAt})`,
                )
                .join('\n'),
        )
      return {batches}
    } finally {
      staging.close()
    }
  }
}
