import {UsageError} from '../domain/errors.js'

const UNITS: Record<string, number> = {s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000}

/** "15m", "1h", "90s", "1d" → milliseconds; anything else is a usage error naming the flag. */
export function parseEvery(text: string, flag = '--every'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/i.exec(text)
  const ms = m ? Number(m[1]) * UNITS[m[2]!.toLowerCase()]! : NaN
  if (!Number.isFinite(ms) || ms < 1_000) {
    throw new UsageError(`${flag} ${text} is not a duration`, {
      next: `Give a number and a unit: s, m, h or d, e.g. ${flag} 15m or ${flag} 1h.`,
    })
  }
  return ms
}

export interface EveryDeps {
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** True once the user asked to stop (Ctrl-C, SIGTERM): the loop ends after the run in hand. */
  stopped: () => boolean
}

/**
 * Runs `run` now and then every `everyMs` (measured start to start, so a slow run does not push the
 * schedule), until asked to stop. A run that fails is reported through `onError` and the schedule goes on:
 * an unattended sync must survive a bad hour. Sleeps in short steps so a stop is noticed within a second.
 */
export async function runEvery<T>(
  deps: EveryDeps,
  everyMs: number,
  run: () => Promise<T>,
  hooks: {onResult?: (result: T) => void; onError?: (error: unknown) => void} = {},
): Promise<void> {
  while (!deps.stopped()) {
    const started = deps.now()
    try {
      // Not `onResult?.(await run())`: an optional call skips its arguments, so run() would never happen.
      const result = await run()
      hooks.onResult?.(result)
    } catch (error) {
      if (!hooks.onError) throw error
      hooks.onError(error)
    }
    const next = started + everyMs
    while (!deps.stopped() && deps.now() < next) await deps.sleep(Math.min(1_000, next - deps.now()))
  }
}
