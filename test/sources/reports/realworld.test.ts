// A real Xero trial balance (xeroizer's capture of the Xero AU demo company, ../shared/realworld, MIT, never
// copied here) laid out as Xero's export lays a report out (sources.md §7.1: the title rows, one empty row,
// the header, sections, rows, Total), in CSV and in Excel. The figures and names are Xero's, not ours.
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import ExcelJS from 'exceljs'
import {XMLParser} from 'fast-xml-parser'

import {D} from '../../../src/domain/money.js'
import type {SourceTrialBalance} from '../../../src/domain/source-reports.js'
import {readReport, sniffReport} from '../../../src/sources/reports/read-report.js'
import {tempDir} from '../../helpers/temp.js'

const FILE = '../shared/realworld/waynerobinson-xeroizer/test/stub_responses/reports/trial_balance.xml'

type Cell = {Value?: string | number}
type XRow = {RowType: string; Title?: string; Cells?: {Cell: Cell | Cell[]}; Rows?: {Row: XRow | XRow[]}}
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x])
const text = (c: Cell) => (c.Value === undefined ? '' : String(c.Value))

/** The report's rows as the export prints them, and each account's YTD balance (debit positive). */
function transcribe(xml: string) {
  const parsed = new XMLParser({parseTagValue: false}).parse(xml) as {
    Response: {Reports: {Report: {ReportTitles: {ReportTitle: string[]}; Rows: {Row: XRow[]}}}}
  }
  const report = parsed.Response.Reports.Report
  const rows: string[][] = report.ReportTitles.ReportTitle.map((t) => [t])
  rows.push([])
  const expected = new Map<string, string>()
  for (const row of report.Rows.Row) {
    if (row.RowType === 'Header') rows.push(list(row.Cells?.Cell).map(text))
    if (row.RowType !== 'Section') continue
    if (row.Title) rows.push([row.Title])
    for (const r of list(row.Rows?.Row)) {
      const cells = list(r.Cells?.Cell).map(text)
      rows.push(cells)
      if (r.RowType !== 'Row') continue
      const [label, , , ytdDebit, ytdCredit] = cells
      expected.set(label!, new D(ytdDebit || 0).minus(ytdCredit || 0).toFixed(2))
    }
  }
  return {rows, expected}
}

test(
  "a real Xero trial balance, in Xero's export layout (CSV and Excel), is read account by account",
  {skip: existsSync(FILE) ? false : `${FILE} is absent`},
  async (t) => {
    const {rows, expected} = transcribe(readFileSync(FILE, 'utf8'))
    assert.ok(expected.size > 20)
    const dir = tempDir(t)
    const csvPath = join(dir, 'Trial_Balance.csv')
    writeFileSync(
      csvPath,
      rows.map((r) => r.map((c) => (/[,"]/.test(c) ? `"${c}"` : c)).join(',')).join('\n'),
    )
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Trial Balance')
    for (const r of rows) ws.addRow(r.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)))
    const xlsxPath = join(dir, 'Trial_Balance.xlsx')
    await wb.xlsx.writeFile(xlsxPath)
    for (const path of [csvPath, xlsxPath]) {
      const sniffed = await sniffReport(path)
      assert.ok(sniffed, path)
      const {report, warnings} = await readReport(path, 'xero', sniffed.grid ? {grid: sniffed.grid} : {})
      const tb = report as SourceTrialBalance
      assert.equal(tb.asAt, '2011-03-23')
      assert.equal(tb.organisation, 'Demo Company (AU)')
      // The real report balances: nothing was lost between its rows and ours.
      assert.deepEqual(warnings, [])
      const got = new Map(tb.rows.map((r) => [r.label, r.balance]))
      for (const [label, balance] of expected) {
        if (balance === '0.00') continue
        assert.equal(got.get(label), balance, `${path}: ${label}`)
      }
      assert.equal(tb.rows.find((r) => r.label === 'Sales (200)')?.code, '200')
      // A bank account without a code is its bare name.
      assert.equal(tb.rows.find((r) => r.label === 'ANZ Business Account')?.code, undefined)
      assert.equal(tb.rows.find((r) => r.label === 'Ridgeway Savings (099)')?.code, '099')
    }
  },
)
