/**
 * Where output goes: results on stdout, everything else (progress, logs, warnings) on stderr.
 * Under --json, stderr is silent except for errors; stdout carries exactly one JSON document.
 */
export interface OutputMode {
  json: boolean
  verbose: boolean
}

/**
 * The live renderer only in a terminal whose width is known (a terminal that reports none, or 0, would get
 * the task title wrapped one character per line) and outside CI; the simple line-by-line renderer otherwise.
 */
export function interactiveStderr(
  env: NodeJS.ProcessEnv = process.env,
  stream: {isTTY?: boolean; columns?: number} = process.stderr,
): boolean {
  return Boolean(stream.isTTY) && !env.CI && (stream.columns ?? 0) >= 40
}

/**
 * Which listr2 renderer: none under --json; line by line where the live one cannot work, and under --verbose,
 * because the live renderer holds back everything else written to the terminal until it ends (the debug log
 * would come after the steps it describes).
 */
export function rendererFor(mode: OutputMode): 'silent' | 'simple' | 'default' {
  if (mode.json) return 'silent'
  return interactiveStderr() && !mode.verbose ? 'default' : 'simple'
}
