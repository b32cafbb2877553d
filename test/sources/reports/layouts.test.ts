// Report exports transcribed from their documented descriptions (shared reference sources.md §1.8, §7),
// not from the demo generator: the parser must read what Xero and MYOB are known to write, and the
// variants the descriptions leave open (marked UNCONFIRMED there and in docs/sources-files.md).
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import ExcelJS from 'exceljs'

import type {SourceAgedSummary, SourceTrialBalance} from '../../../src/domain/source-reports.js'
import {readReport, sniffReport} from '../../../src/sources/reports/read-report.js'
import {dateIn} from '../../../src/sources/reports/titles.js'
import {tempDir} from '../../helpers/temp.js'

const csv = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)

async function read(dir: string, name: string, text: string | Buffer, vendor: 'xero' | 'myob' = 'xero') {
  const path = join(dir, name)
  writeFileSync(path, text)
  const sniffed = await sniffReport(path)
  assert.ok(sniffed, `${name} is recognised as a report`)
  return readReport(path, vendor, sniffed.grid ? {grid: sniffed.grid} : {})
}

const balances = (r: SourceTrialBalance) =>
  Object.fromEntries(r.rows.map((x) => [x.code ?? x.name, x.balance]))

describe('Xero Trial Balance (sources.md §7.1)', () => {
  // Titles, one empty row, `Account | Debit | Credit | YTD Debit | YTD Credit`, sections in the order a real
  // TB shows them, `Name (Code)` cells, a bank account without a code, a code with letters, an empty month
  // cell, the Total row. Debit/Credit is the month of the report; the YTD pair is the balance.
  const rows = [
    ['Trial Balance'],
    ['Demo Company (AU)'],
    ['As at 30 June 2024'],
    [],
    ['Account', 'Debit', 'Credit', 'YTD Debit', 'YTD Credit'],
    ['Revenue'],
    ['Interest Income (270)', '', '97.05', '', '287.48'],
    ['Sales (200)', '', '7,783.34', '', '40,214.34'],
    ['Expenses'],
    ['Advertising (400)', '2272.73', '', '4102.91', ''],
    ['Trash (TSH)', '', '', '11.00', ''],
    ['Assets'],
    ['ANZ Business Account', '1,000.00', '', '36,387.91', ''],
    ['Liabilities'],
    ['GST (820)', '', '0.00', '', '0.00'],
    ['Total', '9,999.99', '9,999.99', '0.00', '0.00'],
  ]

  it('reads every account with its balance (YTD pair) and month movement, skipping sections and totals', async (t) => {
    const {report, warnings} = await read(tempDir(t), 'tb.csv', csv(rows))
    assert.equal(report.kind, 'trialBalance')
    const tb = report as SourceTrialBalance
    assert.equal(tb.asAt, '2024-06-30')
    assert.equal(tb.organisation, 'Demo Company (AU)')
    assert.deepEqual(balances(tb), {
      '270': '-287.48',
      '200': '-40214.34',
      '400': '4102.91',
      TSH: '11.00',
      'ANZ Business Account': '36387.91',
    })
    const sales = tb.rows.find((r) => r.code === '200')!
    assert.equal(sales.name, 'Sales')
    assert.equal(sales.section, 'Revenue')
    assert.equal(sales.month, '-7783.34')
    assert.equal(tb.rows.find((r) => r.code === 'TSH')!.month, '0.00', 'no movement in the month')
    assert.deepEqual(warnings, [])
  })

  it('reads the new-style separate columns (Account Code | Account Name | Account Type, UNCONFIRMED)', async (t) => {
    const text = csv([
      ['Trial Balance'],
      ['Demo Company (AU)'],
      ['As at 31 Mar 2024'],
      [],
      ['Account Code', 'Account Name', 'Account Type', 'Debit', 'Credit', 'YTD Debit', 'YTD Credit'],
      ['200', 'Sales', 'Revenue', '', '100.00', '', '1,100.00'],
      ['090', 'Business Bank Account', 'Bank', '100.00', '', '1,100.01', ''],
    ])
    const {report, warnings} = await read(tempDir(t), 'new.csv', text)
    assert.deepEqual(balances(report as SourceTrialBalance), {'200': '-1100.00', '090': '1100.01'})
    // Rows that do not balance (an account removed by hand?) are reported, not refused.
    assert.match(warnings[0] ?? '', /debits and credits differ by 0\.01/)
    assert.equal(report.asAt, '2024-03-31')
  })

  it('reads the Excel export: numbers as numbers, a Total formula caching 0.00, merged title cells', async (t) => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Trial Balance')
    ws.addRow(['Trial Balance'])
    ws.addRow(['Demo Company (AU)'])
    ws.addRow(['As at 30 June 2024'])
    ws.mergeCells('A1:E1')
    ws.addRow([])
    ws.addRow(['Account', 'Debit', 'Credit', 'YTD Debit', 'YTD Credit'])
    ws.addRow(['Revenue'])
    ws.addRow(['Sales (200)', null, 1234.5, null, 20000.1])
    ws.addRow(['Assets'])
    ws.addRow(['Business Bank Account (090)', 1234.5, null, 20000.1, null])
    ws.addRow(['Total', {formula: 'SUM(B8:B10)', result: 0}, 0, 0, 0])
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const {report, warnings} = await read(tempDir(t), 'Trial Balance.xlsx', buffer)
    assert.deepEqual(warnings, [])
    assert.deepEqual(balances(report as SourceTrialBalance), {'200': '-20000.10', '090': '20000.10'})
  })

  it('refuses an amount it cannot read, naming the file, line and column', async (t) => {
    const bad = rows.map((r) => [...r])
    bad[7] = ['Sales (200)', '', 'n/a', '', '40,214.34']
    const dir = tempDir(t)
    await assert.rejects(read(dir, 'bad.csv', csv(bad)), (e: Error & {data?: Record<string, unknown>}) => {
      assert.match(e.message, /bad\.csv, line 8, column Credit: "n\/a" is not an amount/)
      return true
    })
  })

  it('refuses a report whose titles carry no date', async (t) => {
    const text = csv([['Trial Balance'], ['Demo Company (AU)'], [], ['Account', 'Debit', 'Credit']])
    await assert.rejects(read(tempDir(t), 'nodate.csv', text), /give no as-at date/)
  })
})

