import {parseCanonical, type DocumentLine, type TradeDocument} from '../../domain/canonical.js'
import {documentTotalProblems} from '../../domain/canonical-checks.js'
import {amountText, D, type Dec, roundAmount, sum, unitText} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import type {TableRow} from '../files/table.js'
import {type DateOrder, parseXeroNumber} from '../files/parse-values.js'
import {type XeroContext, xeroContactId} from './context.js'

type Kind = TradeDocument['kind']
type Direction = 'sales' | 'purchases'

/** Header fields repeated on every line of a document; they must agree across its rows. */
const HEADER_FIELDS = [
  'contactname',
  'invoicedate',
  'duedate',
  'reference',
  'currency',
  'total',
  'taxtotal',
  'invoiceamountpaid',
  'invoiceamountdue',
  'type',
  'status',
] as const

export interface DocumentGroup {
  key: string
  rows: TableRow[]
}

/** The grouping key: sales by type + number; bills by contact + number + date (supplier numbers repeat). */
export function documentKey(row: TableRow, direction: Direction): string {
  const number = row.text('invoicenumber')
  if (direction === 'sales') return `${typeKind(row, direction) ?? ''}\u0000${number.toLowerCase()}`
  return [xeroContactId(row.text('contactname')), number.toLowerCase(), row.text('invoicedate')].join(
    '\u0000',
  )
}

/** The document kind a `Type` cell names; undefined for rows that are not documents (overpayments). */
export function typeKind(row: TableRow, direction: Direction): Kind | 'skip' | undefined {
  const t = row.text('type').toLowerCase()
  if (t === '') return undefined
  if (/overpayment|prepayment/.test(t)) return 'skip'
  const credit = t.includes('credit')
  if (t.startsWith('sales') || t === 'accrec' || t === 'accreccredit')
    return credit ? 'creditNote' : 'invoice'
  if (t.startsWith('bill') || t.startsWith('purchase') || t === 'accpay' || t === 'accpaycredit')
    return credit ? 'supplierCredit' : 'bill'
  return direction === 'sales' ? (credit ? 'creditNote' : 'invoice') : credit ? 'supplierCredit' : 'bill'
}

export function directionOf(kind: Kind): Direction {
  return kind === 'invoice' || kind === 'creditNote' ? 'sales' : 'purchases'
}

interface LineDraft {
  row: TableRow
  line: DocumentLine
  rate: Dec | undefined
  explicitTax: boolean
}

const num = (row: TableRow, key: string) => row.number(key, parseXeroNumber)

/** Builds one canonical document from its rows (already grouped), or refuses it with file, line and column. */
export function buildDocument(
  group: DocumentGroup,
  direction: Direction,
  order: DateOrder,
  ctx: XeroContext,
): StagedItem {
  const first = group.rows[0] as TableRow
  checkHeaderFields(group.rows, direction)
  const drafts = group.rows.map((row, i) => lineDraft(row, i + 1, ctx))

  const total = num(first, 'total')
  const taxTotal = num(first, 'taxtotal')
  const lineSum = sum(drafts.map((d) => new D(d.line.lineAmount)))
  // Credit notes are negative in the bill template (and perhaps in exports): a wholly negative document flips.
  const negative = (total ?? lineSum).isNegative()
  const kind =
    (typeKind(first, direction) as Kind | undefined) ??
    (direction === 'sales' ? (negative ? 'creditNote' : 'invoice') : negative ? 'supplierCredit' : 'bill')
  if (negative) drafts.forEach(flipSign)
  const sign = negative ? -1 : 1
  const absTotal = total?.times(sign)
  const absTax = taxTotal?.times(sign)
  const absLines = lineSum.times(sign)

  const amountsAre = inferAmountsAre(first, ctx, absLines, absTotal, absTax, drafts)
  fillLineTax(drafts, amountsAre, absTax)
  const tax = sum(drafts.map((d) => new D(d.line.taxAmount)))
  const grand = amountsAre === 'exclusive' ? absLines.plus(tax) : absLines
  const header = documentHeader(first, direction, order, ctx)
  const paid = num(first, 'invoiceamountpaid')
  const due = num(first, 'invoiceamountdue')
  // Written out field by field rather than spread from the header: a spread object made the canonical parse
  // and the extract measurably slower (bench/extract.bench.ts).
  const doc = {
    id: header.id,
    kind,
    ...(header.number ? {number: header.number} : {}),
    ...(header.reference ? {reference: header.reference} : {}),
    contactId: header.contactId,
    contactName: header.contactName,
    date: header.date,
    ...(header.dueDate ? {dueDate: header.dueDate} : {}),
    currency: header.currency,
    ...(header.exchangeRate ? {exchangeRate: header.exchangeRate} : {}),
    amountsAre,
    status: statusOf(first.text('status'), due),
    lines: drafts.map((d) => d.line),
    subTotal: amountText(grand.minus(tax)),
    totalTax: amountText(tax),
    total: amountText(grand),
    ...(paid ? {amountPaid: amountText(paid.times(sign))} : {}),
    ...(due ? {amountDue: amountText(due.times(sign))} : {}),
  }
  const parsed = checkedDocument(first, doc, absTotal)
  ctx.sawContact(doc.contactName, direction, first)
  if (paid && !paid.isZero()) ctx.notePaidWithoutDate()
  return {kind, id: doc.id, record: parsed}
}

