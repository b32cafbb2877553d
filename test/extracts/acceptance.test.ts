import assert from 'node:assert/strict'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import ExcelJS from 'exceljs'

import {extractSources} from '../../src/cli/extract-sources.js'
import {D, type Dec} from '../../src/domain/money.js'
import {UserInputError} from '../../src/domain/errors.js'
import {type Book, type ReportBuilder} from '../../src/emulator/qbo/index.js'
import {balances, createReportBuilder, openItems, postBook} from '../../src/emulator/qbo/ledger/index.js'
import {extractReport, fetchReport, type ReportSource, runDefinitionFile} from '../../src/extracts/index.js'
import {reportTable, type ReportTable} from '../../src/extracts/report/table.js'
import {silentLogger} from '../../src/ui/logger.js'
import {migratedCompany, type MigratedCompany} from './company.js'
import {writeFileSync} from 'node:fs'

/**
 * The acceptance, on the demo company migrated into the emulator (once for the whole file): report
 * figures equal the emulator's own ledger, a report QBO cuts short is split and joined to the untruncated
 * totals, and a saved definition of four extracts makes one workbook that exceljs opens.
 */
const START = '2023-07-01'
const END = '2024-06-30'
/** Small enough that TransactionList and GeneralLedger for the year are cut short, the others not. */
const CELL_LIMIT = 5000

let company: MigratedCompany
let book: Book
let source: ReportSource

before(async () => {
  company = await migratedCompany({reportCellLimit: CELL_LIMIT})
  book = await company.book()
  source = extractSources(company.client)
})
after(() => company?.close())

const num = (v: string | undefined): Dec => new D(v && v.trim() !== '' ? v.replace(/,/g, '') : 0)
const dataRows = (t: ReportTable) => t.rows.filter((r) => r.kind === 'data')

describe('report figures equal the emulator ledger after a demo migration', () => {
  it('TrialBalance: every account and both totals', {timeout: 60_000}, async () => {
    const {table} = await extractReport(source, {name: 'TrialBalance', end: END}, silentLogger)
    const ledger = postBook(book)
    // The demo's transactions all fall in one AU fiscal year (July-June), so nothing closes to retained earnings.
    const expected = balances(ledger.postings, (p) => p.date <= END)
    const got = new Map(dataRows(table).map((r) => [r.ids[0]!, num(r.values[1]).minus(num(r.values[2]))]))
    const nonzero = [...expected].filter(([, v]) => !v.isZero())
    assert.ok(nonzero.length > 10, 'the demo company has a real chart')
    assert.deepEqual([...got.keys()].sort(), nonzero.map(([id]) => id).sort())
    for (const [id, value] of nonzero)
      assert.equal(got.get(id)!.toFixed(2), value.toFixed(2), `account ${id}`)
    const total = table.rows.find((r) => r.kind === 'summary' && r.values[0] === 'TOTAL')!
    const debits = nonzero.filter(([, v]) => v.isPositive()).reduce((s, [, v]) => s.plus(v), new D(0))
    assert.equal(num(total.values[1]).toFixed(2), debits.toFixed(2))
    assert.equal(num(total.values[2]).toFixed(2), debits.toFixed(2), 'debits equal credits')
  })

  it('ProfitAndLoss by month: each account in each month, and net income', {timeout: 60_000}, async () => {
    const {table, parts} = await extractReport(
      source,
      {name: 'ProfitAndLoss', start: START, end: END, summarizeBy: 'Month'},
      silentLogger,
    )
    assert.equal(parts.length, 1)
    const months = table.columns.slice(1, -1).map((c) => c.name)
    assert.deepEqual(months.slice(0, 2), ['Jul 2023', 'Aug 2023'])
    assert.equal(months.length, 12)
    assert.equal(table.columns.at(-1)!.name, 'Total')
    const ledger = postBook(book)
    const monthOf = (i: number) => `${i < 6 ? 2023 : 2024}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`
    const pl = new Set(['Income', 'Other Income', 'Expense', 'Other Expense', 'Cost of Goods Sold'])
    let checked = 0
    for (const row of dataRows(table).filter((r) => r.ids[0])) {
      const account = ledger.chart.get(row.ids[0]!)
      assert.ok(pl.has(account.type), `${account.name} is a profit and loss account`)
      const creditNormal = account.type.includes('Income')
      months.forEach((_, i) => {
        const net =
          balances(ledger.postings, (p) => p.accountId === account.id && p.date.startsWith(monthOf(i))).get(
            account.id,
          ) ?? new D(0)
        const shown = creditNormal ? net.negated() : net
        assert.equal(num(row.values[i + 1]).toFixed(2), shown.toFixed(2), `${account.name} ${months[i]}`)
        checked += 1
      })
    }
    assert.ok(checked > 100)
    const netIncome = table.rows.find((r) => r.group === 'NetIncome')!
    months.forEach((m, i) => {
      const net = balances(
        ledger.postings,
        (p) => pl.has(ledger.chart.get(p.accountId).type) && p.date.startsWith(monthOf(i)),
      )
      const sum = [...net.values()].reduce((s, v) => s.plus(v), new D(0)).negated()
      assert.equal(num(netIncome.values[i + 1]).toFixed(2), sum.toFixed(2), `net income ${m}`)
    })
  })

  it('AgedReceivableDetail: every open item with its open balance', {timeout: 60_000}, async () => {
    const {table} = await extractReport(
      source,
      {name: 'AgedReceivableDetail', params: {report_date: END}},
      silentLogger,
    )
    const expected = openItems(book, 'Receivable', END as never)
    const got = dataRows(table)
      .map((r) => `${r.ids[1]} ${num(r.values[7]).toFixed(2)}`)
      .sort()
    assert.ok(expected.length > 20)
    assert.deepEqual(got, expected.map((i) => `${i.txnId} ${i.open.toFixed(2)}`).sort())
  })
})

