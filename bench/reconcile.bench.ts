import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import ExcelJS from 'exceljs'

import {type CivilDate, addDays, daysBetween} from '../src/domain/civil-date.js'
import type {Invoice} from '../src/domain/canonical.js'
import type {QboEntity} from '../src/domain/entities.js'
import {privateNoteMarker} from '../src/domain/ids.js'
import {amountText, D, type Dec} from '../src/domain/money.js'
import type {QboReadPort, ReadFilter} from '../src/reconcile/port.js'
import {reconcile} from '../src/reconcile/reconcile.js'
import {PAIR_COLUMNS} from '../src/reconcile/workbook/entities.js'
import {table} from '../src/workbooks/style.js'
import {inTransaction, openStaging, type Staging} from '../src/staging/index.js'
import {silentLogger} from '../src/ui/logger.js'
import {type Benchmark, compare, measure} from './harness.js'

const N = 100_000
const CUSTOMERS = 500
const AS_OF = '2024-12-31'
const PAGE = 1000

/** Invoice i, the same on both sides: deterministic, so QBO's copy is generated page by page, never held. */
function invoice(i: number): Invoice {
  const net = new D(100 + (i % 997)).plus(new D(i % 100).div(100))
  const tax = net.div(10).toDecimalPlaces(2)
  const date = addDays('2024-01-01' as CivilDate, i % 365)
  return {
    kind: 'invoice',
    id: `INV-${String(i).padStart(6, '0')}`,
    number: `INV-${i}`,
    contactId: `C${i % CUSTOMERS}`,
    contactName: `Customer ${i % CUSTOMERS}`,
    date,
    dueDate: addDays(date, 30),
    currency: 'AUD',
    amountsAre: 'exclusive',
    status: 'authorised',
    lines: [
      {
        lineNo: 1,
        accountId: '200',
        taxCode: 'OUTPUT',
        taxAmount: amountText(tax),
        lineAmount: amountText(net),
        tracking: [],
      },
    ],
    subTotal: amountText(net),
    totalTax: amountText(tax),
    total: amountText(net.plus(tax)),
  }
}

/** QBO's copy of invoice i, built from integer cents (QBO's JSON has numbers) so generating it costs little. */
function qboInvoice(i: number): Record<string, unknown> {
  const netCents = (100 + (i % 997)) * 100 + (i % 100)
  const taxCents = Math.round(netCents / 10)
  const date = addDays('2024-01-01' as CivilDate, i % 365)
  const number = `INV-${i}`
  return {
    Id: String(i + 1),
    DocNumber: number,
    TxnDate: date,
    CustomerRef: {value: String(1 + (i % CUSTOMERS)), name: `Customer ${i % CUSTOMERS}`},
    TotalAmt: (netCents + taxCents) / 100,
    Balance: (netCents + taxCents) / 100,
    TxnTaxDetail: {TotalTax: taxCents / 100},
    PrivateNote: privateNoteMarker('xero-csv', `INV-${String(i).padStart(6, '0')}`),
    Line: [
      {
        Amount: netCents / 100,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: {ItemRef: {value: '1'}},
      },
      {Amount: netCents / 100, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {}},
    ],
  }
}

const BUCKET_TITLES = ['Current', '1 - 30', '31 - 60', '61 - 90', '91 and over']
const bucket = (days: number) => (days <= 0 ? 0 : days <= 30 ? 1 : days <= 60 ? 2 : days <= 90 ? 3 : 4)

