import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {extractSources} from '../../cli/extract-sources.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {type ChangesFileResult, changesToFile} from '../../extracts/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {withProgress} from '../../ui/progress.js'

export default class ExtractChanges extends BaseCommand {
  static override summary = 'Export what changed in QuickBooks Online since a time (change data capture).'
  static override description =
    "Reads QBO's change data capture for each entity: changed records in full and deleted ones marked Deleted. " +
    'QBO answers at most 1,000 objects per request and looks back at most 30 days; past 1,000 the extract asks ' +
    'again from the last change it saw. An older --since is refused with the query to run instead. Reads only. ' +
    '(`qbo migrate extract` is different: it reads a Xero or MYOB company into a migration.)'
  static override examples = [
    '<%= config.bin %> extract changes --entities Invoice,Item --since 7d --out changes.xlsx',
    '<%= config.bin %> extract changes --entities Customer --since 2025-06-01T00:00:00Z --format jsonl --out -',
  ]
  static override flags = {
    realm: realmFlag,
    entities: Flags.string({
      description: 'Entity names, comma-separated (Invoice,Item,Customer …).',
      required: true,
    }),
    since: Flags.string({
      description:
        'An ISO time, a date (midnight UTC), or a duration back from now (7d, 12h); at most 30 days back.',
      required: true,
    }),
    out: Flags.string({
      description: 'FILE.xlsx (a sheet per entity), FILE.csv, FILE.jsonl, or - for stdout.',
      default: '-',
    }),
    format: Flags.string({
      options: ['csv', 'xlsx', 'jsonl'],
      description: 'Output format (default: from --out).',
    }),
  }

  async run(): Promise<ChangesFileResult> {
    const {flags} = await this.parse(ExtractChanges)
    const client = openRealmClient(process.env, this.logger, {
      ...(flags.realm ? {realm: flags.realm} : {}),
      client: {timeScale: timeScaleFromEnv(process.env)},
    })
    const result = await withProgress(`Changes in QBO company ${client.realmId}`, this.mode, () =>
      changesToFile(
        extractSources(client),
        {
          entities: flags.entities
            .split(',')
            .map((e) => e.trim())
            .filter(Boolean),
          since: flags.since,
          now: new Date(),
          out: flags.out,
          ...(flags.format ? {format: flags.format} : {}),
          inline: this.mode.json,
        },
        this.logger,
        (text) => process.stdout.write(text),
      ),
    )
    if (!this.mode.json && result.out !== '-') {
      const per = Object.entries(result.entities).map(
        ([e, c]) => `${e} ${c.changed} changed, ${c.deleted} deleted`,
      )
      this.logToStderr(`Since ${result.since}: ${per.join('; ')} -> ${result.out}`)
    }
    return result
  }
}
