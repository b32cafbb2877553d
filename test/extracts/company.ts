import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type Book,
  type QboEmulator,
  type QboEmulatorOptions,
  startQboEmulator,
} from '../../src/emulator/qbo/index.js'
import {planMigration, runLoad} from '../../src/load/migration.js'
import {openRealmClient, type QboClient} from '../../src/qbo/index.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'

const DEMO_MYOB = join(import.meta.dirname, '../../fixtures/demo/myob')
export const TIME_SCALE = 60

export interface MigratedCompany {
  emulator: QboEmulator
  client: QboClient
  env: NodeJS.ProcessEnv
  dir: string
  /** The company as the emulator holds it, read back through the API (what its ledger posts). */
  book(): Promise<Book>
  close(): Promise<void>
}

const POSTING = [
  'JournalEntry',
  'Invoice',
  'SalesReceipt',
  'CreditMemo',
  'Bill',
  'VendorCredit',
  'Purchase',
  'Payment',
  'BillPayment',
  'Deposit',
  'Transfer',
]
const LISTS = [
  'Account',
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Class',
  'Department',
  'TaxCode',
  'TaxRate',
]

/**
 * The bundled MYOB demo company migrated into a fresh emulator (extract, plan, load), once per test file:
 * the extract tests read it back through the same client the commands use.
 */
export async function migratedCompany(options: QboEmulatorOptions = {}): Promise<MigratedCompany> {
  const emulator = await startQboEmulator({timeScale: TIME_SCALE, ...options})
  const dir = mkdtempSync(join(tmpdir(), 'qbo-extracts-'))
  try {
    const grant = (await (
      await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    ).json()) as {
      refresh_token: string
    }
    const env: NodeJS.ProcessEnv = {
      QBO_BASE_URL: emulator.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: 'extracts-test',
      QBO_REALM_ID: emulator.realmId,
      QBO_REFRESH_TOKEN: grant.refresh_token,
      QBO_TIME_SCALE: String(TIME_SCALE),
    }
    const db = join(dir, 'migration.db')
    const staging = openStaging(db)
    const client = openRealmClient(env, silentLogger, {client: {timeScale: TIME_SCALE}})
    try {
      await runExtract(staging, {from: 'myob', path: DEMO_MYOB, logger: silentLogger})
      await planMigration({staging, client, logger: silentLogger})
      const loaded = await runLoad(
        {
          staging,
          client,
          logger: silentLogger,
          now: Date.now,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        },
        {resume: false, batchSize: 30, dbPath: db},
      )
      if (loaded.parked.length > 0) throw new Error(`demo load parked ${loaded.parked.length} records`)
    } finally {
      staging.close()
    }
    return {
      emulator,
      client,
      env,
      dir,
      book: async () => {
        const lists = new Map<string, Record<string, unknown>[]>()
        for (const entity of [...POSTING, ...LISTS])
          lists.set(entity, await client.queryAll(`SELECT * FROM ${entity}`))
        const companyInfo = await client.companyInfo()
        const prefs = (await client.queryPage('SELECT * FROM Preferences')).rows[0] ?? {}
        return {companyInfo, preferences: prefs, list: (e) => structuredClone(lists.get(e) ?? [])}
      },
      close: async () => {
        await emulator.close()
        rmSync(dir, {recursive: true, force: true})
      },
    }
  } catch (e) {
    await emulator.close()
    rmSync(dir, {recursive: true, force: true})
    throw e
  }
}
