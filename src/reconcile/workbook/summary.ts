import type ExcelJS from 'exceljs'

import {D} from '../../domain/money.js'
import type {ReportRef} from '../balance-checks.js'
import {MATCHED_ENTITIES} from '../docs.js'
import type {ReconcileReport} from '../result.js'
import {describePolicy} from '../tolerance.js'
import {excelMoney, FILL, MONEY, PERCENT} from '../../workbooks/style.js'
import {printed} from './print.js'

/** Fixed cells users and scripts rely on (docs/reconcile.md). */
export const SUMMARY_CELLS = {result: 'B3', matchRate: 'B4', withinTolerance: 'B5'} as const
export const ENTITY_TABLE_HEADER_ROW = 15
export const MATCH_RATE_LABEL = 'Backfill match rate (explained below)'

const header = (row: ExcelJS.Row) =>
  row.eachCell((c) => {
    c.font = {bold: true}
    c.fill = FILL.header
  })

/** A paragraph: its text in column A, merged across the table's width so it wraps and prints on the page. */
function paragraph(ws: ExcelJS.Worksheet, text: string, lines = 2, bold = false) {
  const row = ws.addRow([text])
  ws.mergeCells(row.number, 1, row.number, 13)
  row.getCell(1).alignment = {wrapText: true, vertical: 'top'}
  row.height = 15 * lines
  if (bold) row.font = {bold: true}
  return row
}

const reportName = (r: ReportRef) =>
  `the source's own ${r.title} as at ${r.asAt}${r.organisation ? ` (${r.organisation})` : ''}, from ${r.path}`

export function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: ReconcileReport): void {
  const ws = wb.addWorksheet('Summary', printed({onePage: true, titleRows: 0, frozen: false}))
  const r = report.result
  ws.columns = [34, 12, 10, 11, 9, 9, 12, 10, 10, 10, 10, 15, 15, 13].map((width) => ({width}))
  const pass = r.withinTolerance
  ws.addRow(['Reconciliation: source vs QuickBooks Online']).font = {bold: true, size: 14}
  ws.addRow([])
  const result = ws.addRow(['Result', pass ? 'PASS' : 'FAIL'])
  result.getCell(2).fill = pass ? FILL.pass : FILL.fail
  result.getCell(2).font = {bold: true}
  ws.addRow([MATCH_RATE_LABEL, r.matchRate]).getCell(2).numFmt = PERCENT
  ws.addRow(['Within tolerance', pass ? 'yes' : 'no'])
  ws.addRow(['As at', r.asOf])
  ws.addRow(['QBO realm', r.realmId])
  ws.addRow(['Source systems', report.sourceSystems.join(', ')])
  ws.addRow(['Run id', r.runId])
  ws.addRow(['Generated at (UTC)', report.generatedAt])
  ws.addRow(['Input hash (sha256 of staged records and mappings)', r.inputHash])
  ws.addRow(['Tolerance policy', describePolicy(r.tolerance)])
  ws.addRow([
    'Differences inside tolerance',
    `${report.absorbed.documents} documents, ${report.absorbed.amount.toFixed(2)} in total (listed amber on the entity sheets)`,
  ])
  ws.addRow([])
  header(
    ws.addRow([
      'Entity',
      'Source',
      'Matched',
      'Mismatched',
      'Missing',
      'Extra',
      'Not migrated',
      'Match rate',
      'By id map',
      'By marker',
      'By heuristic',
      'Source total',
      'QBO total',
      'Difference',
    ]),
  )
  for (const entity of MATCHED_ENTITIES) {
    const s = r.entities[entity]
    if (!s) continue
    const row = ws.addRow([
      entity,
      s.source,
      s.matched,
      s.mismatched,
      s.missing,
      s.extra,
      s.notMigrated,
      s.matchRate,
      s.byMethod.idMap,
      s.byMethod.marker,
      s.byMethod.heuristic,
      excelMoney(s.sourceTotal),
      excelMoney(s.qboTotal),
      excelMoney(new D(s.qboTotal).minus(s.sourceTotal)),
    ])
    row.getCell(8).numFmt = PERCENT
    for (const c of [12, 13, 14]) row.getCell(c).numFmt = MONEY
    if (s.mismatched + s.missing + s.extra > 0) row.getCell(1).fill = FILL.fail
    else if (s.notMigrated > 0) row.getCell(1).fill = FILL.warn
  }
  ws.addRow([])
  writeBalanceChecks(ws, report)
  ws.addRow([])
  explain(ws, report)
  ws.addRow([])
  ws.addRow([pass ? 'Nothing outside tolerance.' : 'Outside tolerance:']).font = {bold: true}
  for (const reason of r.failures) paragraph(ws, reason, Math.min(6, Math.ceil(reason.length / 150)))
  for (const u of report.unreadable) paragraph(ws, `Unreadable QBO ${u.entity} ${u.id}: ${u.problem}`, 1)
  ws.commit()
}

