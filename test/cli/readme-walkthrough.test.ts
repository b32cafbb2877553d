// The README, followed as a new user would (#17): the demo, then going on with its migration through the
// emulator the README describes, step by step. Each step must say what to run next, and nothing may be written
// outside the working folder (a fresh HOME stays empty: no token store in ~/.config).
import assert from 'node:assert/strict'
import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

const DEV = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))
const MYOB = fileURLToPath(new URL('../../fixtures/demo/myob', import.meta.url))

it('the README walkthrough: demo, then plan, mapping, load, reconcile on its migration', async (t) => {
  const root = tempDir(t, 'qbo-readme-')
  const home = join(root, 'home')
  const work = join(root, 'work')
  for (const d of [home, work]) mkdirSync(d)
  // A new user's shell: nothing of ours set, a HOME of their own.
  const base: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(QBO_|XERO_|SHIPSTATION_)/.test(k)),
  )
  Object.assign(base, {HOME: home, XDG_CONFIG_HOME: ''})
  const qbo = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = await runCli(args, {cwd: work, env: {...base, ...env}, timeoutMs: 120_000})
    assert.ok(r.code === 0, `qbo ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`)
    return r
  }

  // README, first command.
  const demo = await qbo(['migrate', 'demo'])
  assert.match(demo.stdout, /Result files: .*written\.csv/)
  const [startLine, goOnLine] = demo.stdout
    .split('\n')
    .filter((l) => /^\s+(qbo emulator start|then, in another terminal)/.test(l))
  assert.ok(startLine && goOnLine, demo.stdout)

  // "To go on with this migration yourself": exactly the line the demo printed.
  const emulatorArgs = startLine.trim().split(/\s+/).slice(1)
  const emulator = await startEmulator(emulatorArgs, work, base)
  t.after(() => emulator.child.kill('SIGINT'))
  const env = sourced(join(work, 'demo-out', 'emulator.env'))
  assert.equal(env.QBO_TOKEN_FILE?.startsWith(work), true, 'rehearsal tokens stay in the working folder')

  const db = ['--db', 'demo-out/demo.db']
  // Steps that do not depend on each other run side by side (the suite's time); the rest in the README's order.
  const [status, mapping, extract] = await Promise.all([
    qbo(['migrate', 'status', ...db], env),
    qbo(['migrate', 'mapping', 'export', 'mapping.xlsx', ...db], env),
    // A real migration starts with an extract (here into a file of its own): it too says what comes next.
    qbo(['migrate', 'extract', '--from', 'myob', MYOB, '--db', 'mine.db']),
  ])
  assert.match(status.stdout, /Reconciled .*match rate 100\.0%/)
  assert.match(mapping.stdout, /Next: edit the yellow cells.*mapping import/)
  assert.match(extract.stdout, /Next: `qbo migrate plan --out preview\.xlsx --db mine\.db`/)
  const steps: [string[], RegExp][] = [
    [['migrate', 'mapping', 'import', 'mapping.xlsx', ...db], /Next: .*`qbo migrate plan/],
    [['migrate', 'plan', '--out', 'preview.xlsx', ...db], /Next: `qbo migrate load --db demo-out\/demo\.db`/],
    [['migrate', 'load', ...db], /Next: `qbo migrate reconcile/],
    [['migrate', 'reconcile', '--out', 'reconciliation.xlsx', ...db], /Next: review the workbook/],
  ]
  for (const [args, next] of steps) assert.match((await qbo(args, env)).stdout, next, args.join(' '))

  assert.deepEqual(readdirSync(home), [], 'nothing written in HOME')
  assert.ok(existsSync(join(work, 'preview.xlsx')) && existsSync(join(work, 'reconciliation.xlsx')))
})

/** `qbo emulator start …` in the background, as the user's other terminal; resolves once it has written its settings. */
function startEmulator(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{child: ChildProcess}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEV, ...args], {
      cwd,
      env: {...env, NO_COLOR: '1', CI: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (/Settings for this emulator in /.test(out)) resolve({child})
    })
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}:\n${out}`)))
  })
}

/** What `. FILE` would set: the file's `export K='v'` lines. */
function sourced(file: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const m of readFileSync(file, 'utf8').matchAll(/^export (\w+)='((?:[^']|'\\'')*)'$/gm))
    env[m[1]!] = m[2]!.replaceAll("'\\''", "'")
  return env
}
