import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {runLoad} from '../../src/load/migration.js'
import {openRealmClient} from '../../src/qbo/index.js'
import {clientReadPort} from '../../src/reconcile/qbo-read-port.js'
import {reconcile} from '../../src/reconcile/reconcile.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {systemClock} from '../../src/staging/clock.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

const TIME_SCALE = 60

/**
 * The demo MYOB company end to end, in process: extract, load into the emulator, reconcile. Its USD invoices
 * once left cents between the source ledger and QBO's trial balance (AR +0.02, GST +0.02, retained earnings
 * -0.04); the proof must agree to the cent.
 */
describe('MYOB demo: extract, load, reconcile', () => {
  it('matches every record and the trial balance to the cent', {timeout: 120_000}, async (t) => {
    const emulator = await startQboEmulator({timeScale: TIME_SCALE})
    t.after(() => emulator.close())
    const grant = await fetch(`${emulator.url}/_emulator/tokens`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: '{}',
    })
    const {refresh_token: refreshToken} = (await grant.json()) as {refresh_token: string}
    const dir = tempDir(t)
    const env = {
      QBO_BASE_URL: emulator.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: 'test-passphrase',
      QBO_REALM_ID: emulator.realmId,
      QBO_REFRESH_TOKEN: refreshToken,
    }
    const {staging, path} = tempStaging(t)
    const extracted = await runExtract(staging, {
      from: 'myob',
      path: join(import.meta.dirname, '../../fixtures/demo/myob'),
      logger: silentLogger,
    })
    assert.ok(extracted.files.every((f) => f.status !== 'rejected'))

    const client = openRealmClient(env, silentLogger, {client: {timeScale: TIME_SCALE}})
    const loaded = await runLoad(
      {staging, client, logger: silentLogger},
      {resume: false, batchSize: 30, dbPath: path},
    )
    assert.deepEqual(loaded.parked, [])

    const result = await reconcile(
      {staging, port: clientReadPort(client), clock: systemClock, logger: silentLogger},
      {out: join(dir, 'reconciliation.xlsx')},
    )
    assert.equal(result.matchRate, 1)
    assert.equal(result.trialBalance.variance, 0, JSON.stringify(result.failures))
    assert.equal(result.withinTolerance, true, result.failures.join('; '))
  })
})
