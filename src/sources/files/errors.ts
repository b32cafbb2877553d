import {UserInputError} from '../../domain/errors.js'

/** Where in a file a problem is: 1-based line, and the column by header name when there is one. */
export interface FilePosition {
  file: string
  line?: number
  column?: string
}

/** A refusal of one file with file, line, column and reason, as every bad-input error must carry. */
export function fileError(at: FilePosition, reason: string, next?: string): UserInputError {
  const where = [
    at.file,
    at.line === undefined ? undefined : `line ${at.line}`,
    at.column && `column ${at.column}`,
  ]
    .filter(Boolean)
    .join(', ')
  return new UserInputError(`${where}: ${reason}`, {
    next:
      next ??
      `Fix ${at.file}${at.line === undefined ? '' : ` at line ${at.line}`} and run the extract again.`,
    data: {file: at.file, line: at.line ?? null, column: at.column ?? null, reason},
  })
}
