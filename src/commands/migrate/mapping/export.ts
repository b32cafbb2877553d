import {Args} from '@oclif/core'

import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../../cli/qbo-flags.js'
import {exportMapping} from '../../../cli/mapping-io.js'
import {openRealmClient} from '../../../qbo/index.js'
import {openExistingMigration} from '../../../cli/migration-file.js'
import {nextCommand} from '../../../cli/next-step.js'
import {checkOutputFile} from '../../../cli/output-file.js'

export default class MappingExport extends BaseCommand {
  static override summary =
    'Write the account, tax code and tracking mappings to a workbook for the accountant.'
  static override examples = ['<%= config.bin %> migrate mapping export mapping.xlsx']
  static override args = {file: Args.string({required: true, description: 'The workbook to write (.xlsx).'})}
  static override flags = {db: dbFlag, realm: realmFlag}

  async run(): Promise<{file: string}> {
    const {args, flags} = await this.parse(MappingExport)
    checkOutputFile(args.file, {flag: 'mapping export', ext: '.xlsx'})
    const staging = openExistingMigration(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const result = await exportMapping({staging, client, logger: this.logger}, args.file)
      this.log(
        `Wrote ${result.file}. Next: edit the yellow cells, then run ${nextCommand(`migrate mapping import ${result.file}`, flags.db)}.`,
      )
      return result
    } finally {
      staging.close()
    }
  }
}
