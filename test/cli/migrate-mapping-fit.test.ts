// Issue 16, acceptance 1, through the command line as a user runs it: the demo company's two bank accounts
// (090 AUD, 091 USD) mapped onto an income account, and Xero's 10% GST on Expenses (INPUT) mapped onto a
// GST-free purchases code, are refused at `qbo migrate mapping import` with the sheet, row, column and next
// step; confirmed in the Confirm column they are accepted, and the preview shows the tax difference.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {it} from 'node:test'

import ExcelJS from 'exceljs'

import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {DEMO_XERO_COMPANY_DIR, startXeroEmulator} from '../../src/emulator/xero/index.js'
import {exportMapping} from '../../src/load/mapping-io.js'
import {planMigration} from '../../src/load/migration.js'
import {openRealmClient} from '../../src/qbo/index.js'
import {XeroApiAdapter} from '../../src/sources/xero-api/index.js'
import {openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {emulatorTokens, stageAll} from '../unit/sources/xero-api/driver.js'
import {columnOf, rowOf} from '../workbooks/mapping-helpers.js'

const TIME_SCALE = 60

interface JsonError {
  error: {
    code: string
    message: string
    next: string
    data?: {problems?: {sheet: string; row: number; column: string; message: string}[]}
  }
}

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  change(wb)
  await wb.xlsx.writeFile(file)
}

function set(wb: ExcelJS.Workbook, sheet: string, keys: string[], header: string, value: string) {
  const ws = wb.getWorksheet(sheet)!
  const row = rowOf(ws, ...keys)
  row.getCell(columnOf(ws, header)).value = value
  return row.number
}

