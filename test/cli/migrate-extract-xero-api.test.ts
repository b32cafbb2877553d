import assert from 'node:assert/strict'
import {join} from 'node:path'
import {test} from 'node:test'

import {DEMO_XERO_COMPANY_DIR, startXeroEmulator} from '../../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../../src/sources/xero-api/index.js'
import {openStaging, type Staging} from '../../src/staging/index.js'
import {runCli} from '../helpers/cli.js'
import {tempDir, tempStaging} from '../helpers/temp.js'
import {emulatorTokens, stageAll} from '../unit/sources/xero-api/driver.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** Every staged record of the Xero API source as kind:id, with how many times each occurs. */
function stagedIds(staging: Staging): string[] {
  const kinds = Object.keys(staging.staged.countsByKind())
  return kinds.flatMap((kind) =>
    [...staging.staged.iterate(kind, 'xero-api')].map((r) => `${kind}:${r.sourceId}`),
  )
}

test('migrate extract --from xero-api: a daily limit exits 1 with the resume hint; --resume after the day completes it exactly once', async (t) => {
  // The emulator's clock is the test's: the day passes by moving it, not by waiting.
  let now = Date.UTC(2024, 6, 1, 9)
  const emulator = await startXeroEmulator({
    company: DEMO_XERO_COMPANY_DIR,
    dailyLimit: 10,
    minuteLimit: 1000,
    now: () => now,
  })
  t.after(() => emulator.close())
  const dir = tempDir(t)
  const db = join(dir, 'm.db')
  const env = {XERO_BASE_URL: emulator.url, XERO_CLIENT_ID: 'demo-id', XERO_CLIENT_SECRET: 'demo-secret'}
  const extract = (...extra: string[]) =>
    runCli(['migrate', 'extract', '--from', 'xero-api', '--db', db, '--json', ...extra], {env})

  const stopped = await extract()
  assert.equal(stopped.code, 1, stopped.stderr)
  const error = (JSON.parse(stopped.stdout) as {error: {message: string; next: string}}).error
  assert.match(error.message, /daily API limit/)
  assert.match(error.next, /qbo migrate extract --from xero-api --resume/)
  assert.equal(emulator.stats().throttled.day, 1)

  // Still the same day: resuming stops again at once, having staged nothing twice.
  const tooSoon = await extract('--resume')
  assert.equal(tooSoon.code, 1)

  now += DAY_MS + 1000
  const resumed = await extract('--resume')
  assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout)
  const result = JSON.parse(resumed.stdout) as {files: {path: string}[]; warnings: string[]}
  // The resumed extract did not read again the collections the first one had finished.
  assert.ok(!result.files.some((f) => f.path.startsWith('Contacts')), JSON.stringify(result.files))
  assert.deepEqual(result.warnings, [])

  // The same records as one uninterrupted extract of the same company: nothing missing, nothing doubled.
  const full = await startXeroEmulator({company: DEMO_XERO_COMPANY_DIR, rateLimits: false})
  t.after(() => full.close())
  const {staging: b} = tempStaging(t)
  await stageAll(new XeroApiAdapter({tokens: emulatorTokens(full.url, full.tenantId), baseUrl: full.url}), b)
  const a = openStaging(db)
  try {
    const resumedIds = stagedIds(a)
    assert.equal(new Set(resumedIds).size, resumedIds.length)
    assert.deepEqual(resumedIds.sort(), stagedIds(b).sort())
    assert.deepEqual(a.staged.countsByKind(), b.staged.countsByKind())
    assert.equal(a.runs.list().length, 1, 'every resume continued the one extract run')
    assert.equal(a.runs.list()[0]?.status, 'finished')
  } finally {
    a.close()
  }
})

test('migrate extract --from xero-api refuses a PATH, and --resume with nothing to resume (exit 2)', async (t) => {
  const db = join(tempDir(t), 'm.db')
  const env = {XERO_BASE_URL: 'http://127.0.0.1:9', XERO_CLIENT_ID: 'x', XERO_CLIENT_SECRET: 'y'}
  const withPath = await runCli(['migrate', 'extract', '--from', 'xero-api', 'some/dir', '--db', db], {env})
  assert.equal(withPath.code, 2)
  assert.match(withPath.stderr, /takes no PATH/)
  const nothing = await runCli(['migrate', 'extract', '--from', 'xero-api', '--resume', '--db', db], {env})
  assert.equal(nothing.code, 2)
  assert.match(nothing.stderr, /no unfinished xero-api extract to resume/)
})