describe('Xero Aged Receivables / Payables Summary (sources.md §7.2)', () => {
  const aged = (title: string) => [
    [title],
    ['Demo Company (AU)'],
    ['As at 30 June 2024'],
    ['Ageing by due date'],
    [],
    ['Contact', 'Current', '< 1 Month', '1 Month', '2 Months', '3 Months', 'Older', 'Total'],
    ['Basket Case', '100.00', '', '', '', '', '', '100.00'],
    ['Bayside Club', '', '50.00', '25.00', '', '', '1,000.00', '1,075.00'],
    ['City Agency', '-20.00', '', '', '', '', '', '-20.00'],
    ['Total', '80.00', '50.00', '25.00', '0.00', '0.00', '1,000.00', '1,155.00'],
    ['Percentage of total', '6.93%', '4.33%', '2.16%', '0.00%', '0.00%', '86.58%', '100.00%'],
  ]

  it('reads each contact with the buckets by their own titles, skipping Total and Percentage rows', async (t) => {
    const {report} = await read(tempDir(t), 'ar.csv', csv(aged('Aged Receivables Summary')))
    const ar = report as SourceAgedSummary
    assert.equal(ar.kind, 'agedReceivables')
    assert.equal(ar.basis, 'Ageing by due date')
    assert.deepEqual(ar.buckets, ['Current', '< 1 Month', '1 Month', '2 Months', '3 Months', 'Older'])
    assert.deepEqual(
      ar.rows.map((r) => [r.contact, r.total]),
      [
        ['Basket Case', '100.00'],
        ['Bayside Club', '1075.00'],
        ['City Agency', '-20.00'],
      ],
    )
  })

  it('reads the payables side, with an optional Outstanding GST column left out of the buckets', async (t) => {
    const rows = aged('Aged Payables Summary').map((r, i) => (i === 5 ? [...r, 'Outstanding GST'] : r))
    const {report} = await read(tempDir(t), 'ap.csv', csv(rows))
    assert.equal(report.kind, 'agedPayables')
    assert.equal((report as SourceAgedSummary).buckets.length, 6)
  })

  it('refuses a contact whose buckets do not make its total', async (t) => {
    const rows = aged('Aged Receivables Summary')
    rows[6] = ['Basket Case', '100.00', '', '', '', '', '', '110.00']
    await assert.rejects(read(tempDir(t), 'ar.csv', csv(rows)), /line 7.*add up to 100\.00, not the 110\.00/)
  })

  it('refuses a detail report: the reconciliation reads the summary', async (t) => {
    const rows = aged('Aged Receivables Detail')
    await assert.rejects(read(tempDir(t), 'ar.csv', csv(rows)), /lists documents, not contacts/)
  })
})