function writeBalanceChecks(ws: ExcelJS.Worksheet, report: ReconcileReport) {
  header(ws.addRow(['Balance check', 'Rows', 'Variance', 'Status', 'Source figures']))
  const staged = 'rebuilt from the staged records (no source report)'
  const balance = (
    name: string,
    rows: number,
    variance: {toFixed(dp: number): string},
    ok: boolean,
    basis: string,
  ) => {
    const row = ws.addRow([name, rows, excelMoney(variance), ok ? 'agrees' : 'differs', basis])
    row.getCell(3).numFmt = MONEY
    row.getCell(4).fill = ok ? FILL.pass : FILL.fail
    if (basis === staged) row.getCell(5).fill = FILL.warn
  }
  const {trialBalance: tb, receivables: ar, payables: ap, basis} = report
  const source = (b: ReportRef | undefined) => (b ? `${b.title} as at ${b.asAt}` : staged)
  balance(
    'Trial balance (accounts)',
    tb.accounts,
    tb.variance,
    tb.withinTolerance,
    source(basis.trialBalance),
  )
  for (const m of report.monthly) {
    const c = m.comparison
    balance(
      `Income and expense, ${m.from} to ${m.to}`,
      c.accounts,
      c.variance,
      c.withinTolerance,
      `${m.report.title} as at ${m.report.asAt}`,
    )
  }
  balance('AR aging (customers)', ar.contacts, ar.variance, ar.withinTolerance, source(basis.receivables))
  balance('AP aging (vendors)', ap.contacts, ap.variance, ap.withinTolerance, source(basis.payables))
}

/** What the numbers mean, in the words an accountant signing the migration off uses. */
function explain(ws: ExcelJS.Worksheet, report: ReconcileReport) {
  const r = report.result
  const entities = Object.values(r.entities)
  const source = entities.reduce((n, s) => n + s.source, 0)
  const matched = entities.reduce((n, s) => n + s.matched, 0)
  const notMigrated = entities.reduce((n, s) => n + s.notMigrated, 0)
  ws.addRow(['What the backfill match rate counts']).font = {bold: true}
  paragraph(
    ws,
    `Of the ${source} transactions the source had (invoices, credit notes, bills, payments, journals, bank transactions and transfers` +
      `${notMigrated ? `, including ${notMigrated} this migration does not carry` : ''}), ${matched} are in QBO and agree with the source ` +
      `(same total, tax, date, contact, line count and balance, within the tolerance), found by the migration's own record of what it wrote, by the marker it leaves in each record's private note, ` +
      `or, for records keyed in by hand ("backfilled"), by contact, amount, date and number: ${(r.matchRate * 100).toFixed(1)}%.` +
      (notMigrated
        ? ` Records not migrated count against the rate but not against the result: each is listed as "not migrated" on the Unmatched sheet with the reason, and what they amounted to is carried by the balances below.`
        : ''),
    4,
  )
  if (report.conversion) {
    const c = report.conversion
    ws.addRow([`A conversion-date migration, as at ${c.date}`]).font = {bold: true}
    paragraph(
      ws,
      `Everything the source settled by ${c.date} is in QBO as opening balances (one journal built from the source's trial balance at that date, less what the open documents already put there), not as records: those records are "not migrated" above. ` +
        (c.openDocuments === 'outstanding'
          ? `Documents still open at ${c.date} were loaded with what was still owed, on one line to Conversion Clearing, and are compared as such. `
          : `Documents still open at ${c.date} were loaded in full, with the part paid before the date as one payment into Conversion Clearing. `) +
        `The ${c.made} records the conversion made itself (the opening balance journal, payments of parts paid before the date) have no source document: the trial balance proves them, and Conversion Clearing must end the date at zero.`,
      4,
    )
  }
  ws.addRow(['Where the source figures come from']).font = {bold: true}
  const {basis} = report
  const parts: [string, ReportRef | undefined][] = [
    ['The trial balance', basis.trialBalance],
    ['AR aging', basis.receivables],
    ['AP aging', basis.payables],
  ]
  for (const [what, b] of parts) {
    paragraph(
      ws,
      b
        ? `${what} is compared with ${reportName(b)}, ${what === 'The trial balance' ? 'account by account' : 'contact by contact'}. Only the correspondence between source and QBO ${what === 'The trial balance' ? 'accounts' : 'contacts'} comes from the migration; every source figure is the report's.`
        : `No source report was given for ${what.toLowerCase().replace(/^the /, 'the ')}: it is compared with figures rebuilt from the staged records. Those are the records and mappings the load used, so a mapping mistake (an exchange rate, a tax code, an account) can show on both sides and pass. Export the source's ${what === 'The trial balance' ? 'Trial Balance' : what === 'AR aging' ? 'Aged Receivables Summary' : 'Aged Payables Summary'} as at ${r.asOf} and run qbo migrate extract again.`,
      3,
    )
  }
}
