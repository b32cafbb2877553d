import {redact} from '../domain/redact.js'
import type {OutputMode} from './output.js'

export interface Logger {
  debug(message: string, data?: unknown): void
  info(message: string): void
  warn(message: string): void
}

/** A logger that writes to stderr, redacting secrets; debug only with --verbose, nothing but warnings under --json. */
export function createLogger(
  mode: OutputMode,
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Logger {
  return {
    debug(message, data) {
      if (!mode.verbose) return
      const suffix = data === undefined ? '' : ' ' + (typeof data === 'string' ? data : JSON.stringify(data))
      write(redact(`[debug] ${message}${suffix}`))
    },
    info(message) {
      if (!mode.json) write(redact(message))
    },
    warn(message) {
      if (!mode.json || mode.verbose) write(redact(`Warning: ${message}`))
    },
  }
}

export const silentLogger: Logger = {debug() {}, info() {}, warn() {}}