/** The header fields repeat on every row of a document; rows that disagree are refused (bills may vary the contact). */
function checkHeaderFields(rows: TableRow[], direction: Direction): void {
  const first = rows[0] as TableRow
  for (const row of rows.slice(1)) {
    for (const f of HEADER_FIELDS) {
      if (row.text(f) !== first.text(f) && !(f === 'contactname' && direction === 'purchases')) {
        throw row.fail(
          f,
          `conflicting header field inside one document: "${row.text(f)}" here but "${first.text(f)}" on line ${first.line}`,
        )
      }
    }
  }
}

/** One row as a line: its amount (given, or unit x quantity less discount), tax code and rate, tracking. */
function lineDraft(row: TableRow, lineNo: number, ctx: XeroContext): LineDraft {
  const quantity = num(row, 'quantity') ?? new D(1)
  const unit = num(row, 'unitamount')
  const discount = num(row, 'discount')
  const given = num(row, 'lineamount')
  if (!given && !unit) throw row.fail('unitamount', 'missing amount (neither UnitAmount nor LineAmount)')
  const gross = given ?? (unit as Dec).times(quantity).times(new D(100).minus(discount ?? 0).div(100))
  const {taxCode, rate} = lineTaxRate(row, ctx)
  const taxGiven = num(row, 'taxamount')
  const tracking = ctx.tracking(row)
  const accountId = row.optional('accountcode') ? ctx.accountRef(row, 'accountcode') : undefined
  return {
    row,
    line: {
      lineNo,
      ...(row.optional('inventoryitemcode') ? {itemCode: row.text('inventoryitemcode')} : {}),
      ...(row.optional('description') ? {description: row.text('description')} : {}),
      quantity: unitText(quantity),
      ...(unit ? {unitAmount: unitText(unit)} : {}),
      ...(discount && !discount.isZero() ? {discountRate: unitText(discount.abs())} : {}),
      ...(accountId ? {accountId} : {}),
      ...(taxCode ? {taxCode} : {}),
      taxAmount: amountText(taxGiven ?? new D(0)),
      lineAmount: amountText(gross),
      tracking,
    },
    rate,
    explicitTax: taxGiven !== undefined,
  }
}

/** The tax code and rate a row's TaxType names; an unknown name is refused with the fix. */
function lineTaxRate(row: TableRow, ctx: XeroContext): {taxCode?: string; rate?: Dec} {
  const taxName = row.text('taxtype')
  if (!taxName) return {}
  const found = ctx.tax.resolve(taxName)
  if (!found) {
    throw row.fail(
      'taxtype',
      ctx.tax.unknown(taxName),
      `Add "${taxName}" to a tax rates mapping file (columns Name,TaxType,Rate) next to the exports, or fix the name, then run the extract again.`,
    )
  }
  return {taxCode: found.id, rate: new D(found.rate)}
}

/** A line of a wholly negative document, made positive: amounts negate, and the negative price or quantity. */
function flipSign(d: LineDraft): void {
  d.line.lineAmount = amountText(new D(d.line.lineAmount).negated())
  d.line.taxAmount = amountText(new D(d.line.taxAmount).negated())
  if (d.line.unitAmount && d.line.unitAmount.startsWith('-')) d.line.unitAmount = d.line.unitAmount.slice(1)
  else if (d.line.quantity?.startsWith('-')) d.line.quantity = d.line.quantity.slice(1)
}

