import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {CivilDate} from '../../src/domain/civil-date.js'
import {UserInputError} from '../../src/domain/errors.js'
import {QboTransportError} from '../../src/qbo/index.js'
import {fetchReport} from '../../src/extracts/report/fetch.js'
import {addText, joinReports} from '../../src/extracts/report/join.js'
import {parseReport} from '../../src/extracts/report/parse.js'
import {splitRange} from '../../src/extracts/report/split.js'
import {reportTable} from '../../src/extracts/report/table.js'
import {silentLogger} from '../../src/ui/logger.js'

const d = (s: string) => s as CivilDate
const money = (title: string, key?: string) => ({
  ColTitle: title,
  ColType: 'Money',
  ...(key ? {MetaData: [{Name: 'ColKey', Value: key}]} : {}),
})

/** Handwritten parts in QBO's documented shape (not the emulator's), so the join is tested on its own. */
describe('joining the date-range parts of a report', () => {
  it('sum: rows matched by section and label are added; month columns sit side by side; Total adds up', () => {
    const part = (months: string[], rows: [string, string[]][], total: string[]) =>
      parseReport({
        Header: {ReportName: 'ProfitAndLoss', StartPeriod: '2024-01-01', EndPeriod: '2024-06-30'},
        Columns: {
          Column: [
            {ColTitle: '', ColType: 'Account'},
            ...months.map((m) => money(m)),
            money('Total', 'total'),
          ],
        },
        Rows: {
          Row: [
            {
              type: 'Section',
              group: 'Income',
              Header: {ColData: [{value: 'Income'}]},
              Rows: {
                Row: rows.map(([name, v]) => ({
                  type: 'Data',
                  ColData: [{value: name, id: name}, ...v.map((value) => ({value}))],
                })),
              },
              Summary: {ColData: [{value: 'Total Income'}, ...total.map((value) => ({value}))]},
            },
          ],
        },
      })
    const a = part(
      ['Jan 2024'],
      [
        ['Consulting', ['10.00', '10.00']],
        ['Sales', ['5.5', '5.5']],
      ],
      ['15.50', '15.50'],
    )
    const b = part(
      ['Feb 2024'],
      [
        ['Design', ['1.25', '1.25']],
        ['Sales', ['2.00', '2.00']],
      ],
      ['3.25', '3.25'],
    )
    const {report, warnings} = joinReports([a, b], 'sum')
    const t = reportTable(report)
    assert.deepEqual(
      t.columns.map((c) => c.name),
      ['Account', 'Jan 2024', 'Feb 2024', 'Total'],
    )
    assert.deepEqual(
      t.rows.map((r) => r.values),
      [
        ['Income', '', '', ''],
        ['Consulting', '10.00', '', '10.00'],
        ['Design', '', '1.25', '1.25'],
        ['Sales', '5.5', '2.00', '7.50'],
        ['Total Income', '15.50', '3.25', '18.75'],
      ],
    )
    assert.deepEqual(warnings, [])
  })

  it('sum: a percent or average column cannot be added, so it is emptied with a warning', () => {
    const part = (qty: string, amount: string) =>
      parseReport({
        Header: {ReportName: 'ItemSales'},
        Columns: {
          Column: [
            {ColTitle: '', ColType: 'ProductsAndService'},
            {
              ColTitle: 'Total',
              Columns: {
                Column: [money('Quantity'), money('Amount'), money('% of Sales'), money('Avg Price')],
              },
            },
          ],
        },
        Rows: {
          Row: [
            {
              ColData: [
                {value: 'Widget', id: '3'},
                {value: qty},
                {value: amount},
                {value: '100.00 %'},
                {value: '2.00'},
              ],
            },
          ],
        },
      })
    const {report, warnings} = joinReports([part('2', '4.00'), part('3', '9.00')], 'sum')
    assert.deepEqual(reportTable(report).rows[0]!.values, ['Widget', '5', '13.00', '', ''])
    assert.equal(warnings.length, 2)
    assert.match(warnings[0]!, /% of Sales.*cannot be joined/)
  })

  it('append: each transaction listed once, subtotals added, the opening row from the first part, the closing balance from the last', () => {
    const part = (opening: string, txns: [string, string, string][], total: string, closing: string) =>
      parseReport({
        Header: {ReportName: 'GeneralLedger'},
        Columns: {
          Column: [
            {ColTitle: 'Date', ColType: 'tx_date'},
            {ColTitle: 'Amount', ColType: 'subt_nat_amount'},
            {ColTitle: 'Balance', ColType: 'rbal_nat_amount'},
          ],
        },
        Rows: {
          Row: [
            {
              type: 'Section',
              Header: {ColData: [{value: 'Checking', id: '35'}]},
              Rows: {
                Row: [
                  {ColData: [{value: 'Beginning Balance'}, {value: ''}, {value: opening}]},
                  ...txns.map((t) => ({type: 'Data', ColData: t.map((value) => ({value}))})),
                ],
              },
              Summary: {ColData: [{value: 'Total for Checking'}, {value: total}, {value: closing}]},
            },
          ],
        },
      })
    const a = part('100.00', [['2024-01-05', '10.00', '110.00']], '10.00', '110.00')
    const b = part(
      '110.00',
      [
        ['2024-02-01', '-5.00', '105.00'],
        ['2024-02-03', '1.00', '106.00'],
      ],
      '-4.00',
      '106.00',
    )
    const t = reportTable(joinReports([a, b], 'append').report)
    assert.deepEqual(
      t.rows.map((r) => r.values),
      [
        ['Checking', '', ''],
        ['Beginning Balance', '', '100.00'],
        ['2024-01-05', '10.00', '110.00'],
        ['2024-02-01', '-5.00', '105.00'],
        ['2024-02-03', '1.00', '106.00'],
        ['Total for Checking', '6.00', '106.00'],
      ],
    )
  })

  it('adds amounts as decimals, never floats', () => {
    assert.equal(addText('0.10', '0.20'), '0.30')
    assert.equal(addText('1,234.5', '0.05'), '1234.55')
    assert.equal(addText('', '7.00'), '7.00')
  })
})

