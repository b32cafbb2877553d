import {Flags} from '@oclif/core'

/** The staging file of a migration (CLI.md: --db, env QBO_MIGRATION_DB, default ./migration.db). */
export const dbFlag = Flags.string({
  description: 'The migration staging SQLite file.',
  env: 'QBO_MIGRATION_DB',
  default: './migration.db',
})
