import {Listr, ListrLogger} from 'listr2'

import {LiveStderr} from './live-stderr.js'
import {type OutputMode, rendererFor} from './output.js'

export interface ProgressReporter {
  /** Replaces the task's status line (e.g. "Invoice 120/500, 38/s, about 10 s left"). */
  update(line: string): void
}

/**
 * Runs one long step as a listr2 task on stderr, its status line updated by the engine's progress callback:
 * silent under --json, line by line when stderr is not a terminal or CI is set, live otherwise.
 */
export async function withProgress<T>(
  title: string,
  mode: OutputMode,
  work: (progress: ProgressReporter) => Promise<T>,
  options: {
    /**
     * The command handles Ctrl-C itself (a load stops after the batch in hand). Otherwise listr2's handler
     * ends the display (cursor shown, held lines written) and exits at once.
     */
    ownInterrupt?: boolean
  } = {},
): Promise<T> {
  const stderr = new LiveStderr()
  const logger = new ListrLogger({processOutput: stderr})
  let result: T | undefined
  const list = new Listr(
    [
      {
        title,
        task: async (_ctx, task) => {
          // In a terminal the live display redraws the step; log lines written meanwhile go under it, kept
          // there in order, and the status line goes beside the title (one output area cannot hold both).
          const live = stderr.live
          if (live) stderr.showIn((line) => (task.output = line))
          let last = 0
          try {
            result = await work({
              update(line) {
                if (live) {
                  task.title = `${title} — ${line}`
                  return
                }
                const now = Date.now()
                // The simple renderer prints every update as a line: keep it to about two a second.
                if (now - last < 500) return
                last = now
                task.output = line
              },
            })
          } finally {
            stderr.showIn(undefined)
            if (live) task.title = title
          }
        },
        // The live renderer only; the simple one prints each output line as it comes.
        rendererOptions: {persistentOutput: true, outputBar: Infinity},
      },
    ],
    {
      renderer: rendererFor(mode),
      fallbackRenderer: 'simple',
      rendererOptions: {logger},
      fallbackRendererOptions: {logger},
      exitOnError: true,
      // listr2 answers Ctrl-C with process.exit(127), before a command's own handler can act.
      registerSignalListeners: !options.ownInterrupt,
    },
  )
  await list.run()
  return result as T
}

/** "Invoice 120/500, 38/s, about 10 s left" from counts and the start time. */
export function rateLine(
  label: string,
  done: number,
  total: number,
  startedMs: number,
  nowMs: number,
): string {
  const seconds = Math.max((nowMs - startedMs) / 1000, 0.001)
  const rate = done / seconds
  const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined
  return `${label} ${done}/${total}, ${rate.toFixed(1)}/s${left === undefined ? '' : `, about ${left} s left`}`
}
