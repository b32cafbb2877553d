import {randomBytes} from 'node:crypto'
import {mkdirSync, rmSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {BugError, UserInputError} from '../domain/errors.js'
import {startQboEmulator} from '../emulator/qbo/index.js'
import {DEMO_XERO_COMPANY_DIR, startXeroEmulator} from '../emulator/xero/index.js'
import {type LoadResult, planMigration, runLoad} from '../load/migration.js'
import type {Plan} from '../load/plan.js'
import {openQboSession} from '../qbo/index.js'
import {clientReadPort} from '../reconcile/qbo-read-port.js'
import {reconcile} from '../reconcile/reconcile.js'
import type {ReconcileResult} from '../reconcile/result.js'
import {tolerancePolicy} from '../reconcile/tolerance.js'
import type {ExtractResult} from '../sources/extract.js'
import {runExtract} from '../sources/run-extract.js'
import {systemClock} from '../staging/clock.js'
import {openStaging, type Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import {writePreviewWorkbook} from '../workbooks/index.js'

/** The bundled demo company (fixtures/demo/, made by fixtures/generator/ with seed 42). */
export const DEMO_FIXTURES = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url))

export type DemoSource = 'myob' | 'xero-csv' | 'xero-api'

export interface DemoStep {
  step: 'emulator' | 'extract' | 'plan' | 'load' | 'reconcile'
  message: string
}

export interface DemoResult {
  source: DemoSource
  realmId: string
  emulator: string
  db: string
  /** The emulator's company, kept so `qbo emulator start --data` can serve it again. */
  emulatorDb: string
  preview: string
  reconciliation: string
  extract: {counts: ExtractResult['counts']; rejected: number}
  plan: {entities: Plan['entities']; blocked: number; estimate: Plan['estimate']}
  load: Pick<LoadResult, 'runId' | 'entities' | 'requests' | 'files'> & {parked: number}
  matchRate: number
  withinTolerance: boolean
  trialBalanceVariance: number
  /** The Xero CSV route migrates as at this date (its exports carry no payments). */
  conversionDate?: string
  /** What the balances were compared with: the source's own reports, or staged records. */
  comparedWith: string
}

export interface DemoOptions {
  out: string
  source: DemoSource
  /** Divides QBO's time windows in the emulator and the client alike (60: a QBO minute lasts a second). */
  timeScale: number
}

/**
 * The whole product on the bundled demo company, against an in-process emulator: extract -> plan (preview)
 * -> load -> reconcile (workbook). Every step goes through the same code as the commands, including the
 * encrypted token store and the paced QBO client; only QuickBooks itself is the local emulator.
 */
