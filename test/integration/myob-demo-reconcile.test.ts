import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it, type TestContext} from 'node:test'

import {buildCompany, DEMO_SIZE} from '../../fixtures/generator/company.js'
import {writeMyob} from '../../fixtures/generator/myob.js'
import {civilDate} from '../../src/domain/civil-date.js'
import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {planMigration, runLoad} from '../../src/load/migration.js'
import {openRealmClient} from '../../src/qbo/index.js'
import {clientReadPort} from '../../src/reconcile/qbo-read-port.js'
import {reconcile} from '../../src/reconcile/reconcile.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {systemClock} from '../../src/staging/clock.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

const TIME_SCALE = 60

const DEMO_MYOB = join(import.meta.dirname, '../../fixtures/demo/myob')

/**
 * A MYOB company end to end, in process: extract the folder, plan (a dry run that writes nothing), load into
 * a fresh emulator (a second load writes nothing), reconcile. Every record must match and the trial balance
 * agree to the cent. (The demo's USD invoices once left cents between the source ledger and QBO's trial
 * balance: AR +0.02, GST +0.02, retained earnings -0.04.)
 */
async function migrateAndReconcile(t: TestContext, folder: string, asOf?: string) {
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
    path: folder,
    logger: silentLogger,
  })
  assert.ok(extracted.files.every((f) => f.status !== 'rejected'))

  const client = openRealmClient(env, silentLogger, {client: {timeScale: TIME_SCALE}})
  // The plan (the dry run) reads the company and writes nothing to it.
  const writesBefore = emulator.stats().writes
  const plan = await planMigration({staging, client, logger: silentLogger})
  assert.equal(emulator.stats().writes, writesBefore)
  assert.deepEqual(plan.issues, [])

  const loaded = await runLoad(
    {
      staging,
      client,
      logger: silentLogger,
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    {resume: false, batchSize: 30, dbPath: path},
  )
  assert.deepEqual(loaded.parked, [])
  // Every mapped payload was accepted by the emulator's validation: all created, none parked.
  const created = Object.values(loaded.entities).reduce((n, e) => n + e.created, 0)
  const planned = Object.values(plan.entities).reduce((n, e) => n + (e?.create ?? 0), 0)
  assert.equal(created, planned)
  // A second load of the finished migration writes nothing.
  const writesAfterLoad = emulator.stats().writes
  assert.ok(writesAfterLoad >= writesBefore + created, 'the emulator counts the load writes')
  const again = await runLoad(
    {
      staging,
      client,
      logger: silentLogger,
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    {resume: false, batchSize: 30, dbPath: path},
  )
  assert.equal(emulator.stats().writes, writesAfterLoad)
  assert.equal(
    Object.values(again.entities).reduce((n, e) => n + e.created, 0),
    0,
  )

  const result = await reconcile(
    {staging, port: clientReadPort(client), clock: systemClock, logger: silentLogger},
    {out: join(dir, 'reconciliation.xlsx'), ...(asOf ? {asOf} : {})},
  )
  assert.equal(result.matchRate, 1)
  assert.equal(result.trialBalance.variance, 0, JSON.stringify(result.failures))
  assert.equal(result.withinTolerance, true, result.failures.join('; '))
  return {emulator, staging, client, dir}
}

describe('MYOB demo: extract, load, reconcile', () => {
  it('matches every record and the trial balance to the cent', {timeout: 120_000}, async (t) => {
    const {emulator, staging, client, dir} = await migrateAndReconcile(t, DEMO_MYOB)

    // Someone changes one invoice's amount in QBO (a sparse update) and deletes one bill: the proof flags
    // exactly those two, the match rate drops by two records, and the result is outside tolerance.
    const {access_token: bearer} = (await (
      await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    ).json()) as {access_token: string}
    const api = async (path: string, body?: unknown) => {
      const res = await fetch(`${emulator.url}/v3/company/${emulator.realmId}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(body === undefined ? {} : {body: JSON.stringify(body)}),
      })
      assert.equal(res.status, 200, await res.clone().text())
      return (await res.json()) as Record<string, Record<string, unknown>>
    }
    const invoiceEntry = staging.idMap.list(emulator.realmId, 'Invoice').find((e) => {
      return e.sourceId === 'INV-00001'
    })!
    const invoice = (await api(`/invoice/${invoiceEntry.qboId}`)).Invoice!
    const lines = (invoice.Line as Record<string, unknown>[]).filter(
      (l) => l.DetailType === 'SalesItemLineDetail',
    )
    const first = structuredClone(lines[0]!)
    const detail = first.SalesItemLineDetail as Record<string, unknown>
    delete detail.Qty
    delete detail.UnitPrice
    delete detail.TaxInclusiveAmt
    first.Amount = Number(first.Amount) + 100
    await api('/invoice', {
      Id: invoice.Id,
      SyncToken: invoice.SyncToken,
      sparse: true,
      GlobalTaxCalculation: invoice.GlobalTaxCalculation,
      Line: [first, ...lines.slice(1)],
    })
    const billEntry = staging.idMap.list(emulator.realmId, 'Bill').find((e) => {
      const paid = staging.idMap
        .list(emulator.realmId, 'BillPayment')
        .some((p) => p.sourceId.includes(e.sourceId))
      return !paid
    })!
    const bill = (await api(`/bill/${billEntry.qboId}`)).Bill!
    await api('/bill?operation=delete', {Id: bill.Id, SyncToken: bill.SyncToken})

    const after = await reconcile(
      {staging, port: clientReadPort(client), clock: systemClock, logger: silentLogger},
      {out: join(dir, 'reconciliation-after.xlsx')},
    )
    const flagged = after.flagged.map((f) => `${f.entity} ${f.status} ${f.sourceId}`).sort()
    assert.deepEqual(flagged, [`Bill missing ${billEntry.sourceId}`, 'Invoice mismatched INV-00001'])
    const total = Object.values(after.entities).reduce((n, e) => n + (e?.source ?? 0), 0)
    assert.equal(after.matchRate, (total - 2) / total)
    assert.equal(after.withinTolerance, false)
  })

  it(
    'agrees across a fiscal year end (earlier years closed into retained earnings)',
    {timeout: 120_000},
    async (t) => {
      // The same company, started on 1 January 2024, reconciled as of its last transaction (in 2025): its
      // January-June 2024 profit and loss is an earlier fiscal year, closed into retained earnings on both
      // sides, while July 2024 onwards stays on the P&L accounts.
      const company = buildCompany(42, DEMO_SIZE, civilDate(2024, 1, 1))
      const folder = tempDir(t)
      writeMyob(company, folder)
      // Cases the generated spend money lacks: two bank fees with no card and no cheque number on one day,
      // and a customer refunded by cheque (a customer on a Purchase).
      const customer = company.contacts.find((c) => c.isCustomer && !c.isSupplier && !c.firstName)!
      writeFileSync(
        join(folder, 'fees.txt'),
        [
          'Cheque Account\tCheque #\tDate\tInclusive\tCo./Last Name\tMemo\tAllocation Account #\tInc-Tax Amount\tTax Code\tTax Amount',
          '1-1110\t\t30/09/2024\tX\t\tBank fee\t6-1200\t$12.00\tFRE\t$.00',
          '',
          '1-1110\t\t30/09/2024\tX\t\tBank fee\t6-1200\t$12.00\tFRE\t$.00',
          '',
          `1-1110\t9001\t3/10/2024\tX\t${customer.name}\tRefund\t4-1000\t$55.00\tGST\t$5.00`,
          '',
        ].join('\r\n'),
      )
      const dates = [
        ...company.documents.map((d) => d.date),
        ...company.payments.map((p) => p.date),
        ...company.journals.map((j) => j.date),
        ...company.bankTransactions.map((b) => b.date),
      ].sort()
      const asOf = dates.at(-1)!
      assert.ok(dates[0]! < '2024-07-01' && asOf >= '2024-07-01', `${dates[0]} to ${asOf} spans 30 June 2024`)
      await migrateAndReconcile(t, folder, asOf)
    },
  )
})
