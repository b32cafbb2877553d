import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {extractSources} from '../cli/extract-sources.js'
import {realmFlag, timeScaleFromEnv} from '../cli/qbo-flags.js'
import {type QueryFileResult, queryToFile} from '../extracts/index.js'
import {openRealmClient} from '../qbo/index.js'
import {withProgress} from '../ui/progress.js'

export default class Query extends BaseCommand {
  static override summary = 'Run a QBO query to the last row and export it to CSV, xlsx or JSON Lines.'
  static override description =
    "Pages past QBO's 1,000 rows per request (ordered by Id, so records created or deleted meanwhile are neither " +
    'missed nor repeated) and flattens nested fields into dotted columns (CustomerRef.value, Line.0.Amount). ' +
    'ORDERBY, STARTPOSITION and MAXRESULTS apply to the whole result. QBO refuses to filter on PrivateNote: ' +
    "--private-note (or WHERE PrivateNote = '…' / LIKE '%…%') reads the rows the other conditions select and " +
    'matches their notes here. Reads only.'
  static override examples = [
    `<%= config.bin %> query "SELECT * FROM Invoice WHERE TxnDate >= '2025-01-01'" --out invoices.csv`,
    '<%= config.bin %> query "SELECT * FROM Customer" --format jsonl --out customers.jsonl',
    `<%= config.bin %> query "SELECT * FROM Invoice" --private-note "qbo-toolkit:xero-csv:INV-0042" --json`,
    '<%= config.bin %> query "SELECT COUNT(*) FROM Invoice"',
  ]
  static override args = {
    statement: Args.string({description: 'SELECT … FROM Entity [WHERE …]', required: true}),
  }
  static override flags = {
    realm: realmFlag,
    out: Flags.string({description: 'FILE.csv, FILE.xlsx, FILE.jsonl, or - for stdout.', default: '-'}),
    format: Flags.string({
      options: ['csv', 'xlsx', 'jsonl'],
      description: 'Output format (default: from --out).',
    }),
    'private-note': Flags.string({
      description:
        'Only records whose PrivateNote contains this text (% as a wildcard), or holds this qbo-toolkit marker.',
    }),
  }

  async run(): Promise<QueryFileResult> {
    const {args, flags} = await this.parse(Query)
    const client = openRealmClient(process.env, this.logger, {
      ...(flags.realm ? {realm: flags.realm} : {}),
      client: {timeScale: timeScaleFromEnv(process.env)},
    })
    const result = await withProgress(`Query on QBO company ${client.realmId}`, this.mode, () =>
      queryToFile(
        extractSources(client),
        {
          statement: args.statement,
          out: flags.out,
          ...(flags.format ? {format: flags.format} : {}),
          ...(flags['private-note'] !== undefined ? {privateNote: flags['private-note']} : {}),
          inline: this.mode.json,
        },
        (text) => process.stdout.write(text),
      ),
    )
    if (!this.mode.json && result.out !== '-')
      this.logToStderr(
        `${result.entity}: ${result.count ?? result.rows} rows (${result.scanned} read) -> ${result.out}`,
      )
    return result
  }
}
