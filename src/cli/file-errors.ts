import {StorageError} from '../domain/errors.js'

const AGAIN =
  'then run the same command again: everything recorded before the error is intact (a load continues with `qbo migrate load --resume`).'

/**
 * Ordinary storage failures, as the user's to fix rather than as a bug: SQLite's errors on the migration
 * file (better-sqlite3 gives SQLite's own code, e.g. SQLITE_FULL) and the file-system errors of the files
 * the tool writes (workbooks, result files). Anything else: undefined.
 */
export function storageErrorOf(error: unknown): StorageError | undefined {
  const e = error as {code?: unknown; path?: unknown; message?: unknown}
  if (!e || typeof e !== 'object' || typeof e.code !== 'string') return undefined
  const code = e.code
  const said = typeof e.message === 'string' ? e.message : code
  if (code.startsWith('SQLITE_')) return sqliteError(code, said, error)
  return fileError(code, typeof e.path === 'string' ? userPath(e.path) : undefined, said, error)
}

function sqliteError(code: string, said: string, cause: unknown): StorageError | undefined {
  const make = (message: string, next: string) =>
    new StorageError(`${message} (SQLite: ${said})`, {next, data: {sqlite: code}, cause})
  if (code === 'SQLITE_FULL') {
    return make(
      'The disk that holds the migration file is full.',
      `Free space on that disk (or move the migration file elsewhere and pass --db), ${AGAIN}`,
    )
  }
  if (code === 'SQLITE_READONLY_DBMOVED') {
    return make(
      'The migration file was moved or deleted while the command was using it.',
      `Put the file back where it was (or pass --db with where it is now), ${AGAIN}`,
    )
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return make(
      'The migration file cannot be written: it, its folder or its disk is read-only.',
      `Make the file, the -wal and -shm files beside it, and their folder writable, ${AGAIN}`,
    )
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return make(
      'Another program is holding the migration file locked.',
      `Close the other program that has it open (another qbo command, a database viewer), ${AGAIN}`,
    )
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return make(
      'Reading or writing the migration file failed at the disk.',
      `Check that the disk is healthy and the file is still where it was, ${AGAIN}`,
    )
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return make(
      'The migration file cannot be opened.',
      'Check the path given with --db, and that its folder exists and can be written to.',
    )
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return make(
      'The migration file is damaged, or is not a qbo-toolkit migration file.',
      'Check the path given with --db; restore the file from a backup if it was damaged.',
    )
  }
  return undefined
}

const FILE_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file of that name is already there',
}

/** The user's own file name, not the temporary file it is written through first (src/workbooks/atomic.ts). */
function userPath(path: string): string {
  return path.replace(/(^|[/\\])\.([^/\\]+)\.\d+\.[0-9a-f]{8}\.tmp$/, '$1$2')
}

function fileError(code: string, path: string | undefined, said: string, cause: unknown) {
  const reason = FILE_REASONS[code]
  if (!reason) return undefined
  const what = path ? `"${path}"` : 'a file'
  const verb = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS' ? 'write' : 'use'
  return new StorageError(`Cannot ${verb} ${what}: ${reason}.`, {
    next:
      code === 'ENOENT'
        ? `Create the folder first (or choose another path), ${AGAIN}`
        : `Choose a path you can write to, or fix the disk or permissions, ${AGAIN}`,
    data: {code, ...(path ? {path} : {}), detail: said},
    cause,
  })
}