it(
  'refuses bank accounts onto income and GST onto GST-free at import, accepts them confirmed, and the preview shows the tax difference',
  {timeout: 240_000},
  async (t) => {
    const qbo = await startQboEmulator({timeScale: TIME_SCALE})
    t.after(() => qbo.close())
    const xero = await startXeroEmulator({company: DEMO_XERO_COMPANY_DIR, rateLimits: false})
    t.after(() => xero.close())
    const grant = await fetch(`${qbo.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    const {refresh_token: refreshToken} = (await grant.json()) as {refresh_token: string}
    const dir = tempDir(t)
    const db = join(dir, 'm.db')
    const env = {
      QBO_BASE_URL: qbo.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: 'test-passphrase',
      QBO_REALM_ID: qbo.realmId,
      QBO_REFRESH_TOKEN: refreshToken,
      QBO_TIME_SCALE: String(TIME_SCALE),
    }
    const qboCli = (...args: string[]) => runCli([...args, '--db', db], {env, timeoutMs: 120_000})

    // Set up in-process (each command line costs seconds): extract, export the workbook, plan once (the
    // preview's "Since last plan" compares with it).
    const file = join(dir, 'mapping.xlsx')
    const staging = openStaging(db)
    try {
      await stageAll(
        new XeroApiAdapter({tokens: emulatorTokens(xero.url, xero.tenantId), baseUrl: xero.url}),
        staging,
      )
      const client = openRealmClient(env, silentLogger, {client: {timeScale: TIME_SCALE}})
      const deps = {staging, client, logger: silentLogger}
      await exportMapping(deps, file)
      await planMigration(deps)
    } finally {
      staging.close()
    }

    // 1. Both bank accounts onto the income account "Sales", and Xero's 10% INPUT (purchases) onto the 0%
    // "GST-free non-capital": refused, one problem per cell, each with its sheet, row, column and next step.
    let bankRows: number[] = []
    let taxRow = 0
    await edit(file, (wb) => {
      bankRows = ['090', '091'].map((id) => set(wb, 'Accounts', [id], 'Use QBO account', 'Sales'))
      taxRow = set(wb, 'Tax codes', ['INPUT', 'purchase'], 'Use QBO tax code', 'GST-free non-capital')
    })
    const refused = await qboCli('migrate', 'mapping', 'import', file, '--json')
    assert.equal(refused.code, 1, refused.stdout)
    const error = (JSON.parse(refused.stdout) as JsonError).error
    assert.equal(error.code, 'USER_INPUT')
    assert.match(error.message, /has 3 problems:/)
    for (const row of bankRows) {
      assert.match(
        error.message,
        new RegExp(
          `sheet "Accounts", row ${row}, column K \\("Use QBO account"\\): 09[01] .* is a bank account but "Sales" is an income account \\(Income\\)\\. Choose a QBO account of the same kind, or write "yes" in the Confirm column \\(L\\) on this row to keep this choice`,
        ),
      )
    }
    assert.match(
      error.message,
      new RegExp(
        `sheet "Tax codes", row ${taxRow}, column G \\("Use QBO tax code"\\): INPUT "GST on Expenses" is 10% but the QBO tax code "GST-free non-capital" is 0% for purchases\\. Choose a QBO tax code of the same rate, or write "yes" in the Confirm column \\(H\\)`,
      ),
    )
    assert.match(error.next, /Correct sheet "Accounts", row \d+, column K .* run `qbo migrate mapping import/)
    assert.doesNotMatch(error.message, /[{}]/, 'no raw JSON in the message')

    // 3. Both confirmed: accepted, and the preview shows what they do.
    await edit(file, (wb) => {
      for (const id of ['090', '091']) {
        set(wb, 'Accounts', [id], 'Use QBO account', 'Sales')
        set(wb, 'Accounts', [id], 'Confirm', 'yes')
      }
      set(wb, 'Tax codes', ['INPUT', 'purchase'], 'Confirm', 'yes')
    })
    const accepted = await qboCli('migrate', 'mapping', 'import', file)
    assert.equal(accepted.code, 0, accepted.stderr)
    assert.match(accepted.stdout, /Imported 2 account, 1 tax code/)

    const preview = join(dir, 'preview.xlsx')
    const planned = await qboCli('migrate', 'plan', '--out', preview)
    assert.ok(planned.code === 0 || planned.code === 3, planned.stderr)
    assert.match(
      planned.stdout,
      /Tax: INPUT \(purchase, 10%\) goes to "GST-free non-capital" \(0%\): [\d.]+ in the source, 0\.00 at the QBO rate/,
    )
    assert.match(planned.stdout, /\d+ changes since the previous plan/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(preview)
    const tax = wb.getWorksheet('Tax totals')!
    const input = rowOf(tax, 'INPUT', 'purchase')
    const cell = (header: string) => input.getCell(columnOf(tax, header)).value
    assert.equal(cell('QBO tax code'), 'GST-free non-capital')
    assert.equal(cell('Source rate %'), 10)
    assert.equal(cell('QBO rate %'), 0)
    assert.equal(cell('Planned tax'), 0)
    assert.ok(Number(cell('Source tax')) > 0, 'the source charged GST on these purchases')
    assert.equal(cell('Difference'), -Number(cell('Source tax')))

    const totals = wb.getWorksheet('Account totals')!
    const sales = rowOf(totals, 'Sales')
    assert.match(String(sales.getCell(columnOf(totals, 'Source accounts')).value), /090 .*091 /)

    const since = wb.getWorksheet('Since last plan')!
    const changed: string[] = []
    since.eachRow(
      (row, n) => n > 1 && changed.push(`${String(row.getCell(1).value)}: ${String(row.getCell(2).value)}`),
    )
    assert.ok(
      changed.some((c) => /^Tax: INPUT purchase -> GST-free non-capital/.test(c)),
      changed.join('\n'),
    )
    assert.ok(
      changed.some((c) => /^Decisions: MAPPING_CONFIRMED/.test(c)),
      changed.join('\n'),
    )

    // 4. A workbook without those choices (an older copy, say) says what it undoes.
    await edit(file, (wb) => {
      for (const id of ['090', '091']) {
        set(wb, 'Accounts', [id], 'Use QBO account', '')
        set(wb, 'Accounts', [id], 'Confirm', '')
      }
    })
    const dropped = await qboCli('migrate', 'mapping', 'import', file)
    assert.equal(dropped.code, 0, dropped.stderr)
    assert.match(dropped.stdout, /This workbook drops or changes 4 earlier choices:/)
    assert.match(dropped.stdout, /account 090: was Sales, now \(the tool's suggestion\)/)
    assert.match(dropped.stdout, /account confirmation 091: was yes/)
  },
)
