import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DEV = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `qbo ARGS` from the TypeScript sources (bin/dev.js) as a user would, in a child process. */
export function runCli(
  args: string[],
  options: {env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEV, ...args], {
      cwd: options.cwd ?? ROOT,
      env: {...process.env, NO_COLOR: '1', CI: '1', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr})
    })
  })
}

/** A `qbo` child process still running: stop it as a crash (kill) or as a person (Ctrl-C), or wait for it. */
export interface CliChild {
  /** SIGKILL, as a crash or `kill -9`. */
  kill(): void
  /** SIGINT, as Ctrl-C at the terminal. */
  interrupt(): void
  /** What it printed on stderr so far. */
  stderr(): string
  done: Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>
}

/** Starts `qbo ARGS` from the TypeScript sources (bin/dev.js) in the background, with `env` added. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliChild {
  const child = spawn(process.execPath, [DEV, ...args], {
    cwd: ROOT,
    env: {...process.env, ...env, CI: '1', NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<Awaited<CliChild['done']>>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))
  })
  return {
    kill: () => void child.kill('SIGKILL'),
    interrupt: () => void child.kill('SIGINT'),
    stderr: () => stderr,
    done,
  }
}