/** A ReportSource answering from the emulator's own builder on the migrated book, in process. */
function inProcess(builder: ReportBuilder): ReportSource & {calls: number} {
  const s = {
    calls: 0,
    report: async (name: string, params: Record<string, string>) => {
      s.calls += 1
      return builder(name, new URLSearchParams(params), book)
    },
  }
  return s
}

const unlimited = () =>
  inProcess(createReportBuilder({now: () => new Date()}, {cellLimit: Number.MAX_SAFE_INTEGER}))
const limited = (cellLimit: number) => inProcess(createReportBuilder({now: () => new Date()}, {cellLimit}))

describe('a report QBO cuts short is split by date and joined to the untruncated totals', () => {
  it(
    'TransactionList from the emulator over HTTP: every transaction once, same total',
    {timeout: 120_000},
    async () => {
      const joined = await fetchReport(
        source,
        'TransactionList',
        {start_date: START, end_date: END},
        silentLogger,
      )
      assert.ok(joined.parts.length > 2, `split into ${joined.parts.length} parts`)
      const whole = reportTable(
        (await fetchReport(unlimited(), 'TransactionList', {start_date: START, end_date: END}, silentLogger))
          .report,
      )
      const parts = reportTable(joined.report)
      const ids = (t: ReportTable) => dataRows(t).map((r) => `${r.values[1]}:${r.ids[1]}`)
      assert.equal(new Set(ids(parts)).size, ids(parts).length, 'no transaction twice')
      assert.deepEqual(ids(parts).sort(), ids(whole).sort())
      const sum = (t: ReportTable) =>
        dataRows(t)
          .reduce((s, r) => s.plus(num(r.values[8])), new D(0))
          .toFixed(2)
      assert.equal(sum(parts), sum(whole))
      assert.deepEqual(
        parts.rows.map((r) => r.values),
        whole.rows.map((r) => r.values),
        'the same rows in the same order',
      )
    },
  )

  it(
    'GeneralLedger over HTTP: per account, the same total and closing balance',
    {timeout: 120_000},
    async () => {
      const joined = await fetchReport(
        source,
        'GeneralLedger',
        {start_date: START, end_date: END},
        silentLogger,
      )
      assert.ok(joined.parts.length > 2)
      const whole = reportTable(
        (await fetchReport(unlimited(), 'GeneralLedger', {start_date: START, end_date: END}, silentLogger))
          .report,
      )
      const parts = reportTable(joined.report)
      const totals = (t: ReportTable) =>
        t.rows.filter((r) => r.kind === 'summary').map((r) => [r.values[0], r.values[6], r.values[7]])
      assert.deepEqual(totals(parts), totals(whole))
      assert.equal(
        parts.rows.filter((r) => r.values[0] === 'Beginning Balance').length,
        whole.rows.filter((r) => r.values[0] === 'Beginning Balance').length,
      )
      assert.deepEqual(
        parts.rows.map((r) => r.values),
        whole.rows.map((r) => r.values),
      )
    },
  )

  for (const [name, params] of [
    ['ProfitAndLoss', {start_date: START, end_date: END}],
    ['ProfitAndLoss', {start_date: START, end_date: END, summarize_column_by: 'Month'}],
    ['CustomerSales', {start_date: START, end_date: END}],
  ] as const) {
    const label = `${name}${'summarize_column_by' in params ? ' by month' : ''}`
    it(`${label}: the joined table is the untruncated table`, {timeout: 60_000}, async () => {
      const whole = await fetchReport(unlimited(), name, params, silentLogger)
      assert.equal(whole.parts.length, 1)
      // Just under the whole year's size: the year is cut short, any shorter range fits.
      const cells = (JSON.stringify(whole.raw[0]).match(/"value"/g) ?? []).length
      const joined = await fetchReport(limited(cells - 2), name, params, silentLogger)
      assert.ok(joined.parts.length > 1, 'the limit made QBO cut it short')
      assert.deepEqual(reportTable(joined.report).columns, reportTable(whole.report).columns)
      assert.deepEqual(
        reportTable(joined.report).rows.map((r) => r.values),
        reportTable(whole.report).rows.map((r) => r.values),
      )
    })
  }

  it(
    'refuses to split a balance as of a date (TrialBalance, aged reports), saying what to do',
    {timeout: 60_000},
    async () => {
      for (const name of ['TrialBalance', 'AgedReceivableDetail']) {
        await assert.rejects(
          fetchReport(limited(10), name, {end_date: END}, silentLogger),
          (e: unknown) =>
            e instanceof UserInputError &&
            /cannot be split by date/.test(e.message) &&
            /--param/.test(e.next),
        )
      }
    },
  )
})