describe('splitting a date range', () => {
  it('cuts near the middle, on a month boundary for month columns, a Sunday for weeks', () => {
    assert.deepEqual(splitRange({start: d('2024-01-01'), end: d('2024-12-31')}, 'month'), [
      {start: '2024-01-01', end: '2024-06-30'},
      {start: '2024-07-01', end: '2024-12-31'},
    ])
    assert.deepEqual(splitRange({start: d('2024-01-01'), end: d('2024-01-04')}, 'day'), [
      {start: '2024-01-01', end: '2024-01-02'},
      {start: '2024-01-03', end: '2024-01-04'},
    ])
    const weeks = splitRange({start: d('2024-01-01'), end: d('2024-01-31')}, 'week')!
    assert.equal(new Date(`${weeks[1].start}T00:00:00Z`).getUTCDay(), 0)
    assert.equal(
      splitRange({start: d('2024-01-03'), end: d('2024-01-29')}, 'month'),
      undefined,
      'inside one month',
    )
    assert.equal(splitRange({start: d('2024-01-03'), end: d('2024-01-03')}, 'day'), undefined)
  })
})

describe('fetching a report too big for QBO', () => {
  const small = (start: string, end: string) => ({
    Header: {ReportName: 'TransactionList', StartPeriod: start, EndPeriod: end},
    Columns: {Column: [{ColTitle: 'Date', ColType: 'Date'}, money('Amount')]},
    Rows: {Row: [{type: 'Data', ColData: [{value: start}, {value: '1.00'}]}]},
  })

  it('splits on a gateway timeout (504) as on the truncation notice', async () => {
    const seen: string[] = []
    const source = {
      report: async (_: string, p: Record<string, string>) => {
        seen.push(`${p.start_date}..${p.end_date}`)
        if (p.start_date === '2024-01-01' && p.end_date === '2024-01-31')
          throw new QboTransportError('504', {status: 504})
        return small(p.start_date!, p.end_date!)
      },
    }
    const r = await fetchReport(
      source,
      'TransactionList',
      {start_date: '2024-01-01', end_date: '2024-01-31'},
      silentLogger,
    )
    assert.deepEqual(seen, ['2024-01-01..2024-01-31', '2024-01-01..2024-01-15', '2024-01-16..2024-01-31'])
    assert.equal(r.parts.length, 2)
    assert.deepEqual(
      reportTable(r.report).rows.map((x) => x.values[1]),
      ['1.00', '1.00'],
    )
  })

  it('refuses to split month columns by quarter or a date macro it cannot resolve, saying what to pass', async () => {
    const truncated = {
      report: async () => ({
        Header: {},
        Rows: {Row: [{ColData: [{value: 'Unable to display more data. Please reduce the date range.'}]}]},
      }),
    }
    await assert.rejects(
      fetchReport(
        truncated,
        'ProfitAndLoss',
        {start_date: '2024-01-01', end_date: '2024-12-31', summarize_column_by: 'Quarter'},
        silentLogger,
      ),
      (e: unknown) => e instanceof UserInputError && /Month/.test(e.next),
    )
    await assert.rejects(
      fetchReport(truncated, 'ProfitAndLoss', {date_macro: 'Last Year'}, silentLogger),
      (e: unknown) => e instanceof UserInputError && /--start and --end/.test(e.next),
    )
    await assert.rejects(
      fetchReport(
        truncated,
        'BalanceSheet',
        {start_date: '2024-01-01', end_date: '2024-12-31'},
        silentLogger,
      ),
      (e: unknown) => e instanceof UserInputError && /cannot be split by date/.test(e.message),
    )
  })
})
