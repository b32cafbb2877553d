// #17: in a terminal, listr2's live display held every line written to stderr until the step ended, so a
// warning came after the step's tick, out of order. A pseudo-terminal (util-linux `script`) gives the
// child a real TTY, as a person at the terminal has.
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, it} from 'node:test'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const STEPS = 'test/unit/ui/live-log-steps.ts'
const WARNING = 'Warning: halfway through the first step'

/** The environment of a person at a terminal: no CI, colours off to keep the text searchable. */
function terminalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', TERM: 'xterm'}
  delete env.CI
  return env
}

// `script` must be installed and able to open a pseudo-terminal (a container without /dev/pts cannot).
const hasScript = spawnSync('script', ['-qfec', 'true', '/dev/null']).status === 0

/** Index of the first tick (listr2 draws ✔, or √ where Unicode is not supported) before `title`. */
function tickOf(output: string, title: string): number {
  const m = new RegExp(`[✔√] ${title}`).exec(output)
  return m ? m.index : -1
}

describe('log lines during a step (#17)', () => {
  it(
    'in a terminal: show while the step runs, before its tick, and stay on screen after',
    {skip: hasScript ? false : 'no pseudo-terminal here (util-linux `script` missing, or no /dev/pts)'},
    () => {
      // The terminal `script` opens has no size until stty gives it one.
      const command = `stty cols 100 rows 40 && exec "${process.execPath}" --import tsx ${STEPS}`
      const run = spawnSync('script', ['-qfec', command, '/dev/null'], {
        cwd: ROOT,
        env: terminalEnv(),
        encoding: 'utf8',
        timeout: 60_000,
      })
      assert.equal(run.status, 0, run.stdout + run.stderr)
      const out = run.stdout
      assert.ok(out.includes('\x1b[?25l'), 'the live display ran (it hides the cursor)')
      const warning = out.indexOf(WARNING)
      assert.ok(warning >= 0, out)
      const firstTick = tickOf(out, 'First step')
      assert.ok(firstTick >= 0, out)
      assert.ok(warning < firstTick, `the warning shows before the first step's tick:\n${out}`)
      assert.ok(warning < out.indexOf('Second step'), 'and before the second step starts')
      // The final picture of the first step keeps it (nothing written to the terminal is lost).
      assert.ok(
        out.indexOf(WARNING, firstTick) > firstTick,
        `the warning stays under the finished step:\n${out}`,
      )
    },
  )

  it('piped (CI, a log file): lines go straight to stderr, in order, as before', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', STEPS], {
      cwd: ROOT,
      env: terminalEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.equal(run.status, 0, run.stderr)
    const lines = run.stderr.split('\n')
    const warning = lines.indexOf(WARNING)
    assert.ok(warning >= 0, run.stderr)
    const firstDone = lines.findIndex((l) => /[✔√] First step/.test(l))
    assert.ok(warning < firstDone, run.stderr)
    assert.equal(run.stdout, '')
  })

  it('--json: stdout is the JSON alone, and stderr has no progress', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', STEPS, '--json'], {
      cwd: ROOT,
      env: terminalEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.equal(run.status, 0, run.stderr)
    assert.deepEqual(JSON.parse(run.stdout), {ok: true})
    assert.doesNotMatch(run.stderr, /First step|halfway/)
  })
})