export async function runDemo(
  logger: Logger,
  options: DemoOptions,
  onStep: (s: DemoStep) => void = () => {},
): Promise<DemoResult> {
  const out = resolve(options.out)
  mkdirSync(out, {recursive: true})
  const db = join(out, 'demo.db')
  // A fresh emulator each run, so a fresh migration file too (its id map would point at records that are gone).
  // The emulator keeps its company in a file beside it, so the user can go on with this migration afterwards
  // (`qbo emulator start --data <out>/emulator.db --env-out ...`).
  const emulatorDb = join(out, 'emulator.db')
  const stale = [db, emulatorDb, join(out, 'tokens.json'), join(out, 'tokens.json.key')]
  for (const f of stale.flatMap((f) => [f, `${f}-wal`, `${f}-shm`])) rmSync(f, {force: true})

  const emulator = await startQboEmulator({port: 0, timeScale: options.timeScale, dataFile: emulatorDb})
  onStep({step: 'emulator', message: `QBO emulator on ${emulator.url} (realm ${emulator.realmId})`})
  const staging = openStaging(db)
  try {
    const seed = (await (
      await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    ).json()) as {
      refresh_token: string
      realmId: string
    }
    const env: NodeJS.ProcessEnv = {
      QBO_BASE_URL: emulator.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(out, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: randomBytes(24).toString('base64url'),
      QBO_REFRESH_TOKEN: seed.refresh_token,
      QBO_REALM_ID: seed.realmId,
    }
    // The demo seeds its own token store from its own emulator: say so only under --verbose.
    const sessionLogger: Logger = {...logger, info: (m) => logger.debug(m)}
    const client = openQboSession(env, sessionLogger).client(seed.realmId, {timeScale: options.timeScale})

    const extracted = await extractDemo(staging, options.source, logger)
    const rejected = extracted.files.filter((f) => f.status === 'rejected').length
    if (rejected > 0)
      throw new UserInputError(`${rejected} demo files were rejected`, {
        next: 'This is a bug in the bundled demo files.',
      })
    onStep({
      step: 'extract',
      message: `Staged ${Object.values(extracted.counts).reduce((a, b) => a + b, 0)} records`,
    })

    // Xero CSV exports carry no payments: that route migrates as at the date its exports (and reports) were
    // taken, the conversion date, with the source's trial balance as opening balances.
    const conversionDate =
      options.source === 'xero-csv'
        ? staging.sourceReports.list('trialBalance').at(-1)?.report.asAt
        : undefined
    const conversion = conversionDate ? {conversion: {date: conversionDate}} : {}
    const plan = await planMigration({staging, client, logger}, conversion)
    const previewFile = join(out, 'preview.xlsx')
    await writePreviewWorkbook(plan, previewFile, {
      generatedAt: new Date().toISOString(),
      source: `${options.source}: bundled demo company`,
      realmId: seed.realmId,
      db,
    })
    onStep({step: 'plan', message: `Planned ${plan.records.length} records; preview in ${previewFile}`})

    const loaded = await runLoad(
      {staging, client, logger, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms))},
      {resume: false, batchSize: 30, dbPath: db, ...conversion},
    )
    if (loaded.duplicates.length > 0) {
      throw new BugError(`The demo load wrote ${loaded.duplicates.length} records twice`, {
        next: 'This is a bug in qbo-toolkit: report the output of `qbo migrate demo --verbose`.',
        data: {duplicates: loaded.duplicates},
      })
    }
    onStep({step: 'load', message: `Loaded; ${loaded.parked.length} parked`})

    const reconciliation = join(out, 'reconciliation.xlsx')
    const rec: ReconcileResult = await reconcile(
      {staging, port: clientReadPort(client), clock: systemClock, logger},
      {tolerance: tolerancePolicy(), out: reconciliation},
    )
    onStep({step: 'reconcile', message: `Match rate ${(rec.matchRate * 100).toFixed(1)}%`})
    return {
      source: options.source,
      realmId: seed.realmId,
      emulator: emulator.url,
      db,
      emulatorDb,
      preview: previewFile,
      reconciliation,
      extract: {counts: extracted.counts, rejected},
      plan: {entities: plan.entities, blocked: plan.issues.length, estimate: plan.estimate},
      load: {
        runId: loaded.runId,
        entities: loaded.entities,
        requests: loaded.requests,
        parked: loaded.parked.length,
        files: loaded.files,
      },
      matchRate: rec.matchRate,
      withinTolerance: rec.withinTolerance,
      trialBalanceVariance: rec.trialBalance.variance,
      ...(conversionDate ? {conversionDate} : {}),
      comparedWith: staging.sourceReports.list('trialBalance').length
        ? `the source's own Trial Balance and Aged Receivables / Payables Summary as at ${rec.asOf}`
        : 'figures rebuilt from the staged records (no source report)',
    }
  } finally {
    staging.close()
    await emulator.close()
  }
}

/**
 * Stages the demo company from its files, or for `xero-api` through a Xero API emulator serving the same
 * company (started here and stopped when the extract is done), with the source's report exports beside it.
 */
async function extractDemo(staging: Staging, source: DemoSource, logger: Logger): Promise<ExtractResult> {
  if (source !== 'xero-api') {
    return runExtract(staging, {from: source, path: join(DEMO_FIXTURES, source), dryRun: false, logger})
  }
  const xero = await startXeroEmulator({company: DEMO_XERO_COMPANY_DIR, rateLimits: false})
  try {
    return await runExtract(staging, {
      from: 'xero-api',
      reports: join(DEMO_FIXTURES, 'xero-api-reports'),
      env: {XERO_BASE_URL: xero.url, XERO_CLIENT_ID: 'demo-client', XERO_CLIENT_SECRET: 'demo-secret'},
      logger,
    })
  } finally {
    await xero.close()
  }
}
