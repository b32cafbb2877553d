import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import fc from 'fast-check'

import {D, amountText} from '../../../src/domain/money.js'
import {createReportBuilder, postBook} from '../../../src/emulator/qbo/ledger/index.js'
import {fixedClock, makeBook} from './company.js'
import {type Company, expectedControl, interpret, opArb} from './generator.js'

interface Cell {
  value: string
  id?: string
}
interface Row {
  group?: string
  ColData?: Cell[]
  Rows?: {Row: Row[]}
  Summary?: {ColData: Cell[]}
}
interface Report {
  Rows: {Row: Row[]}
}

const build = createReportBuilder(fixedClock('2031-01-01T00:00:00Z'))
const END = {end_date: '2030-12-31'}

function report(company: Company, name: string, params: Record<string, string>): Report {
  return build(name, new URLSearchParams(params), makeBook(company.lists)) as Report
}

function find(rows: Row[], predicate: (row: Row) => boolean): Row | undefined {
  for (const row of rows) {
    if (predicate(row)) return row
    const inner = row.Rows ? find(row.Rows.Row, predicate) : undefined
    if (inner) return inner
  }
  return undefined
}

/** Debit-positive balance of an account in a TrialBalance ("" cells are zero). */
function tbBalance(tb: Report, id: string): string {
  const cells = find(tb.Rows.Row, (row) => row.ColData?.[0]?.id === id)?.ColData
  const value = (cell: Cell | undefined) => new D(cell?.value || 0)
  return amountText(value(cells?.[1]).minus(value(cells?.[2])))
}

const summary = (r: Report, group: string, column = 1) =>
  find(r.Rows.Row, (row) => row.group === group)?.Summary?.ColData[column]?.value

describe('ledger properties over random sequences of valid writes', () => {
  it('TrialBalance debits equal credits; AR and AP equal the open documents; the balance sheet balances', () => {
    fc.assert(
      fc.property(fc.array(opArb, {minLength: 5, maxLength: 40}), (ops) => {
        const company = interpret(ops)
        // Every transaction balances on its own.
        const byTxn = new Map<string, InstanceType<typeof D>>()
        for (const p of postBook(makeBook(company.lists)).postings) {
          const key = `${p.txn.type}:${p.txn.id}`
          byTxn.set(key, (byTxn.get(key) ?? new D(0)).plus(p.debit).minus(p.credit))
        }
        for (const [key, gap] of byTxn) assert.ok(gap.isZero(), `${key} is out by ${gap.toString()}`)

        const tb = report(company, 'TrialBalance', END)
        assert.equal(
          summary(tb, 'GrandTotal', 1),
          summary(tb, 'GrandTotal', 2),
          'TrialBalance debits = credits',
        )
        assert.equal(
          tbBalance(tb, '84'),
          amountText(expectedControl(company, true)),
          'AR = open invoices − credits',
        )
        assert.equal(
          tbBalance(tb, '33'),
          amountText(expectedControl(company, false).negated()),
          'AP = open bills − credits',
        )
        assert.equal(
          find(tb.Rows.Row, (row) => row.ColData?.[0]?.id === 'ledger:Suspense'),
          undefined,
          'nothing in suspense',
        )

        const bs = report(company, 'BalanceSheet', END)
        assert.equal(
          summary(bs, 'TotalAssets'),
          summary(bs, 'TotalLiabilitiesAndEquity'),
          'assets = liabilities + equity',
        )

        const ar = report(company, 'AgedReceivables', {report_date: '2030-12-31'})
        assert.equal(
          summary(ar, 'GrandTotal', 6),
          amountText(expectedControl(company, true)),
          'aged receivables total = AR',
        )
        const ap = report(company, 'AgedPayables', {report_date: '2030-12-31'})
        assert.equal(
          summary(ap, 'GrandTotal', 6),
          amountText(expectedControl(company, false)),
          'aged payables total = AP',
        )
      }),
      {numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 100)},
    )
  })
})
