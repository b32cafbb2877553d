// Issue 14, findings 6 and 7 end to end through the mapping workbook: the demo's Xero CSV exports without
// their rates file leave the USD invoices without a rate; the exported workbook lists USD on its Exchange
// rates sheet, the accountant fills it in (Xero's way round, naming it in the header), imports it, extracts
// again, and the invoices plan. The same workbook's freight setting moves MYOB freight to another account.
import assert from 'node:assert/strict'
import {cpSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {it, type TestContext} from 'node:test'

import ExcelJS from 'exceljs'

import {exportMapping, importMapping} from '../../src/cli/mapping-io.js'
import {planMigration} from '../../src/load/migration.js'
import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {openRealmClient} from '../../src/qbo/index.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

const DEMO = join(import.meta.dirname, '../../fixtures/demo')
const TIME_SCALE = 60

async function session(t: TestContext) {
  const emulator = await startQboEmulator({timeScale: TIME_SCALE})
  t.after(() => emulator.close())
  const grant = await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
  const {refresh_token: refreshToken} = (await grant.json()) as {refresh_token: string}
  const dir = tempDir(t)
  const client = openRealmClient(
    {
      QBO_BASE_URL: emulator.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: 'test-passphrase',
      QBO_REALM_ID: emulator.realmId,
      QBO_REFRESH_TOKEN: refreshToken,
    },
    silentLogger,
    {client: {timeScale: TIME_SCALE}},
  )
  const {staging} = tempStaging(t)
  return {client, staging, dir, deps: {staging, client, logger: silentLogger}}
}

async function editWorkbook(file: string, edit: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  edit(wb)
  await wb.xlsx.writeFile(file)
}

it(
  'Xero CSV: rates given in the mapping workbook let the foreign invoices load',
  {timeout: 120_000},
  async (t) => {
    const {staging, dir, deps} = await session(t)
    const exports = join(dir, 'xero-csv')
    cpSync(join(DEMO, 'xero-csv'), exports, {recursive: true})
    rmSync(join(exports, 'Exchange Rates.csv'))
    await runExtract(staging, {from: 'xero-csv', path: exports, logger: silentLogger})
    const before = await planMigration(deps)
    const missing = before.issues.filter((i) => i.code === 'EXCHANGE_RATE_MISSING')
    assert.ok(missing.length > 0, 'the USD invoices have no rate')

    const file = join(dir, 'mapping.xlsx')
    await exportMapping(deps, file)
    await editWorkbook(file, (wb) => {
      const ws = wb.getWorksheet('Exchange rates')!
      assert.equal(ws.getCell('A2').value, 'USD')
      assert.equal(ws.getCell('E2').value, missing.length)
      ws.getCell('D1').value = 'Units per AUD'
      ws.getCell('D2').value = 0.65
      ws.getCell('C2').value = null
    })
    const imported = await importMapping(deps, file)
    assert.equal(imported.suppliedFacts, 1)
    // Until the next extract the plan says what to do; after it the invoices go.
    const stale = await planMigration(deps)
    assert.ok(
      stale.issues.some(
        (i) => i.code === 'EXCHANGE_RATE_MISSING' && /run `qbo migrate extract` again/.test(i.fix),
      ),
    )
    await runExtract(staging, {from: 'xero-csv', path: exports, logger: silentLogger})
    const after = await planMigration(deps)
    assert.deepEqual(after.issues, [])
    const usd = after.records.find(
      (r) =>
        r.entity === 'Invoice' && (r.payload?.CurrencyRef as {value?: string} | undefined)?.value === 'USD',
    )
    assert.equal((usd?.payload as {ExchangeRate?: number} | undefined)?.ExchangeRate, 1.5384615)
  },
)

it(
  'MYOB: the freight setting of the mapping workbook moves freight to the account chosen',
  {timeout: 120_000},
  async (t) => {
    const {staging, dir, deps} = await session(t)
    await runExtract(staging, {from: 'myob', path: join(DEMO, 'myob'), logger: silentLogger})
    const file = join(dir, 'mapping.xlsx')
    await exportMapping(deps, file)
    await editWorkbook(file, (wb) => {
      const ws = wb.getWorksheet('Settings')!
      assert.equal(ws.getCell('A5').value, 'Freight income account')
      assert.equal(ws.getCell('B5').value, '4-4000', 'suggested from the chart: Freight Income')
      ws.getCell('B5').value = '4-3000'
    })
    await importMapping(deps, file)
    await runExtract(staging, {from: 'myob', path: join(DEMO, 'myob'), logger: silentLogger})
    const plan = await planMigration(deps)
    assert.deepEqual(plan.issues, [])
    const freight = plan.records
      .filter((r) => r.entity === 'Invoice')
      .flatMap((r) => r.decisions.filter((d) => d.code === 'FREIGHT_ACCOUNT'))
    assert.ok(freight.length > 0)
    assert.ok(
      freight.every((d) =>
        /posts to 4-3000 Other Revenue \(the mapping workbook's setting\)/.test(d.message),
      ),
    )
  },
)
