import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {openExistingMigration} from '../../cli/migration-file.js'
import {nextCommand} from '../../cli/next-step.js'
import {type MigrationStatus, migrationStatus} from '../../staging/status.js'

export default class MigrateStatus extends BaseCommand {
  static override summary = 'Show what is staged, loaded, parked and reconciled in a migration.'
  static override examples = [
    '<%= config.bin %> migrate status',
    '<%= config.bin %> migrate status --db acme.db --json',
  ]
  static override flags = {db: dbFlag}

  async run(): Promise<MigrationStatus> {
    const {flags} = await this.parse(MigrateStatus)
    const staging = openExistingMigration(flags.db)
    try {
      const status = migrationStatus(staging, flags.db)
      if (!this.mode.json) this.log(renderStatus(status, flags.db))
      return status
    } finally {
      staging.close()
    }
  }
}

function renderStatus(s: MigrationStatus, db: string): string {
  const lines = [`Migration ${s.db} (schema v${s.schemaVersion})`]
  const staged = Object.entries(s.staged)
  lines.push(staged.length ? 'Staged:' : 'Staged: nothing yet.')
  for (const [kind, n] of staged) lines.push(`  ${kind.padEnd(18)} ${n}`)
  const loaded = Object.entries(s.loaded)
  if (loaded.length) {
    lines.push('Loaded:')
    for (const [entity, c] of loaded) {
      lines.push(
        `  ${entity.padEnd(18)} ${c.created} created, ${c.adopted} adopted, ${s.parked[entity] ?? 0} parked`,
      )
    }
  }
  const r = s.reconciled
  if (!r) lines.push('Reconciled: not yet.')
  else if (r.matchRate !== undefined)
    lines.push(
      `Reconciled ${r.finishedAt ?? ''}: match rate ${(r.matchRate * 100).toFixed(1)}%, ` +
        `${r.withinTolerance ? 'within tolerance' : 'OUTSIDE tolerance'}${r.out ? `; workbook ${r.out}` : ''}`,
    )
  else
    lines.push(
      `Reconciled: the latest reconciliation ${r.status === 'failed' ? 'failed' : 'did not finish'}.`,
    )
  lines.push(`Runs: ${s.runs.length}; decisions recorded: ${s.decisions}`)
  const last = s.runs.filter((run) => run.kind === 'load').at(-1)
  if (last?.status === 'interrupted' || last?.status === 'failed')
    lines.push(
      `The latest load ${last.id} is ${last.status}: ${nextCommand('migrate load --resume', db)} finishes it.`,
    )
  else if (!staged.length)
    lines.push(`Next: ${nextCommand('migrate extract --from myob|xero-csv|xero-api PATH', db)}.`)
  else if (!loaded.length) lines.push(`Next: ${nextCommand('migrate plan --out preview.xlsx', db)}.`)
  else if (!r) lines.push(`Next: ${nextCommand('migrate reconcile --out reconciliation.xlsx', db)}.`)
  return lines.join('\n')
}
