import {writeFileSync} from 'node:fs'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {auditCsv} from '../../load/prices/index.js'
import {openStaging} from '../../staging/index.js'

export default class PricesAudit extends BaseCommand {
  static override summary =
    'Export the audit log of costs written (who, when, file hash, old, new, QBO answer) as CSV.'
  static override examples = [
    '<%= config.bin %> prices audit --out price-audit.csv',
    '<%= config.bin %> prices audit --diff 7',
  ]
  static override enableJsonFlag = false
  static override flags = {
    db: dbFlag,
    diff: Flags.integer({description: 'Only this price diff.'}),
    out: Flags.string({description: 'Write the CSV here (default: stdout).'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(PricesAudit)
    const staging = openStaging(flags.db, {mustExist: true})
    try {
      const csv = auditCsv(staging, flags.diff === undefined ? {} : {diffId: flags.diff})
      if (flags.out) {
        writeFileSync(flags.out, csv)
        this.logToStderr(`Audit log: ${flags.out}`)
      } else process.stdout.write(csv)
    } finally {
      staging.close()
    }
  }
}
