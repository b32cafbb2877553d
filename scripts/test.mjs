#!/usr/bin/env node
// Runs the test suite on Node's built-in runner through tsx. Node 20's --test takes no globs, so this
// finds the files: every test/**/*.test.ts, or only those whose path contains one of the arguments.
import {spawnSync} from 'node:child_process'
import {readdirSync} from 'node:fs'
import {join} from 'node:path'

const filters = process.argv.slice(2)
const files = readdirSync('test', {recursive: true})
  .map((f) => join('test', String(f)))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ') || 'test/**/*.test.ts'}`)
  process.exit(1)
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2'
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/setup/guard.ts',
    '--test',
    '--test-reporter=tap',
    `--test-concurrency=${concurrency}`,
    ...files,
  ],
  {stdio: 'inherit'},
)
process.exit(result.status ?? 1)
