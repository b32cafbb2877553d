import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {renderHistory} from '../../cli/render-prices.js'
import {type DiffSummary, listDiffs} from '../../load/prices/index.js'
import {openStaging} from '../../staging/index.js'

export default class PricesHistory extends BaseCommand {
  static override summary = 'List past price lists, latest first, with what each changed.'
  static override examples = ['<%= config.bin %> prices history', '<%= config.bin %> prices history --json']
  static override flags = {db: dbFlag}

  async run(): Promise<{diffs: DiffSummary[]}> {
    const {flags} = await this.parse(PricesHistory)
    const staging = openStaging(flags.db, {mustExist: true})
    try {
      const diffs = listDiffs(staging)
      if (!this.mode.json) this.log(renderHistory(diffs))
      return {diffs}
    } finally {
      staging.close()
    }
  }
}
