import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {currentUser, renderApply} from '../../cli/render-prices.js'
import {EXIT, UsageError} from '../../domain/errors.js'
import {applyPriceDiff, type ApplyResult, clientPricesQbo} from '../../load/prices/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {openStaging} from '../../staging/index.js'
import {withProgress} from '../../ui/progress.js'

export default class PricesApply extends BaseCommand {
  static override summary =
    'Write the changes of a price diff to QBO as sparse PurchaseCost updates, exactly once.'
  static override description =
    'Writes each chosen change as {Id, SyncToken, sparse: true, PurchaseCost}, 30 to a batch, through the same ' +
    'exactly-once writer as a migration load: it can be stopped at any moment and run again, and a change is never ' +
    'written twice. If someone changed an item in QBO since the diff, it is read again: a changed cost is reported ' +
    'as a conflict and kept; any other change is written over with the new SyncToken. Exit code 3 when there were ' +
    'conflicts or failures.'
  static override examples = [
    '<%= config.bin %> prices apply 7',
    '<%= config.bin %> prices apply 7 --skip ITEM-012,BE-9000 --json',
    '<%= config.bin %> prices apply 7 --dry-run',
  ]
  static override args = {
    diff: Args.integer({description: 'The diff id `qbo prices diff` printed.', required: true}),
  }
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    'dry-run': Flags.boolean({description: 'Show what would be written; send nothing.'}),
    skip: Flags.string({description: 'Leave out these changes: supplier codes or SKUs, comma-separated.'}),
    'skip-line': Flags.string({description: 'Leave out these changes by line number, comma-separated.'}),
  }

  async run(): Promise<ApplyResult> {
    const {args, flags} = await this.parse(PricesApply)
    const staging = openStaging(flags.db, {mustExist: true})
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const skipLines = flags['skip-line'] === undefined ? undefined : lineNumbers(flags['skip-line'])
      const skip = flags.skip === undefined ? undefined : list(flags.skip)
      const result = await withProgress(
        `Writing costs to QBO company ${client.realmId}`,
        this.mode,
        (progress) =>
          applyPriceDiff(
            {
              staging,
              qbo: clientPricesQbo(client),
              logger: this.logger,
              now: Date.now,
              sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
              actor: currentUser(),
              dbPath: flags.db,
              onProgress: (p) => progress.update(`${p.done}/${p.total} items`),
              onWait: (w) =>
                progress.update(
                  `Waiting ${Math.ceil((w.untilMs - w.nowMs) / 1000)} s: ${w.writes} writes sent without an answer may still be applied by QBO`,
                ),
            },
            {
              diffId: args.diff,
              dryRun: flags['dry-run'],
              ...(skipLines ? {skipLines} : {}),
              ...(skip ? {skip} : {}),
            },
          ),
      )
      if (!this.mode.json) this.log(renderApply(result))
      if (result.conflicts.length > 0 || result.failed.length > 0) this.setExitCode(EXIT.parked)
      return result
    } finally {
      staging.close()
    }
  }
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function lineNumbers(text: string): number[] {
  return list(text).map((s) => {
    if (!/^\d+$/.test(s))
      throw new UsageError(`--skip-line ${text}: "${s}" is not a line number`, {
        next: 'Give the line numbers `qbo prices show ID` prints, e.g. --skip-line 3,11.',
      })
    return Number(s)
  })
}
