import {Command, Flags, type Interfaces} from '@oclif/core'

import {BugError, EXIT, isToolError, type ToolError, UsageError} from '../domain/errors.js'
import {redact} from '../domain/redact.js'
import {createLogger, type Logger} from '../ui/logger.js'
import {storageErrorOf} from './file-errors.js'
import type {OutputMode} from '../ui/output.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>

/** The error object printed under --json (and the shape scripts read). */
export interface JsonError {
  error: {code: string; message: string; next: string; data?: Record<string, unknown>}
}

/**
 * Every command's parent: --json (one JSON document on stdout), --verbose, and one way to report errors:
 * a message, the next step, and the exit code of CLI.md. User errors never show a stack trace.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    verbose: Flags.boolean({
      description: 'Print a debug log on stderr (tokens and Authorization headers are redacted).',
      env: 'QBO_VERBOSE',
      helpGroup: 'GLOBAL',
    }),
  }

  protected get mode(): OutputMode {
    const verboseEnv = process.env.QBO_VERBOSE
    return {
      json: this.jsonEnabled(),
      verbose: this.argv.includes('--verbose') || verboseEnv === '1' || verboseEnv === 'true',
    }
  }

  protected get logger(): Logger {
    return createLogger(this.mode)
  }

  /** Sets the exit code for a finished result (3 parked, 4 outside tolerance) without treating it as an error. */
  protected setExitCode(code: number): void {
    process.exitCode = code
  }

  protected override toErrorJson(err: unknown): JsonError {
    const e = toToolError(err)
    return {
      error: {
        code: e.code,
        message: redact(e.message),
        next: redact(e.next),
        ...(e.data ? {data: e.data} : {}),
      },
    }
  }

  protected override async catch(err: Error & {exitCode?: number}): Promise<void> {
    const e = toToolError(err)
    process.exitCode = e.exitCode
    // A flag that failed to parse still counts as parsed: oclif would otherwise add a confusing warning.
    this.parsed = true
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(e))
      return
    }
    const lines = [`Error: ${e.message}`]
    if (e.data && (e.code === 'USER_INPUT' || e.code === 'QBO_VALIDATION' || e.code === 'INTEGRITY')) {
      for (const [k, v] of Object.entries(e.data))
        lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    }
    lines.push(`Next: ${e.next}`)
    if (this.mode.verbose || e.code === 'BUG')
      lines.push('', String((e.cause as Error | undefined)?.stack ?? e.stack))
    process.stderr.write(redact(lines.join('\n')) + '\n')
  }
}

/** Maps anything thrown to one of the closed set of tool errors. */
export function toToolError(err: unknown): ToolError {
  if (isToolError(err)) return err
  const storage = storageErrorOf(err)
  if (storage) return storage
  const e = err as {message?: string; oclif?: {exit?: number}; parse?: unknown; code?: string}
  if (e && typeof e === 'object' && (e.parse !== undefined || e.oclif?.exit === EXIT.usage)) {
    return new UsageError(e.message ?? 'invalid arguments', {
      next: 'Run the command with --help to see its flags.',
      cause: err,
    })
  }
  const message = err instanceof Error ? err.message : String(err)
  return new BugError(`Unexpected error: ${message}`, {
    next: 'This is a bug in qbo-toolkit. Run again with --verbose and report the output (it contains no secrets).',
    cause: err,
  })
}
