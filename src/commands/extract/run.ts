import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {extractSources} from '../../cli/extract-sources.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {type RunResult, runDefinitionFile} from '../../extracts/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {withProgress} from '../../ui/progress.js'

export default class ExtractRun extends BaseCommand {
  static override summary = 'Run a saved extract definition (reports, queries, changes) into one workbook.'
  static override description =
    'Reads a YAML file of extracts, runs each against QuickBooks Online and writes one xlsx: a cover sheet with ' +
    'every extract and its parameters, then a sheet per extract. Dates in the file may be relative to the day ' +
    'it runs ("start of last month", "today - 30 days"), so it can be scheduled. See docs/extracts.md for the ' +
    'format. Reads only. (`qbo migrate extract` is different: it reads a Xero or MYOB company into a migration.)'
  static override examples = [
    '<%= config.bin %> extract run extracts.yml --out month-end.xlsx',
    '<%= config.bin %> extract run extracts.yml --json',
  ]
  static override args = {file: Args.string({description: 'The extract definition (YAML).', required: true})}
  static override flags = {
    realm: realmFlag,
    out: Flags.string({description: 'The workbook (default: workbook: in the definition).'}),
  }

  async run(): Promise<RunResult> {
    const {args, flags} = await this.parse(ExtractRun)
    const client = openRealmClient(process.env, this.logger, {
      ...(flags.realm ? {realm: flags.realm} : {}),
      client: {timeScale: timeScaleFromEnv(process.env)},
    })
    const result = await withProgress(`Extracts from QBO company ${client.realmId}`, this.mode, () =>
      runDefinitionFile(
        extractSources(client),
        {file: args.file, ...(flags.out ? {out: flags.out} : {}), now: new Date(), realmId: client.realmId},
        this.logger,
      ),
    )
    if (!this.mode.json) {
      for (const x of result.extracts) this.log(`  ${x.sheet.padEnd(31)} ${x.kind.padEnd(8)} ${x.rows} rows`)
      this.log(`Workbook: ${result.out}`)
    }
    return result
  }
}
