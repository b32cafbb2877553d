import {readFileSync} from 'node:fs'
import {basename} from 'node:path'

import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {currentUser, renderDiff} from '../../cli/render-prices.js'
import {UserInputError} from '../../domain/errors.js'
import {clientPricesQbo, createPriceDiff, type DiffView} from '../../load/prices/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {openStaging} from '../../staging/index.js'
import {writePriceDiffWorkbook} from '../../workbooks/index.js'

export default class PricesDiff extends BaseCommand {
  static override summary =
    "Compare a supplier's price list with the items' purchase costs in QBO; writes nothing to QBO."
  static override description =
    'Reads the CSV or XLSX with the supplier’s profile (`qbo prices profiles`), reads every item from QBO, matches by SKU ' +
    'then by the supplier-code table, and stores the diff with its id: old and new cost per item, with warnings ' +
    '(a change over the threshold, a factor near a pack size, POA/TBA, an inc-GST column read as ex-GST). Items in the ' +
    'file but not in QBO, and the supplier’s items missing from the file, are listed, never created. ' +
    '`qbo prices apply ID` writes the changes.'
  static override examples = [
    '<%= config.bin %> prices diff brown-2025-08.xlsx --supplier "Brown Electrical & Sons"',
    '<%= config.bin %> prices diff list.csv --supplier Acme --profile "Acme (cartons)" --out diff.xlsx --json',
  ]
  static override args = {file: Args.string({description: 'The price list (.xlsx or .csv).', required: true})}
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    supplier: Flags.string({description: 'The supplier, as its QBO vendor name.', required: true}),
    profile: Flags.string({
      description: 'The profile to read the file with (default: the supplier’s only one).',
    }),
    out: Flags.string({description: 'Also write the diff to this .xlsx file.'}),
    threshold: Flags.string({description: 'Flag changes larger than this percentage.', default: '30'}),
  }

  async run(): Promise<DiffView> {
    const {args, flags} = await this.parse(PricesDiff)
    let bytes: Buffer
    try {
      bytes = readFileSync(args.file)
    } catch (error) {
      throw new UserInputError(
        `Cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        {
          next: 'Check the path of the price list.',
        },
      )
    }
    const staging = openStaging(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const view = await createPriceDiff(
        {
          staging,
          qbo: clientPricesQbo(client),
          logger: this.logger,
          actor: currentUser(),
          now: Date.now,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        },
        {
          file: {name: basename(args.file), bytes},
          supplier: flags.supplier,
          ...(flags.profile ? {profile: flags.profile} : {}),
          thresholdPercent: flags.threshold,
        },
      )
      if (flags.out) await writePriceDiffWorkbook(view, flags.out)
      if (!this.mode.json) {
        this.log(renderDiff(view))
        if (flags.out) this.log(`Workbook: ${flags.out}`)
      }
      return view
    } finally {
      staging.close()
    }
  }
}
