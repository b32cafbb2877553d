import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import ExcelJS from 'exceljs'

import {startQboEmulator, type QboEmulator} from '../../src/emulator/qbo/index.js'
import {runCli} from '../helpers/cli.js'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- QBO JSON of any shape, asserted field by field
type Json = any

/** `qbo report` and `qbo query` as a user runs them, against an emulator with one customer and one invoice. */
describe('qbo report / qbo query (CLI)', () => {
  let emulator: QboEmulator
  let dir: string
  let env: NodeJS.ProcessEnv
  before(async () => {
    emulator = await startQboEmulator({throttling: false})
    dir = mkdtempSync(join(tmpdir(), 'qbo-cli-extracts-'))
    const t = (await (
      await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    ).json()) as {
      access_token: string
      refresh_token: string
    }
    const api = async (path: string, body: unknown) =>
      (await (
        await fetch(`${emulator.url}/v3/company/${emulator.realmId}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${t.access_token}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
        })
      ).json()) as Json
    const gst = (
      (await (
        await fetch(
          `${emulator.url}/v3/company/${emulator.realmId}/query?query=${encodeURIComponent("select * from TaxCode where Name = 'GST'")}`,
          {
            headers: {authorization: `Bearer ${t.access_token}`, accept: 'application/json'},
          },
        )
      ).json()) as Json
    ).QueryResponse.TaxCode[0].Id
    const customer = (await api('/customer', {DisplayName: 'CLI Customer'})).Customer.Id
    await api('/invoice', {
      CustomerRef: {value: customer},
      TxnDate: '2025-05-01',
      PrivateNote: 'Rush order',
      Line: [
        {DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
      ],
    })
    env = {
      QBO_BASE_URL: emulator.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: 'cli-extracts',
      QBO_REFRESH_TOKEN: t.refresh_token,
      QBO_REALM_ID: emulator.realmId,
    }
  })
  after(async () => {
    await emulator?.close()
    rmSync(dir, {recursive: true, force: true})
  })

  it('qbo report writes the flattened report as CSV on stdout', {timeout: 60_000}, async () => {
    const r = await runCli(['report', 'TrialBalance', '--end', '2025-06-30'], {env})
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split('\n')
    assert.equal(lines[0], 'Section,Row,Account,Account Id,Debit,Credit')
    assert.ok(
      lines.some((l) => /^,data,Accounts Receivable \(A\/R\),\d+,110\.00,$/.test(l)),
      r.stdout,
    )
    assert.match(lines.at(-1)!, /^,subtotal,TOTAL,,110\.00,110\.00$/)
  })

  it(
    'qbo query --private-note finds the invoice QBO cannot filter by note, into a file; --json tells the counts',
    {timeout: 60_000},
    async () => {
      const out = join(dir, 'rush.csv')
      const r = await runCli(
        ['query', 'SELECT * FROM Invoice', '--private-note', 'rush', '--out', out, '--json'],
        {env},
      )
      assert.equal(r.code, 0, r.stderr)
      const result = JSON.parse(r.stdout) as {rows: number; scanned: number; format: string}
      assert.deepEqual([result.rows, result.scanned, result.format], [1, 1, 'csv'])
      const csv = readFileSync(out, 'utf8')
      assert.match(csv.split('\n')[0]!, /^Id,/)
      assert.match(csv, /Rush order/)
      assert.match(csv.split('\n')[0]!, /CustomerRef\.value/)
    },
  )

  it(
    'qbo extract run writes one workbook; qbo extract changes --json lists what changed',
    {timeout: 60_000},
    async () => {
      const file = join(dir, 'extracts.yml')
      writeFileSync(
        file,
        'extracts:\n  - name: Customers\n    query: SELECT * FROM Customer\n  - name: New invoices\n    changes: {entities: [Invoice], since: 1h}\n',
      )
      const out = join(dir, 'book.xlsx')
      const run = await runCli(['extract', 'run', file, '--out', out, '--json'], {env})
      assert.equal(run.code, 0, run.stderr)
      const result = JSON.parse(run.stdout) as {out: string; extracts: {sheet: string; rows: number}[]}
      assert.deepEqual(
        result.extracts.map((x) => [x.sheet, x.rows]),
        [
          ['Customers', 1],
          ['New invoices', 1],
        ],
      )
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(out)
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['Cover', 'Customers', 'New invoices'],
      )
      const changes = await runCli(
        ['extract', 'changes', '--entities', 'Invoice,Customer', '--since', '1h', '--json'],
        {env},
      )
      assert.equal(changes.code, 0, changes.stderr)
      const c = JSON.parse(changes.stdout) as {
        entities: Record<string, {changed: number}>
        data: {entity: string; status: string}[]
      }
      assert.deepEqual(c.entities, {Invoice: {changed: 1, deleted: 0}, Customer: {changed: 1, deleted: 0}})
      assert.equal(c.data.length, 2)
    },
  )

  it(
    'a start after the end is a usage error with the next step (exit 2), under --json too',
    {timeout: 60_000},
    async () => {
      const r = await runCli(
        ['report', 'TrialBalance', '--start', '2025-06-30', '--end', '2025-01-01', '--json'],
        {env},
      )
      assert.equal(r.code, 2)
      const e = JSON.parse(r.stdout) as {error: {code: string; next: string}}
      assert.equal(e.error.code, 'USAGE')
      assert.match(e.error.next, /Swap/)
    },
  )
})
