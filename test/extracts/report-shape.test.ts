import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {XMLParser} from 'fast-xml-parser'

import {isTruncated, parseReport} from '../../src/extracts/report/parse.js'
import {reportTable} from '../../src/extracts/report/table.js'
import {reportSheet} from '../../src/extracts/output/sheet.js'
import {sheetCsv} from '../../src/extracts/output/csv.js'

describe('a QBO report as one table', () => {
  it('walks sections depth first: section, its rows one deeper, subtotal; the path names the sections', () => {
    const table = reportTable(
      parseReport({
        Header: {ReportName: 'ProfitAndLoss'},
        Columns: {
          Column: [
            {ColTitle: '', ColType: 'Account'},
            {ColTitle: 'Total', ColType: 'Money'},
          ],
        },
        Rows: {
          Row: [
            {
              type: 'Section',
              group: 'Income',
              Header: {ColData: [{value: 'Income'}, {value: ''}]},
              Rows: {
                Row: [
                  {type: 'Data', ColData: [{value: 'Sales', id: '4'}, {value: '100.00'}]},
                  {
                    Header: {ColData: [{value: 'Services', id: '1'}, {value: '5.00'}]},
                    Rows: {Row: {ColData: [{value: 'Design', id: '43'}, {value: 7}]}},
                    Summary: {ColData: [{value: 'Total Services'}, {value: '12.00'}]},
                  },
                ],
              },
              Summary: {ColData: [{value: 'Total Income'}, {value: '112.00'}]},
            },
            {
              type: 'Section',
              group: 'NetIncome',
              Summary: {ColData: [{value: 'Net Income'}, {value: '112.00'}]},
            },
          ],
        },
      }),
    )
    assert.deepEqual(
      table.rows.map((r) => [r.kind, r.depth, r.path.join(' > '), ...r.values, r.ids[0] ?? '']),
      [
        ['header', 0, '', 'Income', '', ''],
        ['data', 1, 'Income', 'Sales', '100.00', '4'],
        ['header', 1, 'Income', 'Services', '5.00', '1'],
        ['data', 2, 'Income > Services', 'Design', '7', '43'],
        ['summary', 1, 'Income', 'Total Services', '12.00', ''],
        ['summary', 0, '', 'Total Income', '112.00', ''],
        ['summary', 0, '', 'Net Income', '112.00', ''],
      ],
    )
    assert.deepEqual(
      table.columns.map((c) => [c.name, c.kind]),
      [
        ['Account', 'text'],
        ['Total', 'money'],
      ],
    )
    const csv = sheetCsv(reportSheet(table))
    assert.equal(csv.split('\n')[0], 'Section,Row,Account,Account Id,Total')
    assert.equal(csv.split('\n')[4], 'Income > Services,data,Design,43,7')
  })

  it('reads nested columns (ItemSales under "Total") and widens for rows with more cells than columns', () => {
    const table = reportTable(
      parseReport({
        Header: {ReportName: 'ItemSales'},
        Columns: {
          Column: [
            {ColType: 'ProductsAndService', ColTitle: ''},
            {
              ColType: 'Money',
              ColTitle: 'Total',
              Columns: {
                Column: [
                  {ColType: 'Money', ColTitle: 'Quantity'},
                  {ColType: 'Money', ColTitle: 'Amount'},
                  {ColType: 'Money', ColTitle: '% of Sales'},
                ],
              },
            },
          ],
        },
        Rows: {
          Row: [
            {
              ColData: [
                {id: '3', value: 'Concrete'},
                {value: '5.00'},
                {value: '47.50'},
                {value: '0.56 %'},
                {value: 'extra'},
              ],
            },
            {ColData: [{value: 'Design', id: '4'}]},
          ],
        },
      }),
    )
    assert.deepEqual(
      table.columns.map((c) => `${c.name}:${c.kind}`),
      [
        'Product/Service:text',
        'Total / Quantity:quantity',
        'Total / Amount:money',
        'Total / % of Sales:percent',
        'Column 5:text',
      ],
    )
    assert.deepEqual(table.rows[1]!.values, ['Design', '', '', '', ''])
  })

  it('finds the truncation notice anywhere, and refuses an answer that is not a report', () => {
    assert.equal(
      isTruncated({
        Rows: {Row: [{ColData: [{value: 'Unable to display more data. Please reduce the date range.'}]}]},
      }),
      true,
    )
    assert.equal(isTruncated({Header: {Option: [{Name: 'x', Value: 'unable to display more data'}]}}), true)
    assert.equal(isTruncated({Rows: {Row: []}}), false)
    assert.throws(() => parseReport({Fault: {Error: [{code: '2010'}]}}), /without a report/)
  })
})

