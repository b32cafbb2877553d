import {dirname, join, relative} from 'node:path'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {checkOutputFolder} from '../../cli/output-file.js'
import {type DemoResult, type DemoSource, runDemo} from '../../demo/demo.js'
import {EXIT} from '../../domain/errors.js'
import {withProgress} from '../../ui/progress.js'

export default class MigrateDemo extends BaseCommand {
  static override summary =
    'Run the whole migration on the bundled demo company against a local QBO emulator.'
  static override description =
    'Extracts the demo company (an Australian business with 500 invoices, 300 bills, payments, credit notes, ' +
    'journals, tracking and a foreign currency) with its own trial balance and aged summaries, plans, loads it into ' +
    'an in-process QBO emulator and reconciles against those reports, writing the workbooks into --out. ' +
    'Nothing leaves this machine.'
  static override examples = [
    '<%= config.bin %> migrate demo',
    '<%= config.bin %> migrate demo --out ./demo --json',
  ]
  static override flags = {
    out: Flags.string({
      description: 'Folder for the migration file and the workbooks.',
      default: './demo-out',
    }),
    source: Flags.string({
      description:
        'Which export of the demo company to start from: MYOB files, Xero CSV files (a conversion-date migration: those exports carry no payments), or the Xero API (served by a local Xero emulator).',
      options: ['myob', 'xero-csv', 'xero-api'],
      default: 'myob',
    }),
    'time-scale': Flags.integer({
      description: "Divide QBO's time windows by N in the emulator and client.",
      default: 60,
      min: 1,
    }),
  }

  async run(): Promise<DemoResult> {
    const {flags} = await this.parse(MigrateDemo)
    checkOutputFolder(flags.out, '--out')
    const result = await withProgress('Demo migration', this.mode, (progress) =>
      runDemo(
        this.logger,
        {out: flags.out, source: flags.source as DemoSource, timeScale: flags['time-scale']},
        (s) => progress.update(`${s.step}: ${s.message}`),
      ),
    )
    if (!this.mode.json) this.log(render({...result, timeScale: flags['time-scale']}))
    if (result.load.parked > 0) this.setExitCode(EXIT.parked)
    else if (!result.withinTolerance) this.setExitCode(EXIT.outsideTolerance)
    return result
  }
}

/** Paths as the user typed them (relative to the folder they ran the demo from), to paste. */
function rel(path: string): string {
  const r = relative(process.cwd(), path)
  return r.startsWith('..') ? path : r
}

function render(r: DemoResult & {timeScale: number}): string {
  return [
    `Demo company (${r.source} exports) migrated into the local QBO emulator (realm ${r.realmId}).`,
    `  Migration file:   ${r.db}`,
    `  Preview:          ${r.preview}`,
    `  Reconciliation:   ${r.reconciliation}`,
    `  Parked records:   ${r.load.parked}`,
    `  Result files:     ${r.load.files.written} (each record written, with its QBO id)`,
    `                    ${r.load.files.parked} (records QBO refused, with the fix)`,
    ...(r.conversionDate
      ? [
          `  Conversion date:  ${r.conversionDate} (Xero CSV exports carry no payments: opening balances at the date)`,
        ]
      : []),
    `  Compared with:    ${r.comparedWith}`,
    `  Match rate:       ${(r.matchRate * 100).toFixed(1)}% (source transactions in QBO and agreeing; the workbook's Summary explains)`,
    `  Trial balance:    variance ${r.trialBalanceVariance.toFixed(2)} (${r.withinTolerance ? 'within tolerance' : 'OUTSIDE tolerance'})`,
    `Next: open the reconciliation workbook (its Summary sheet is the sign-off page).`,
    `  To go on with this migration yourself, serve the demo's QBO company again and use its settings:`,
    `    qbo emulator start --data ${rel(r.emulatorDb)} --time-scale ${r.timeScale} --env-out ${rel(join(dirname(r.db), 'emulator.env'))}`,
    `    then, in another terminal: . ${rel(join(dirname(r.db), 'emulator.env'))} && qbo migrate plan --db ${rel(r.db)}`,
    `  To migrate your own company: \`qbo migrate extract --from myob ./exports\` (README, "A real migration").`,
  ].join('\n')
}
