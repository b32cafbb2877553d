/**
 * Where output goes: results on stdout, everything else (progress, logs, warnings) on stderr.
 * Under --json, stderr is silent except for errors; stdout carries exactly one JSON document.
 */
export interface OutputMode {
  json: boolean
  verbose: boolean
}

/** The simple (line-by-line) renderer when stderr is not a terminal or in CI; the live one otherwise. */
export function interactiveStderr(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stderr.isTTY) && !env.CI
}
