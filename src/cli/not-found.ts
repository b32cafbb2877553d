import type {Hook} from '@oclif/core'

import {UsageError} from '../domain/errors.js'

/**
 * A mistyped command: say which command was probably meant, then exit 2 like any usage error. Replaces
 * @oclif/plugin-not-found, which only suggests through an interactive prompt (nothing when piped or in CI,
 * and a prompt is wrong for a tool that runs from scripts).
 */
const hook: Hook.CommandNotFound = async function (opts) {
  const spaced = (id: string) => id.replaceAll(':', ' ')
  const typed = spaced(opts.id)
  const known = [
    ...opts.config.commands.filter((c) => !c.hidden).map((c) => spaced(c.id)),
    ...opts.config.topics.map((t) => spaced(t.name)),
  ]
  const guess = closest(typed, known)
  const error = new UsageError(`"${typed}" is not a ${opts.config.bin} command.`, {
    next:
      (guess ? `Did you mean \`${opts.config.bin} ${guess}\`? ` : '') +
      `Run \`${opts.config.bin} help\` for the list of commands.`,
  })
  if ((opts.argv ?? []).includes('--json'))
    process.stdout.write(
      JSON.stringify({error: {code: error.code, message: error.message, next: error.next}}) + '\n',
    )
  else process.stderr.write(`Error: ${error.message}\nNext: ${error.next}\n`)
  process.exit(error.exitCode)
}

export default hook

/** The known name nearest the typed one, if it is near enough to be a typo rather than another word. */
export function closest(typed: string, known: string[]): string | undefined {
  let best: {id: string; d: number} | undefined
  for (const id of known) {
    const d = distance(typed, id)
    if (!best || d < best.d) best = {id, d}
  }
  return best && best.d <= Math.max(1, Math.floor(typed.length / 3)) ? best.id : undefined
}

/** Levenshtein distance; command names are short, so the plain O(n·m) table is plenty. */
function distance(a: string, b: string): number {
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]!
}
