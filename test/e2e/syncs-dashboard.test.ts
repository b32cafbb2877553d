// The dashboard's "Syncs and batches" page in a real headless Chromium: after a ShipStation sync with one
// order whose invoice is missing, the page shows each store with its counts, the run, and the order waiting
// for its invoice, from the migration file alone; the same figures `qbo sync shipstation status` gives.
import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {test} from 'node:test'

import {chromium} from 'playwright-core'

import {startDashboard} from '../../src/dashboard/server.js'
import {AuthError} from '../../src/domain/errors.js'
import {shipStationStatus} from '../../src/load/shipstation/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {STORE_A, STORE_B, makeWorld} from '../shipstation/world.js'

const CHROMIUM = '/usr/bin/chromium'
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`

test('the Syncs and batches page shows where the ShipStation sync stands', {skip}, async (t) => {
  const w = await makeWorld(t)
  await w.invoice('S1-1001')
  await w.invoice('S2-1001')
  w.map(STORE_A, 'prefix', 'S1-')
  w.map(STORE_B, 'prefix', 'S2-')
  w.label(STORE_A, '#1001')
  w.label(STORE_B, '#1001')
  w.label(STORE_B, '#1002') // no invoice S2-1002 in QBO: waits, unmatched
  w.advance(60_000)
  const run = await w.run()
  assert.equal(run.counts.updated, 2)
  assert.equal(run.counts.unmatched, 1)

  const dashboard = await startDashboard({
    port: 0,
    deps: {
      staging: w.staging,
      dbPath: w.db,
      logger: silentLogger,
      actor: 'tester (dashboard)',
      now: Date.now,
      sleep: async () => {},
      // The page reads the migration file only: QBO is never opened.
      qbo: () => {
        throw new AuthError('QBO must not be called by this page.', {next: 'None.'})
      },
      uploadLimit: 1024,
    },
  })
  t.after(() => dashboard.close())
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  })
  t.after(() => browser.close())
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${dashboard.origin}/syncs?token=${dashboard.token}`)
  await page.waitForSelector('#ss-stores tbody tr td')

  const table = (id: string) =>
    page.$$eval(`#${id} tbody tr`, (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    )
  const stores = await table('ss-stores')
  assert.deepEqual(
    stores.map((r) => [r[0]?.replace(/^.*\((\d+)\)$/, '$1'), r[1], r[3], r[4], r[5]]),
    [
      [STORE_A, 'prefix S1-', '1', '0', '0'],
      [STORE_B, 'prefix S2-', '1', '1', '0'],
    ],
  )
  const runs = await table('ss-runs')
  assert.equal(runs.length, 1)
  assert.equal(runs[0]![0], run.runId)
  assert.equal(runs[0]![1], 'finished')
  const attention = await table('ss-attention')
  assert.deepEqual(
    attention.map((r) => [r[0], r[1], r[2]]),
    [[STORE_B, '1002', 'unmatched']],
  )
  assert.match(
    (await page.textContent('#ss-summary')) ?? '',
    /2 stores; 0 orders need a person, 1 wait for their invoice/,
  )
  assert.deepEqual(await table('po-batches'), [['No purchase-order batch yet.']])
  // The same figures as the command's status.
  const status = shipStationStatus(w.staging)
  assert.equal(status.attention.unmatched.length, 1)
  assert.deepEqual(errors, [])
})