/** Stages the company and its id map; returns the reports QBO would show after a perfect load. */
function prepare(staging: Staging): Record<string, unknown> {
  for (const [id, name, qboId] of [
    ['200', 'Sales', '79'],
    ['610', 'Accounts Receivable', '84'],
    ['820', 'GST', '90'],
  ] as const) {
    const a = {
      id,
      name,
      type: id === '610' ? 'accountsReceivable' : 'revenue',
      sourceType: '',
      class: 'asset',
      isHeader: false,
      active: true,
      ...(id === '610' ? {systemAccount: 'AR'} : id === '820' ? {systemAccount: 'GST'} : {}),
    }
    staging.staged.upsert('xero-csv', 'account', id, a)
    staging.mappings.suggest('account', id, qboId)
  }
  let sales = new D(0)
  let gst = new D(0)
  const aging = new Map<number, Dec[]>()
  inTransaction(staging.db, () => {
    for (let c = 0; c < CUSTOMERS; c++) {
      staging.staged.upsert('xero-csv', 'contact', `C${c}`, {
        id: `C${c}`,
        name: `Customer ${c}`,
        isIndividual: false,
        isCustomer: true,
        isSupplier: false,
        active: true,
      })
      staging.idMap.put({
        realmId: 'R1',
        entity: 'Customer',
        sourceSystem: 'xero-csv',
        sourceId: `C${c}`,
        qboId: String(c + 1),
        syncToken: '0',
        how: 'created',
        runId: null,
      })
    }
    for (let i = 0; i < N; i++) {
      const inv = invoice(i)
      staging.staged.upsert('xero-csv', 'invoice', inv.id, inv)
      staging.idMap.put({
        realmId: 'R1',
        entity: 'Invoice',
        sourceSystem: 'xero-csv',
        sourceId: inv.id,
        qboId: String(i + 1),
        syncToken: '0',
        how: 'created',
        runId: null,
      })
      sales = sales.plus(inv.subTotal)
      gst = gst.plus(inv.totalTax)
      const b = aging.get(i % CUSTOMERS) ?? BUCKET_TITLES.map(() => new D(0))
      const k = bucket(daysBetween(inv.dueDate as CivilDate, AS_OF as CivilDate))
      b[k] = b[k]!.plus(inv.total)
      aging.set(i % CUSTOMERS, b)
    }
  })
  const cols = (first: string, titles: string[]) => ({
    Column: [{ColTitle: '', ColType: first}, ...titles.map((t) => ({ColTitle: t, ColType: 'Money'}))],
  })
  const data = (cells: [string, string, ...string[]]) => ({
    type: 'Data',
    ColData: [{value: cells[1], id: cells[0]}, ...cells.slice(2).map((value) => ({value}))],
  })
  return {
    TrialBalance: {
      Columns: cols('Account', ['Debit', 'Credit']),
      Rows: {
        Row: [
          data(['84', 'AR', sales.plus(gst).toFixed(2), '']),
          data(['79', 'Sales', '', sales.toFixed(2)]),
          data(['90', 'GST', '', gst.toFixed(2)]),
        ],
      },
    },
    AgedReceivables: {
      Columns: cols('Customer', [...BUCKET_TITLES, 'Total']),
      Rows: {
        Row: [...aging].map(([c, b]) =>
          data([
            String(c + 1),
            `Customer ${c}`,
            ...b.map((x) => x.toFixed(2)),
            b.reduce((x, y) => x.plus(y)).toFixed(2),
          ]),
        ),
      },
    },
    AgedPayables: {Columns: cols('Vendor', [...BUCKET_TITLES, 'Total']), Rows: {}},
  }
}

class GeneratedQbo implements QboReadPort {
  readonly realmId = 'R1'
  constructor(private readonly reports: Record<string, unknown>) {}
  async *pages(entity: QboEntity, _filter?: ReadFilter): AsyncIterable<readonly Record<string, unknown>[]> {
    if (entity === 'Customer')
      yield Array.from({length: CUSTOMERS}, (_, c) => ({Id: String(c + 1), DisplayName: `Customer ${c}`}))
    if (entity !== 'Invoice') return
    for (let start = 0; start < N; start += PAGE) {
      yield Array.from({length: Math.min(PAGE, N - start)}, (_, k) => qboInvoice(start + k))
    }
  }
  async report(name: string): Promise<unknown> {
    return this.reports[name]
  }
}

/** The baseline: exceljs's streaming writer alone, writing as many rows of the same columns and formats. */
async function writeRowsOnly(file: string): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  })
  const ws = wb.addWorksheet('Invoice', {views: [{state: 'frozen', ySplit: 1}]})
  table(ws, PAIR_COLUMNS)
  for (let i = 0; i < N; i++) {
    const s = invoice(i)
    const d = new Date(`${s.date}T00:00:00Z`)
    const t = Number(s.total)
    const x = Number(s.totalTax)
    ws.addRow([
      'matched',
      'idMap',
      s.id,
      s.number,
      String(i + 1),
      s.number,
      d,
      d,
      s.contactName,
      s.contactName,
      t,
      t,
      0,
      x,
      x,
      0,
      1,
      1,
      t,
      t,
      0,
      '',
    ]).commit()
  }
  ws.commit()
  await wb.commit()
  return N
}

const bench: Benchmark = {
  name: 'reconcile',
  description: `reconcile ${N} invoices (staging + generated QBO pages -> match, compare, workbook) vs exceljs streaming ${N} rows alone`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qbo-bench-'))
    try {
      const staging = openStaging(join(dir, 'migration.db'))
      const reports = prepare(staging)
      const port = new GeneratedQbo(reports)
      const baseline = await measure('exceljs stream rows', () => writeRowsOnly(join(dir, 'baseline.xlsx')))
      let matchRate = 0
      let withinTolerance = false
      const subject = await measure('reconcile', async () => {
        const result = await reconcile(
          {staging, port, clock: () => new Date(), logger: silentLogger},
          {asOf: AS_OF, out: join(dir, 'reconciliation.xlsx')},
        )
        matchRate = result.matchRate
        withinTolerance = result.withinTolerance
        if (result.failures.length) process.stderr.write(`  failures: ${result.failures.join('; ')}\n`)
        return N
      })
      staging.close()
      return compare(bench.name, bench.description, baseline, subject, {
        target: {maxRatio: 1.5, maxPeakRssMb: 500},
        extra: {matchRate, withinTolerance},
      })
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  },
}

export default bench
