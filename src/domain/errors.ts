/**
 * The closed set of errors the tool reports. Each carries an exit code and the next step for the user.
 * Commands render them; engines throw them. Anything else that escapes is a bug.
 */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  parked: 3,
  outsideTolerance: 4,
} as const

export type ErrorCode =
  | 'USER_INPUT'
  | 'CONFIG'
  | 'AUTH'
  | 'QBO_VALIDATION'
  | 'RETRYABLE'
  | 'USAGE'
  | 'STORAGE'
  | 'INTEGRITY'
  | 'BUG'

export interface ErrorDetails {
  /** What the user should do next: the exact command, or the file and line to fix. */
  next: string
  /** Extra structured facts (file, line, fault code, intuit_tid ...), shown under --json and --verbose. */
  data?: Record<string, unknown>
  cause?: unknown
}

export abstract class ToolError extends Error {
  abstract readonly code: ErrorCode
  readonly exitCode: number = EXIT.error
  readonly next: string
  readonly data: Record<string, unknown> | undefined

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : {cause: details.cause})
    this.name = new.target.name
    this.next = details.next
    this.data = details.data
  }
}

/** Bad input files or arguments the user can fix. */
export class UserInputError extends ToolError {
  readonly code = 'USER_INPUT'
}

/** Missing or wrong configuration (env, client id, mapping file). */
export class ConfigError extends ToolError {
  readonly code = 'CONFIG'
}

/** Not connected, consent denied, refresh token expired or revoked. */
export class AuthError extends ToolError {
  readonly code = 'AUTH'
}

/** QBO refused a write or query for a reason that retrying will not change. */
export class QboValidationError extends ToolError {
  readonly code = 'QBO_VALIDATION'
}

/** Network failure, 5xx or throttling that outlasted the retries; the run can be resumed. */
export class RetryableError extends ToolError {
  readonly code = 'RETRYABLE'
}

/** Wrong flags or arguments. */
export class UsageError extends ToolError {
  readonly code = 'USAGE'
  override readonly exitCode: number = EXIT.usage
}

/**
 * The migration file (or another file the tool writes) cannot be written or read: disk full, read-only,
 * locked by another program, removed while in use. The user's to fix; nothing already recorded is lost.
 */
export class StorageError extends ToolError {
  readonly code = 'STORAGE'
}

/** QBO holds a record of the migration twice (or otherwise breaks a promise the tool keeps): stop and look. */
export class IntegrityError extends ToolError {
  readonly code = 'INTEGRITY'
}

/** Something the tool got wrong; the message asks for a report. */
export class BugError extends ToolError {
  readonly code = 'BUG'
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError
}
