import assert from 'node:assert/strict'
import {cpSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

const DEMO = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url))

test('migrate extract --json stages the demo MYOB files, then re-running changes nothing', async (t) => {
  const dir = tempDir(t)
  const db = join(dir, 'm.db')
  const first = await runCli([
    'migrate',
    'extract',
    '--from',
    'myob',
    join(DEMO, 'myob'),
    '--db',
    db,
    '--json',
  ])
  assert.equal(first.code, 0, first.stderr)
  const r1 = JSON.parse(first.stdout) as {
    source: string
    counts: Record<string, number>
    files: {status: string}[]
    warnings: string[]
  }
  assert.equal(r1.source, 'myob')
  assert.ok((r1.counts.invoice ?? 0) > 400)
  assert.ok(r1.warnings.some((w) => /quotes and orders/.test(w)))
  const second = await runCli([
    'migrate',
    'extract',
    '--from',
    'myob',
    join(DEMO, 'myob'),
    '--db',
    db,
    '--json',
  ])
  const r2 = JSON.parse(second.stdout) as typeof r1
  assert.ok(r2.files.every((f) => f.status === 'unchanged'))
})

test('a rejected file: exit code 1, listed in --json with its reason, the other files staged', async (t) => {
  const dir = tempDir(t)
  const src = join(dir, 'in')
  cpSync(join(DEMO, 'xero-csv', 'Chart of Accounts.csv'), join(src, 'coa.csv'), {recursive: true})
  writeFileSync(
    join(src, 'broken.csv'),
    '*Narration,*Date,*AccountCode,*TaxRate,*Amount\r\nX,31/13/2024,400,BAS Excluded,1.00\r\n',
  )
  const res = await runCli([
    'migrate',
    'extract',
    '--from',
    'xero-csv',
    src,
    '--db',
    join(dir, 'x.db'),
    '--json',
  ])
  assert.equal(res.code, 1)
  const out = JSON.parse(res.stdout) as {
    files: {path: string; status: string; error?: {data: Record<string, unknown>}}[]
  }
  const broken = out.files.find((f) => f.path.endsWith('broken.csv'))
  assert.equal(broken?.status, 'rejected')
  assert.equal(broken?.error?.data.line, 2)
  assert.equal(broken?.error?.data.column, '*Date')
  assert.equal(out.files.find((f) => f.path.endsWith('coa.csv'))?.status, 'staged')
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace')
})

test('--from xero-api without Xero credentials says which variables to set', async (t) => {
  const env = {
    XERO_CLIENT_ID: '',
    XERO_CLIENT_SECRET: '',
    QBO_TOKEN_FILE: join(tempDir(t), 'tokens.json'),
  }
  const res = await runCli(['migrate', 'extract', '--from', 'xero-api', '--json', '--db', ':memory:'], {env})
  assert.equal(res.code, 1)
  const out = JSON.parse(res.stdout) as {error: {code: string; message: string; next: string}}
  assert.match(out.error.message, /XERO_CLIENT_ID and XERO_CLIENT_SECRET/)
  assert.match(out.error.next, /custom connection/)
})
