/**
 * The command a user runs next, ready to paste: `--db FILE` is added when the migration file is not the
 * default one, so the step works from the same folder as the command that printed it.
 */
export function nextCommand(command: string, db: string | undefined): string {
  const usesDefault = db === undefined || db === './migration.db' || db === 'migration.db'
  const quoted = db && /[\s'"$`\\]/.test(db) ? `'${db.replaceAll("'", "'\\''")}'` : db
  return `\`qbo ${command}${usesDefault ? '' : ` --db ${quoted}`}\``
}
