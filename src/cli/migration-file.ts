import {existsSync} from 'node:fs'
import {resolve} from 'node:path'

import {UserInputError} from '../domain/errors.js'
import {openStaging, type Staging} from '../staging/index.js'

/**
 * Opens a migration file that must already exist. Only `qbo migrate extract` makes one: a mistyped --db
 * must not become a new empty file that `status` calls "nothing yet" and `reconcile` calls a 100% match.
 */
export function openExistingMigration(db: string): Staging {
  if (db !== ':memory:' && !existsSync(db)) {
    const full = resolve(db)
    throw new UserInputError(`There is no migration file at ${full}.`, {
      next:
        'Check --db (or QBO_MIGRATION_DB; the default is ./migration.db in the current folder). ' +
        'A migration file is made by `qbo migrate extract` (the demo makes demo-out/demo.db).',
      data: {db: full},
    })
  }
  return openStaging(db, {mustExist: true})
}
