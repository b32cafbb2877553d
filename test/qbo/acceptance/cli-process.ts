import {type ChildProcess, spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const DEV = fileURLToPath(new URL('../../../bin/dev.js', import.meta.url))

export interface LiveCli {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with the first match of `re` on stderr. */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  exited: Promise<number | null>
}

/** Starts `qbo ARGS` and lets the test talk to it while it runs (runCli only returns at the end). */
export function startCli(args: string[], env: NodeJS.ProcessEnv): LiveCli {
  const child = spawn(process.execPath, [DEV, ...args], {
    env: {...process.env, NO_COLOR: '1', CI: '1', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr(re, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now()
        const tick = () => {
          const m = re.exec(err)
          if (m) return resolve(m)
          if (child.exitCode !== null) return reject(new Error(`qbo exited before printing ${re}: ${err}`))
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`timed out waiting for ${re}: ${err}`))
          setTimeout(tick, 50)
        }
        tick()
      })
    },
  }
}
