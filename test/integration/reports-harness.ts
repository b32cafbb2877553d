// A generated company migrated end to end against an in-process QBO emulator, with the source's own reports
// (trial balance, aged summaries) beside its exports: the harness of the conversion-date and independence
// tests. The reports come from the company's own books (fixtures/generator/books.ts), never from staging.
import assert from 'node:assert/strict'
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import type {TestContext} from 'node:test'

import {buildCompany, type Company, type CompanySize} from '../../fixtures/generator/company.js'
import {writeMyob} from '../../fixtures/generator/myob.js'
import {type ReportFormat, writeReports} from '../../fixtures/generator/report-files.js'
import type {CivilDate} from '../../src/domain/civil-date.js'
import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import type {ConversionOption} from '../../src/load/staged-company.js'
import {planMigration, runLoad} from '../../src/load/migration.js'
import {openRealmClient, type QboClient} from '../../src/qbo/index.js'
import {clientReadPort} from '../../src/reconcile/qbo-read-port.js'
import {reconcile} from '../../src/reconcile/reconcile.js'
import type {ReconcileResult} from '../../src/reconcile/result.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {systemClock} from '../../src/staging/clock.js'
import type {Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

export const SMALL: CompanySize = {contacts: 12, items: 8, invoices: 60, bills: 30, journals: 4}
const TIME_SCALE = 60

/** The company's MYOB exports and its reports at the given dates, in one folder. */
export function companyFolder(
  t: TestContext,
  company: Company,
  reports: {asAt: string; format?: ReportFormat}[],
): string {
  const folder = join(tempDir(t), 'exports')
  mkdirSync(folder, {recursive: true})
  writeMyob(company, folder)
  for (const r of reports) {
    const sub = join(folder, `reports-${r.asAt}`)
    mkdirSync(sub)
    writeReports(company, sub, 'myob', r.asAt as CivilDate, r.format ?? 'xlsx')
  }
  return folder
}

export const smallCompany = (seed = 7) => buildCompany(seed, SMALL)

export interface Migrated {
  staging: Staging
  client: QboClient
  env: NodeJS.ProcessEnv
  dir: string
  dbPath: string
  result: ReconcileResult
  parked: number
}

/**
 * Extract the folder (and each reports sub-folder), plan and load into a fresh emulator (optionally through
 * a client that rewrites what is sent: a mapper gone wrong, as QBO would receive it), reconcile at `asOf`.
 */
export async function migrate(
  t: TestContext,
  folder: string,
  options: {
    reportFolders?: string[]
    conversion?: ConversionOption
    asOf?: string
    client?: (client: QboClient, staging: Staging) => QboClient | Promise<QboClient>
    beforeLoad?: (staging: Staging) => void
  } = {},
): Promise<Migrated> {
  const emulator = await startQboEmulator({timeScale: TIME_SCALE})
  t.after(() => emulator.close())
  const grant = (await (
    await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
  ).json()) as {refresh_token: string}
  const dir = tempDir(t)
  const env = {
    QBO_BASE_URL: emulator.url,
    QBO_CLIENT_ID: 'qbo-emulator-client',
    QBO_CLIENT_SECRET: 'qbo-emulator-secret',
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
    QBO_TOKEN_PASSPHRASE: 'test-passphrase',
    QBO_REALM_ID: emulator.realmId,
    QBO_REFRESH_TOKEN: grant.refresh_token,
    QBO_TIME_SCALE: String(TIME_SCALE),
  }
  const {staging, path: dbPath} = tempStaging(t)
  for (const path of [folder, ...(options.reportFolders ?? [])]) {
    const extracted = await runExtract(staging, {from: 'myob', path, logger: silentLogger})
    const rejected = extracted.files.filter((f) => f.status === 'rejected')
    assert.deepEqual(rejected, [], JSON.stringify(rejected))
  }
  options.beforeLoad?.(staging)
  const real = openRealmClient(env, silentLogger, {client: {timeScale: TIME_SCALE}})
  const client = options.client ? await options.client(real, staging) : real
  const conversion = options.conversion ? {conversion: options.conversion} : {}
  const plan = await planMigration({staging, client, logger: silentLogger}, conversion)
  assert.deepEqual(plan.issues, [], JSON.stringify(plan.issues.slice(0, 3)))
  const loaded = await runLoad(
    {
      staging,
      client,
      logger: silentLogger,
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    {resume: false, batchSize: 30, dbPath, ...conversion},
  )
  const result = await reconcile(
    {staging, port: clientReadPort(real), clock: systemClock, logger: silentLogger},
    {out: join(dir, 'reconciliation.xlsx'), ...(options.asOf ? {asOf: options.asOf} : {})},
  )
  return {staging, client: real, env, dir, dbPath, result, parked: loaded.parked.length}
}