describe('MYOB AccountRight reports (sources.md §7.3, layouts UNCONFIRMED)', () => {
  it('reads a tab-delimited trial balance: company first, account numbers, $ and brackets, header accounts', async (t) => {
    const text = [
      'Harbourside Trading Pty Ltd',
      'Trial Balance',
      'As of 30/06/2024',
      '',
      'Account No.\tAccount Name\tDebit\tCredit',
      '1-0000\tAssets\t\t',
      '1-1110\tBusiness Bank Account\t$12,345.67\t',
      '2-1310\tGST\t\t$1,000.00',
      '4-1000\tSales\t($11,345.67)\t',
      '\tTotal:\t$12,345.67\t$12,345.67',
    ].join('\r\n')
    const {report, warnings} = await read(tempDir(t), 'TB.TXT', text, 'myob')
    assert.deepEqual(warnings, [])
    assert.equal(report.asAt, '2024-06-30')
    assert.equal(report.organisation, 'Harbourside Trading Pty Ltd')
    assert.deepEqual(balances(report as SourceTrialBalance), {
      '1-1110': '12345.67',
      '2-1310': '-1000.00',
      '4-1000': '-11345.67',
    })
  })

  it('reads the number and name in one cell, and a month heading as the last day of the month', async (t) => {
    const text = csv([
      ['Trial Balance'],
      ['Harbourside Trading Pty Ltd'],
      ['June 2024'],
      ['Account', 'Debit', 'Credit'],
      ['1-1110 Business Bank Account', '100.00', ''],
      ['4-1000 Sales', '', '100.00 '],
    ])
    const {report} = await read(tempDir(t), 'tb.csv', text, 'myob')
    assert.equal(report.asAt, '2024-06-30')
    assert.deepEqual(balances(report as SourceTrialBalance), {'1-1110': '100.00', '4-1000': '-100.00'})
  })

  it('reads an aged summary `Name | Total Due | 0-30 | 31-60 | 61-90 | 90+`', async (t) => {
    const text = [
      'Harbourside Trading Pty Ltd',
      'Aged Receivables [Summary]',
      'As of 30/06/2024',
      '',
      'Name\tTotal Due\t0-30\t31-60\t61-90\t90+',
      'Nguyen, Olivia\t$1,100.00\t$1,000.00\t$100.00\t$0.00\t$0.00',
      'Café Müller Pty Ltd\t$55.00\t\t\t\t$55.00',
      'Grand Total:\t$1,155.00\t$1,000.00\t$100.00\t$0.00\t$55.00',
    ].join('\r\n')
    const {report} = await read(tempDir(t), 'AR.TXT', Buffer.from(text, 'latin1'), 'myob')
    const ar = report as SourceAgedSummary
    assert.deepEqual(ar.buckets, ['0-30', '31-60', '61-90', '90+'])
    assert.deepEqual(
      ar.rows.map((r) => [r.contact, r.total, r.buckets]),
      [
        ['Nguyen, Olivia', '1100.00', ['1000.00', '100.00', '0.00', '0.00']],
        ['Café Müller Pty Ltd', '55.00', ['0.00', '0.00', '0.00', '55.00']],
      ],
    )
  })
})

describe('as-at dates in title lines', () => {
  it('reads the forms the reports print', () => {
    assert.equal(dateIn('As at 30 June 2024'), '2024-06-30')
    assert.equal(dateIn('As at 1 Jul 2024'), '2024-07-01')
    assert.equal(dateIn('As of 30/06/2024'), '2024-06-30')
    assert.equal(dateIn('For the period 1 July 2023 to 30 June 2024'), '2024-06-30')
    assert.equal(dateIn('June 2024'), '2024-06-30')
    assert.equal(dateIn('Demo Company (AU)'), undefined)
  })
})