// Optional: QBO's own report XML (ruckus/quickbooks-ruby fixtures, MIT), as QBO's JSON names the same fields.
const REALWORLD = ['../shared/realworld', '../../shared/realworld']
  .map((p) => join(p, 'ruckus-quickbooks-ruby/spec/fixtures'))
  .find(existsSync)

describe(
  'real QBO reports flatten as QBO shows them',
  {skip: REALWORLD ? false : '../shared/realworld is absent'},
  () => {
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      htmlEntities: true,
      isArray: (name) => ['Row', 'ColData', 'Column', 'MetaData', 'Option'].includes(name),
    })
    const load = (file: string) =>
      (xml.parse(readFileSync(join(REALWORLD!, file), 'utf8')) as {Report: unknown}).Report

    it('every report fixture parses, and its data rows are all there', () => {
      const files = readdirSync(REALWORLD!).filter(
        (f) => /report|balance|profit|cashflow|age_/.test(f) && f.endsWith('.xml'),
      )
      assert.ok(files.length >= 6, files.join(', '))
      for (const f of files) {
        const text = readFileSync(join(REALWORLD!, f), 'utf8')
        const table = reportTable(parseReport(load(f)))
        const dataRows = (text.match(/<Row type="Data"|<type>Data<\/type>/g) ?? []).length
        assert.equal(table.rows.filter((r) => r.kind === 'data').length, dataRows, f)
      }
    })

    it('a balance sheet by year: the section path, the year columns, a subtotal', () => {
      const table = reportTable(parseReport(load('balance_sheet_with_year_summary.xml')))
      assert.deepEqual(
        table.columns.map((c) => c.name),
        ['Account', 'Jul 4 - Dec 31, 2013', 'Jan - Dec 2014', 'Jan 1 - Jun 21, 2015'],
      )
      const checking = table.rows.find((r) => r.values[0] === 'Checking')!
      assert.deepEqual(
        [checking.path, checking.values, checking.ids[0]],
        [['ASSETS', 'Current Assets', 'Bank Accounts'], ['Checking', '', '', '1201.00'], '35'],
      )
      const total = table.rows.find((r) => r.values[0] === 'Total Bank Accounts')!
      assert.deepEqual([total.kind, total.values.at(-1)], ['summary', '2020.99'])
    })

    it('a transaction list: ids on the type and name cells, a doc number with a line break', () => {
      const table = reportTable(parseReport(load('transaction_list_report.xml')))
      const row = table.rows[0]!
      assert.deepEqual(
        table.columns.map((c) => c.kind),
        ['date', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'money'],
      )
      assert.deepEqual(
        [row.values[1], row.ids[1], row.values[2], row.values[8]],
        ['Invoice', '100', '10\nID#112233', '300.00'],
      )
    })

    it('element-style rows (<type>Data</type>, <value>…</value>) read like attribute-style ones', () => {
      const table = reportTable(parseReport(load('profitloss.xml')))
      const sales = table.rows.find((r) => r.values[0] === 'Sales of Product Income')!
      assert.deepEqual(
        [sales.kind, sales.path, sales.ids[0], sales.values[1]],
        ['data', ['Income'], '4', '162000.00'],
      )
    })
  },
)
