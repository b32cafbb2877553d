import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {conversionFlags, conversionOption} from '../../cli/conversion-flags.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {planMigration} from '../../load/migration.js'
import {planJson} from '../../load/plan.js'
import {renderPlan} from '../../cli/render-plan.js'
import {openRealmClient} from '../../qbo/index.js'
import {openExistingMigration} from '../../cli/migration-file.js'
import {checkOutputFile} from '../../cli/output-file.js'
import {nextCommand} from '../../cli/next-step.js'
import {writePreviewWorkbook} from '../../workbooks/index.js'

export default class MigratePlan extends BaseCommand {
  static override summary = 'Show what a load would do, record by record, without writing anything to QBO.'
  static override description =
    'Maps every staged record against the target company and shows per entity what would be created, ' +
    'adopted (already in QBO), skipped or blocked (with the reason and the fix), the decisions taken, and ' +
    "an estimate of requests and minutes at QBO's limits. Same as `qbo migrate load --dry-run`."
  static override examples = [
    '<%= config.bin %> migrate plan',
    '<%= config.bin %> migrate plan --json',
    '<%= config.bin %> migrate plan --conversion-date 2024-06-30 --out preview.xlsx',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    ...conversionFlags,
    out: Flags.string({description: 'Also write the preview workbook (xlsx) here.'}),
  }

  async run(): Promise<ReturnType<typeof planJson> & {out?: string}> {
    const {flags} = await this.parse(MigratePlan)
    if (flags.out) checkOutputFile(flags.out, {flag: '--out', ext: '.xlsx'})
    const staging = openExistingMigration(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const conversion = conversionOption(flags)
      const plan = await planMigration({staging, client, logger: this.logger}, conversion ? {conversion} : {})
      if (flags.out) {
        await writePreviewWorkbook(plan, flags.out, {
          generatedAt: new Date().toISOString(),
          source: staging.staged.sourceSystems().join(', '),
          realmId: client.realmId,
          db: flags.db,
        })
      }
      if (!this.mode.json) {
        const next = plan.issues.length
          ? `Next: fix the blocked records above (each says how) and plan again, or run ${nextCommand('migrate load', flags.db)}: it loads everything else and parks those.`
          : `Next: ${nextCommand('migrate load', flags.db)} (exactly once; stop it any time and resume with --resume).`
        this.log(renderPlan(plan) + (flags.out ? `\nPreview workbook: ${flags.out}` : '') + `\n${next}`)
      }
      return {...planJson(plan), ...(flags.out ? {out: flags.out} : {})}
    } finally {
      staging.close()
    }
  }
}
