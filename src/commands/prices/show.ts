import {Args} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {renderDiff} from '../../cli/render-prices.js'
import {type DiffView, diffView} from '../../load/prices/index.js'
import {openStaging} from '../../staging/index.js'

export default class PricesShow extends BaseCommand {
  static override summary = 'Show a stored price diff: its lines, what was chosen and what was written.'
  static override examples = ['<%= config.bin %> prices show 7', '<%= config.bin %> prices show 7 --json']
  static override args = {diff: Args.integer({description: 'The diff id.', required: true})}
  static override flags = {db: dbFlag}

  async run(): Promise<DiffView> {
    const {args, flags} = await this.parse(PricesShow)
    const staging = openStaging(flags.db, {mustExist: true})
    try {
      const view = diffView(staging, args.diff)
      if (!this.mode.json) this.log(renderDiff(view))
      return view
    } finally {
      staging.close()
    }
  }
}
