import {Listr, ListrLogger, type ListrTask, ProcessOutput} from 'listr2'

import {type OutputMode, rendererFor} from './output.js'

export type Task<Ctx> = ListrTask<Ctx>

/**
 * Runs a list of steps with progress on stderr: silent under --json, the simple renderer when stderr is
 * not a terminal or CI is set (so logs stay readable), the live renderer otherwise.
 */
export async function runTasks<Ctx extends object>(
  tasks: Task<Ctx>[],
  ctx: Ctx,
  mode: OutputMode,
): Promise<Ctx> {
  const processOutput = new ProcessOutput(process.stderr, process.stderr)
  const logger = new ListrLogger({processOutput})
  const list = new Listr<Ctx, 'default' | 'simple' | 'silent', 'simple'>(tasks, {
    ctx,
    exitOnError: true,
    renderer: rendererFor(mode),
    fallbackRenderer: 'simple',
    rendererOptions: {logger},
    fallbackRendererOptions: {logger},
  })
  return list.run()
}