describe('a saved definition with four extracts', () => {
  it('makes one workbook exceljs opens: a cover sheet and a sheet each', {timeout: 120_000}, async () => {
    const file = join(company.dir, 'extracts.yml')
    writeFileSync(
      file,
      [
        'workbook: month-end.xlsx',
        'extracts:',
        '  - name: Trial balance',
        '    report: TrialBalance',
        `    end: ${END}`,
        '  - name: P&L by month',
        '    report: ProfitAndLoss',
        `    start: ${START}`,
        `    end: ${END}`,
        '    summarize_by: Month',
        '  - name: Open invoices',
        "    query: SELECT * FROM Invoice WHERE Balance > '0' ORDERBY DocNumber",
        '  - name: Invoices changed today',
        '    changes: {entities: [Invoice], since: 1d}',
      ].join('\n'),
    )
    const out = join(company.dir, 'book.xlsx')
    const result = await runDefinitionFile(
      extractSources(company.client),
      {file, out, now: new Date(), realmId: company.emulator.realmId},
      silentLogger,
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Cover', 'Trial balance', 'P&L by month', 'Open invoices', 'Invoices changed today'],
    )
    const cover = wb.getWorksheet('Cover')!
    const coverText = cover.getSheetValues().flat().join(' ')
    assert.match(coverText, /summarize_column_by=Month/)
    assert.match(coverText, new RegExp(company.emulator.realmId))
    const open = book.list('Invoice').filter((i) => Number(i.Balance) > 0).length
    assert.equal(result.extracts[2]!.rows, open)
    assert.equal(wb.getWorksheet('Open invoices')!.rowCount, open + 1)
    assert.equal(result.extracts[3]!.rows, book.list('Invoice').length)
    const pl = wb.getWorksheet('P&L by month')!
    const levels = new Set<number>()
    pl.eachRow((row) => levels.add(row.outlineLevel ?? 0))
    assert.ok(levels.has(1), 'sections are row groups')
    const header = (pl.getRow(1).values as unknown[]).slice(1)
    assert.deepEqual(header.slice(0, 4), ['Section', 'Row', 'Account', 'Account Id'])
    const amount = pl.getRow(3).getCell(5)
    assert.equal(typeof amount.value === 'number' || amount.value === null, true)
    assert.equal(pl.getColumn(5).numFmt, '#,##0.00')
  })
})
