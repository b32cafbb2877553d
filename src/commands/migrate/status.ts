import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {openExistingMigration} from '../../cli/migration-file.js'
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
      if (!this.mode.json) this.log(renderStatus(status))
      return status
    } finally {
      staging.close()
    }
  }
}

function renderStatus(s: MigrationStatus): string {
  const lines = [`Migration ${s.db} (schema v${s.schemaVersion})`]
  const staged = Object.entries(s.staged)
  lines.push(staged.length ? 'Staged:' : 'Staged: nothing yet (run `qbo migrate extract`).')
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
  lines.push(`Runs: ${s.runs.length}; decisions recorded: ${s.decisions}`)
  return lines.join('\n')
}
