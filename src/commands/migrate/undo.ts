import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {EXIT} from '../../domain/errors.js'
import {runUndo, type UndoResult} from '../../load/undo.js'
import {openRealmClient} from '../../qbo/index.js'
import {openExistingMigration} from '../../cli/migration-file.js'
import {withProgress} from '../../ui/progress.js'

export default class MigrateUndo extends BaseCommand {
  static override summary = 'Take out of QBO what a load created, exactly once.'
  static override description =
    'Deletes the transactions a load run created and makes the list records it created (accounts, customers, ' +
    'vendors, items, classes…) inactive, payments first and parents last. Records the load adopted are left ' +
    'alone; a record changed in QBO after the load is refused (listed) unless --force. Can be stopped at any ' +
    'moment and run again: it never undoes a record twice. Writes <run>-undone.csv and <run>-refused.csv ' +
    'beside the database. Exit code 3 when records were left in QBO. See docs/corrections.md.'
  static override examples = [
    '<%= config.bin %> migrate undo --dry-run',
    '<%= config.bin %> migrate undo',
    '<%= config.bin %> migrate undo --run load-20240701T090000-1a2b3c4d --json',
    '<%= config.bin %> migrate undo --all --force',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    run: Flags.string({
      description: 'Undo this load run (default: the latest load run with records still in QBO).',
      exclusive: ['all'],
    }),
    all: Flags.boolean({description: 'Undo every load run of this migration file.', exclusive: ['run']}),
    'dry-run': Flags.boolean({description: 'List what would be undone (and what refused); writes nothing.'}),
    force: Flags.boolean({description: 'Undo records changed in QBO after the load too.'}),
    'batch-size': Flags.integer({description: 'Items per batch request.', default: 30, min: 1, max: 30}),
  }

  async run(): Promise<UndoResult> {
    const {flags} = await this.parse(MigrateUndo)
    const staging = openExistingMigration(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const options = {
        ...(flags.run ? {runId: flags.run} : {}),
        ...(flags.all ? {all: true} : {}),
        ...(flags['dry-run'] ? {dryRun: true} : {}),
        ...(flags.force ? {force: true} : {}),
        batchSize: flags['batch-size'],
        dbPath: flags.db,
      }
      const result = await withProgress(`Undoing in QBO company ${client.realmId}`, this.mode, (progress) =>
        runUndo(
          {
            staging,
            client,
            logger: this.logger,
            now: Date.now,
            sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
            onProgress: (p) => progress.update(`${p.entity}: ${p.done} of ${p.total} undone`),
            onWait: (w) =>
              progress.update(
                `Waiting ${Math.ceil((w.untilMs - w.nowMs) / 1000)} s: ${w.writes} undo writes sent without an answer ` +
                  'may still be applied by QBO; they are looked up after that, never sent twice',
              ),
          },
          options,
        ),
      )
      if (!this.mode.json) this.log(render(result))
      if (result.refused.length + result.failed.length > 0) this.setExitCode(EXIT.parked)
      return result
    } finally {
      staging.close()
    }
  }
}

function render(r: UndoResult): string {
  const runs = r.loadRuns.length > 0 ? r.loadRuns.join(', ') : '(none)'
  const lines = [
    r.dryRun
      ? `Undo of load ${runs} in QBO company ${r.realmId} (dry run: nothing has been written):`
      : `Undo ${r.runId} of load ${runs} in QBO company ${r.realmId}:`,
  ]
  if (r.recovered.writes > 0) {
    lines.push(
      `Interrupted undo writes resolved: ${r.recovered.writes} (${r.recovered.found} were done in QBO, ` +
        `${r.recovered.resent} sent again unchanged, ${r.recovered.notLanded} had not landed).`,
    )
  }
  const verb = r.dryRun ? 'to delete' : 'deleted'
  const inactive = r.dryRun ? 'to make inactive' : 'made inactive'
  for (const [entity, c] of Object.entries(r.entities)) {
    const parts = [c.deleted && `${c.deleted} ${verb}`, c.deactivated && `${c.deactivated} ${inactive}`]
    if (c.gone) parts.push(`${c.gone} already gone`)
    if (c.refused) parts.push(`${c.refused} refused`)
    if (c.failed) parts.push(`${c.failed} failed`)
    lines.push(`  ${entity.padEnd(14)} ${parts.filter(Boolean).join(', ') || 'nothing'}`)
  }
  if (Object.keys(r.entities).length === 0) lines.push('  Nothing to undo.')
  if (r.adoptedLeft > 0)
    lines.push(`Left alone: ${r.adoptedLeft} records the load adopted (they were in QBO before it).`)
  const left = [...r.refused, ...r.failed]
  if (left.length > 0) {
    lines.push(`Left in QBO: ${left.length} records${r.files ? `, see ${r.files.refused}` : ''}:`)
    for (const x of left.slice(0, 20)) lines.push(`  ${x.entity} ${x.qboId} (${x.sourceId}): ${x.message}`)
    if (left.length > 20) lines.push(`  … and ${left.length - 20} more`)
    if (r.refused.length > 0)
      lines.push('Check them in QBO; `qbo migrate undo --force` undoes changed records anyway.')
  }
  if (r.files) lines.push(`Undone: ${r.files.undone}`)
  return lines.join('\n')
}