/** Id, number, contact, dates and currency: what the document's first row says of the whole. */
function documentHeader(first: TableRow, direction: Direction, order: DateOrder, ctx: XeroContext) {
  const contactName = first.required('contactname', 'contact name')
  const number = first.optional('invoicenumber')
  const date = first.date('invoicedate', order, true)
  const contactId = xeroContactId(contactName)
  const id =
    direction === 'sales'
      ? (number ?? first.required('invoicenumber', 'invoice number'))
      : `${contactId}|${number ?? ''}|${date}`
  const dueDate = first.date('duedate', order)
  const currency = (first.optional('currency') ?? ctx.homeCurrency).toUpperCase()
  const exchangeRate = ctx.rateFor(currency, date)
  const reference = first.optional('reference')
  return {id, number, reference, contactId, contactName, date, dueDate, currency, exchangeRate}
}

/** The canonical document, refused (at its first row) when it does not fit the model or does not add up. */
function checkedDocument(
  first: TableRow,
  doc: {kind: Kind; id: string; number?: string} & Record<string, unknown>,
  fileTotal: Dec | undefined,
): TradeDocument {
  let parsed: TradeDocument
  try {
    parsed = parseCanonical(doc.kind, doc)
  } catch (error) {
    throw first.fail(undefined, `the document does not fit the canonical model: ${String(error)}`)
  }
  const problems = documentTotalProblems(parsed)
  if (fileTotal && !fileTotal.eq(new D(parsed.total)))
    problems.unshift(`the file's Total ${fileTotal.toFixed(2)} is not ${parsed.total}`)
  if (problems.length)
    throw first.fail('total', `document ${doc.number ?? doc.id} does not add up: ${problems.join('; ')}`)
  return parsed
}

function inferAmountsAre(
  first: TableRow,
  ctx: XeroContext,
  lines: Dec,
  total: Dec | undefined,
  tax: Dec | undefined,
  drafts: LineDraft[],
): 'exclusive' | 'inclusive' {
  if (ctx.taxInclusive === 'yes') return 'inclusive'
  if (ctx.taxInclusive === 'no') return 'exclusive'
  if (!total) {
    ctx.warnOnce(
      `${first.file}: no Total column, so line amounts are taken as tax exclusive (use --tax-inclusive yes if they include tax)`,
    )
    return 'exclusive'
  }
  const taxSum = tax ?? sum(drafts.map((d) => new D(d.line.taxAmount)))
  if (taxSum.isZero() && lines.eq(total)) return 'exclusive'
  if (lines.plus(taxSum).eq(total)) return 'exclusive'
  if (lines.eq(total)) return 'inclusive'
  throw first.fail(
    'total',
    `line amounts (${lines.toFixed(2)}) plus tax (${taxSum.toFixed(2)}) do not make the Total ${total.toFixed(2)}, whether tax inclusive or exclusive`,
  )
}

/** Line tax from the file when given; otherwise from the rate, with any rounding gap put on the largest line. */
function fillLineTax(
  drafts: LineDraft[],
  amountsAre: 'exclusive' | 'inclusive',
  taxTotal: Dec | undefined,
): void {
  if (drafts.every((d) => d.explicitTax)) return
  for (const d of drafts) {
    if (d.explicitTax || !d.rate) continue
    const amount = new D(d.line.lineAmount)
    const r = d.rate.div(100)
    const tax = amountsAre === 'exclusive' ? amount.times(r) : amount.times(r).div(r.plus(1))
    d.line.taxAmount = amountText(roundAmount(tax))
  }
  if (!taxTotal) return
  const gap = taxTotal.minus(sum(drafts.map((d) => new D(d.line.taxAmount))))
  if (gap.isZero() || gap.abs().gt(new D('0.05').times(drafts.length))) return
  const target = drafts
    .filter((d) => d.rate && !d.rate.isZero())
    .sort((a, b) => new D(b.line.lineAmount).abs().comparedTo(new D(a.line.lineAmount).abs()))[0]
  if (target) target.line.taxAmount = amountText(new D(target.line.taxAmount).plus(gap))
}

function statusOf(text: string, due: Dec | undefined): TradeDocument['status'] {
  const t = text.toLowerCase()
  if (t.includes('draft')) return 'draft'
  if (t.includes('approval') || t.includes('submitted')) return 'submitted'
  if (t.includes('void') || t.includes('deleted')) return 'voided'
  if (t === 'paid' || (due !== undefined && due.isZero() && t !== '')) return 'paid'
  return 'authorised'
}
