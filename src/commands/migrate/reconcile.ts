import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {EXIT} from '../../domain/errors.js'
import {openRealmClient} from '../../qbo/index.js'
import {clientReadPort} from '../../reconcile/qbo-read-port.js'
import {reconcile} from '../../reconcile/reconcile.js'
import type {ReconcileResult} from '../../reconcile/result.js'
import {tolerancePolicy} from '../../reconcile/tolerance.js'
import {openExistingMigration} from '../../cli/migration-file.js'
import {checkOutputFile} from '../../cli/output-file.js'
import {systemClock} from '../../staging/clock.js'
import {withProgress} from '../../ui/progress.js'

export default class MigrateReconcile extends BaseCommand {
  static override summary =
    'Prove source and QBO agree: match every record, compare totals, write the workbook.'
  static override description =
    'Matches staged records to QBO (id map, PrivateNote marker, then heuristics for records made outside the ' +
    'tool), compares documents, the trial balance and AR/AP aging, and writes reconciliation.xlsx. ' +
    'Exit code 4 when anything is outside the tolerance.'
  static override examples = [
    '<%= config.bin %> migrate reconcile',
    '<%= config.bin %> migrate reconcile --as-of 2024-06-30 --out june.xlsx --json',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    out: Flags.string({description: 'The reconciliation workbook.', default: 'reconciliation.xlsx'}),
    'as-of': Flags.string({
      description:
        "Compare balances as at this date (YYYY-MM-DD); default: the date of the source's trial balance extracted, else today.",
    }),
    tolerance: Flags.string({description: 'Largest accepted absolute difference.', default: '0.01'}),
  }

  async run(): Promise<ReconcileResult> {
    const {flags} = await this.parse(MigrateReconcile)
    checkOutputFile(flags.out, {flag: '--out', ext: '.xlsx'})
    const staging = openExistingMigration(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const result = await withProgress(`Reconciling with QBO company ${client.realmId}`, this.mode, () =>
        reconcile(
          {staging, port: clientReadPort(client), clock: systemClock, logger: this.logger},
          {
            ...(flags['as-of'] ? {asOf: flags['as-of']} : {}),
            tolerance: tolerancePolicy(flags.tolerance),
            out: flags.out,
          },
        ),
      )
      if (!this.mode.json) this.log(render(result))
      if (!result.withinTolerance) this.setExitCode(EXIT.outsideTolerance)
      return result
    } finally {
      staging.close()
    }
  }
}

function render(r: ReconcileResult): string {
  const lines = [`Reconciliation as at ${r.asOf}: match rate ${(r.matchRate * 100).toFixed(1)}%`]
  for (const [entity, s] of Object.entries(r.entities)) {
    lines.push(
      `  ${entity.padEnd(14)} ${s.source} source, ${s.matched} matched, ${s.mismatched} mismatched, ${s.missing} missing, ${s.extra} extra`,
    )
  }
  lines.push(
    `Trial balance: ${r.trialBalance.accounts} accounts, variance ${r.trialBalance.variance.toFixed(2)}, compared with ${r.comparedWith.trialBalance}`,
  )
  lines.push(`AR and AP aging compared with ${r.comparedWith.receivables} and ${r.comparedWith.payables}`)
  lines.push(r.withinTolerance ? 'Within tolerance.' : `OUTSIDE tolerance:\n  ${r.failures.join('\n  ')}`)
  lines.push(`Workbook: ${r.out}`)
  lines.push(
    r.withinTolerance
      ? 'Next: review the workbook; its Summary sheet is the page to sign off.'
      : 'Next: the workbook lists each difference with its source record; fix the mapping or the records (`qbo migrate mapping import`, `qbo migrate load --update`) and reconcile again.',
  )
  return lines.join('\n')
}
