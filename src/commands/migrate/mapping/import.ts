import {Args} from '@oclif/core'

import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../../cli/qbo-flags.js'
import {importMapping} from '../../../cli/mapping-io.js'
import {openRealmClient} from '../../../qbo/index.js'
import {openExistingMigration} from '../../../cli/migration-file.js'
import {nextCommand} from '../../../cli/next-step.js'

export default class MappingImport extends BaseCommand {
  static override summary =
    "Read the accountant's edited mapping workbook back, check it, and use it from now on."
  static override examples = ['<%= config.bin %> migrate mapping import mapping.xlsx']
  static override args = {file: Args.string({required: true, description: 'The edited workbook (.xlsx).'})}
  static override flags = {db: dbFlag, realm: realmFlag}

  async run(): Promise<Awaited<ReturnType<typeof importMapping>>> {
    const {args, flags} = await this.parse(MappingImport)
    const staging = openExistingMigration(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const result = await importMapping({staging, client, logger: this.logger}, args.file)
      if (result.changes.length > 0) {
        // Said before the summary: an older workbook imported over newer choices undoes them silently otherwise.
        this.log(
          `This workbook drops or changes ${result.changes.length} earlier choice${result.changes.length === 1 ? '' : 's'}:\n` +
            result.changes
              .map((c) => `  ${c.what} ${c.key}: was ${c.before}, now ${c.after || '(none)'}`)
              .join('\n') +
            '\nIf that was not meant, import the workbook that holds them (or edit this one) again.',
        )
      }
      this.log(
        `Imported ${result.accounts} account, ${result.taxCodes} tax code and ${result.tracking} tracking choices. ` +
          (result.suppliedFacts
            ? `The ${result.suppliedFacts} freight accounts and exchange rates apply to records as they are staged. Next: run \`qbo migrate extract\` again, then ${nextCommand('migrate plan', flags.db)}.`
            : `Next: ${nextCommand('migrate plan --out preview.xlsx', flags.db)} shows their effect.`),
      )
      return result
    } finally {
      staging.close()
    }
  }
}
