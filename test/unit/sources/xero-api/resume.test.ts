import assert from 'node:assert/strict'
import {test} from 'node:test'

import {RetryableError} from '../../../../src/domain/errors.js'
import {startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {RESUME_COMMAND, XeroApiAdapter} from '../../../../src/sources/xero-api/index.js'
import {syntheticXeroCompany} from '../../../fixtures/xero-synthetic.js'
import {tempStaging} from '../../../helpers/temp.js'
import {emulatorTokens, stageAll} from './driver.js'

test('a daily limit stops the extract with a resume hint; resuming after the day stages every record once', async (t) => {
  const company = syntheticXeroCompany({invoices: 1234, contacts: 150})
  let now = Date.UTC(2024, 6, 1, 12)
  const emulator = await startXeroEmulator({
    company,
    dailyLimit: 9,
    minuteLimit: 4,
    timeScale: 1,
    now: () => now,
  })
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const runId = () => staging.runs.latest('extract')!.id
  const sleeps: number[] = []
  const adapter = () =>
    new XeroApiAdapter({
      tokens: emulatorTokens(emulator.url, emulator.tenantId),
      baseUrl: emulator.url,
      pageSize: 100,
      // Waiting out the minute limit advances the emulator's clock instead of the test's.
      sleep: async (ms) => {
        sleeps.push(ms)
        now += ms
      },
    })

  let stops = 0
  for (;;) {
    try {
      await stageAll(adapter(), staging, {resume: stops > 0})
      break
    } catch (error) {
      assert.ok(error instanceof RetryableError, String(error))
      assert.equal(error.exitCode, 1)
      assert.match(error.next, new RegExp(RESUME_COMMAND.replaceAll('-', '\\-')))
      assert.match(error.message, /daily API limit/)
      stops++
      if (stops === 1) {
        // While the extract waits, someone edits an invoice it already read: it moves to the end of the
        // UpdatedDateUTC order and every later invoice shifts one place towards the front.
        const edited = company.Invoices![4]!
        edited.Reference = 'edited during the pause'
        edited.UpdatedDateUTC = `/Date(${now}+0000)/`
        assert.equal(staging.checkpoints.get(runId(), 'xero-api:Invoices'), 'page:2;size:100')
      }
      const retryAfter = (error.data as {retryAfterSeconds: number}).retryAfterSeconds
      now += retryAfter * 1000
    }
  }
  assert.ok(stops >= 2, `expected the daily limit to stop the extract more than once, got ${stops}`)
  assert.ok(sleeps.length > 0, 'the minute limit was waited out')
  assert.equal(emulator.stats().throttled.day, stops)

  const staged = [
    ...staging.staged.iterate('invoice', 'xero-api'),
    ...staging.staged.iterate('bill', 'xero-api'),
  ]
  const expected = company.Invoices!.map((i) => i.InvoiceID as string).sort()
  assert.deepEqual(staged.map((r) => r.sourceId).sort(), expected)
  assert.equal(staging.staged.countsByKind().contact, 150)
  const edited = staging.staged.get('xero-api', 'invoice', company.Invoices![4]!.InvoiceID as string)
  assert.equal((edited?.record as {reference?: string}).reference, 'edited during the pause')
  assert.equal(staging.checkpoints.get(runId(), 'xero-api:Invoices'), 'done')
  assert.equal(staging.runs.list().length, 1, 'every resume continued the one run')
  assert.equal(staging.runs.latest('extract')?.status, 'finished')
})

test('the minute limit is waited out for Retry-After seconds, never failed', async (t) => {
  let now = Date.UTC(2024, 6, 1, 12)
  const emulator = await startXeroEmulator({
    company: syntheticXeroCompany({invoices: 450, contacts: 10}),
    minuteLimit: 3,
    now: () => now,
  })
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const sleeps: number[] = []
  const adapter = new XeroApiAdapter({
    tokens: emulatorTokens(emulator.url, emulator.tenantId),
    baseUrl: emulator.url,
    pageSize: 100,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
  })
  await stageAll(adapter, staging)
  const counts = staging.staged.countsByKind()
  assert.equal((counts.invoice ?? 0) + (counts.bill ?? 0), 450)
  assert.ok(sleeps.length >= 3)
  assert.ok(sleeps.every((ms) => ms > 0 && ms <= 60_000))
  assert.equal(adapter.usage.waits, sleeps.length)
  assert.equal(emulator.stats().throttled.minute, sleeps.length)
})

test('--since asks only for records changed after the instant (If-Modified-Since)', async (t) => {
  const company = syntheticXeroCompany({invoices: 300, contacts: 10})
  const emulator = await startXeroEmulator({company})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const cut = company.Invoices![249]!.UpdatedDateUTC as string
  const since = new Date(Number(/\d+/.exec(cut)![0]))
  const adapter = new XeroApiAdapter({
    tokens: emulatorTokens(emulator.url, emulator.tenantId),
    baseUrl: emulator.url,
    since,
  })
  await stageAll(adapter, staging)
  const counts = staging.staged.countsByKind()
  assert.equal((counts.invoice ?? 0) + (counts.bill ?? 0), 50)
  assert.equal(counts.contact, undefined)
  assert.equal(counts.account, 3)
})
