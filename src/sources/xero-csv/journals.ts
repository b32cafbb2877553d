import {type ManualJournal, parseCanonical} from '../../domain/canonical.js'
import {journalProblems} from '../../domain/canonical-checks.js'
import {amountText, D} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import type {TableRow} from '../files/table.js'
import {type DateOrder, parseXeroNumber} from '../files/parse-values.js'
import type {XeroContext} from './context.js'

/** Rows sharing Narration and Date form one journal (sources.md §1.6); positive is a debit. */
export function journalKey(row: TableRow): string {
  return `${row.text('date')}\u0000${row.text('narration')}`
}

function accountOf(row: TableRow, ctx: XeroContext): string {
  row.required('accountcode', 'account code')
  return ctx.accountRef(row, 'accountcode')
}

export function buildJournal(rows: TableRow[], order: DateOrder, ctx: XeroContext): StagedItem {
  const first = rows[0] as TableRow
  const date = first.date('date', order, true)
  const narration = first.required('narration', 'narration')
  let anyTax = false
  const lines = rows.map((row, i) => {
    const amount = row.number('amount', parseXeroNumber, true)
    const taxName = row.text('taxrate')
    let taxCode: string | undefined
    if (taxName) {
      const rate = ctx.tax.resolve(taxName)
      if (!rate) throw row.fail('taxrate', ctx.tax.unknown(taxName))
      taxCode = rate.id
      if (!new D(rate.rate).isZero()) anyTax = true
    }
    return {
      lineNo: i + 1,
      accountId: accountOf(row, ctx),
      ...(row.optional('description') ? {description: row.text('description')} : {}),
      amount: amountText(amount),
      ...(taxCode ? {taxCode} : {}),
      tracking: ctx.tracking(row),
    }
  })
  const id = `${date}|${narration}`
  const amountsAre = ctx.taxInclusive === 'yes' ? 'inclusive' : anyTax ? 'exclusive' : 'noTax'
  let record: ManualJournal
  try {
    record = parseCanonical('manualJournal', {id, date, narration, amountsAre, lines})
  } catch (error) {
    throw first.fail(undefined, `journal "${narration}" does not fit the canonical model: ${String(error)}`)
  }
  const problems = journalProblems(record)
  if (problems.length) throw first.fail('amount', `unbalanced journal "${narration}": ${problems.join('; ')}`)
  return {kind: 'manualJournal', id, record}
}

/**
 * A TaxRates export or a hand-made mapping file: display name -> TaxType code (and rate). A code the AU table
 * knows inherits its direction; custom codes apply to both directions.
 */
export function taxRateFromRow(row: TableRow, ctx: XeroContext): StagedItem {
  const name = row.optional('taxratename')
  if (!name) throw row.fail('taxratename', 'missing tax rate name')
  const code = row.required('taxtype', 'tax type code').toUpperCase()
  const builtIn = ctx.tax.builtIn(code)
  const rateText = row.optional('rate')
  const rate = rateText ? parseXeroNumber(rateText.replace(/%$/, '')) : undefined
  if (rateText && !rate) throw row.fail('rate', `unparsable rate "${rateText}"`)
  const record = parseCanonical('taxRate', {
    id: code,
    name,
    rate: rate ? rate.toString() : (builtIn?.rate ?? '0'),
    appliesTo: builtIn?.appliesTo ?? 'both',
    reportType: row.optional('reporttaxtype') ?? builtIn?.reportType ?? code,
    active: !/deleted|archived/i.test(row.text('status')),
  })
  ctx.tax.addSupplied(record)
  return {kind: 'taxRate', id: code, record}
}
