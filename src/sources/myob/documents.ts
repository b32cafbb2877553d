import {type DocumentLine, parseCanonical, type TradeDocument} from '../../domain/canonical.js'
import {documentTotalProblems} from '../../domain/canonical-checks.js'
import {amountText, D, type Dec, roundAmount, sum, unitText} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import {type DateOrder, parseMyobMoney} from '../files/parse-values.js'
import type {TableRow} from '../files/table.js'
import {cardId, cardName, MYOB_HOME_CURRENCY, type MyobContext, unescapeText} from './context.js'

export type Layout = 'item' | 'service'
export type Direction = 'sales' | 'purchases'

/** The cells every row of one document repeats; they must agree. */
const HEADER_FIELDS: Record<Direction, string[]> = {
  sales: ['co./last name', 'first name', 'date', 'inclusive', 'currency code', 'sale status'],
  purchases: ['co./last name', 'first name', 'date', 'inclusive', 'currency code', 'purchase status'],
}

/**
 * One MYOB sale or purchase (a block of rows). Returns undefined for quotes and orders (Status Q/O),
 * which are not transactions. Amounts: `Total` is ex-tax and `Inc-Tax Total` inc-tax per line; the
 * `Inclusive` flag says which the document uses.
 */
export function buildMyobDocument(
  rows: TableRow[],
  direction: Direction,
  layout: Layout,
  order: DateOrder,
  ctx: MyobContext,
): StagedItem | undefined {
  const first = rows[0] as TableRow
  const status = first.text(direction === 'sales' ? 'sale status' : 'purchase status').toUpperCase()
  if (status === 'O' || status === 'Q') {
    ctx.skipped()
    return undefined
  }
  for (const row of rows.slice(1)) {
    for (const f of HEADER_FIELDS[direction]) {
      if (row.text(f) !== first.text(f))
        throw row.fail(
          f,
          `conflicting header field inside one document: "${row.text(f)}" here but "${first.text(f)}" on line ${first.line}`,
        )
    }
  }
  const nKey = direction === 'sales' ? 'invoice #' : 'purchase #'
  const number = first.required(nKey, direction === 'sales' ? 'invoice number' : 'purchase number')
  const inclusive = first.text('inclusive') !== ''
  const money = (row: TableRow, k: string) => row.number(k, parseMyobMoney)
  const lines: DocumentLine[] = []
  for (const row of rows) {
    const line =
      layout === 'item'
        ? itemLine(row, inclusive, direction, ctx, money)
        : serviceLine(row, inclusive, direction, ctx, money)
    if (line) lines.push({...line, lineNo: lines.length + 1})
  }
  const freight = freightLine(first, inclusive, direction, ctx, money)
  if (freight) lines.push({...freight, lineNo: lines.length + 1})
  if (lines.length === 0) throw first.fail(undefined, `document ${number} has no lines with an amount`)
  const {name} = cardName(first)
  if (!name) throw first.fail('co./last name', 'missing card name')
  const lineTotal = sum(lines.map((l) => new D(l.lineAmount)))
  const tax = sum(lines.map((l) => new D(l.taxAmount)))
  const negative = lineTotal.isNegative()
  if (negative) {
    for (const l of lines) {
      l.lineAmount = amountText(new D(l.lineAmount).negated())
      l.taxAmount = amountText(new D(l.taxAmount).negated())
      if (l.quantity?.startsWith('-')) l.quantity = l.quantity.slice(1)
      else if (l.unitAmount?.startsWith('-')) l.unitAmount = l.unitAmount.slice(1)
    }
  }
  const sign = negative ? -1 : 1
  const total = inclusive ? lineTotal.times(sign) : lineTotal.plus(tax).times(sign)
  const totalTax = tax.times(sign)
  const kind: TradeDocument['kind'] =
    direction === 'sales' ? (negative ? 'creditNote' : 'invoice') : negative ? 'supplierCredit' : 'bill'
  const paid = money(first, 'amount paid')
  const currency = first.optional('currency code')?.toUpperCase() ?? MYOB_HOME_CURRENCY
  const date = first.date('date', order, true)
  const exchangeRate = ctx.exchangeRate(first, currency, date)
  const memo = first.optional('journal memo')
  const reference = first.optional(direction === 'sales' ? 'customer po' : 'supplier invoice #')
  const doc = {
    id: number,
    kind,
    number,
    ...(reference ? {reference} : {}),
    contactId: cardId(name),
    contactName: name,
    date,
    currency,
    ...(exchangeRate ? {exchangeRate} : {}),
    amountsAre: inclusive ? 'inclusive' : 'exclusive',
    status: paid && paid.gte(total) && total.gt(0) ? 'paid' : 'authorised',
    lines,
    subTotal: amountText(total.minus(totalTax)),
    totalTax: amountText(totalTax),
    total: amountText(total),
    ...(paid && !paid.isZero()
      ? {amountPaid: amountText(paid.abs()), amountDue: amountText(total.minus(paid.abs()))}
      : {}),
    ...(memo ? {memo: unescapeText(memo)} : {}),
  }
  let parsed: TradeDocument
  try {
    parsed = parseCanonical(kind, doc)
  } catch (error) {
    throw first.fail(undefined, `document ${number} does not fit the canonical model: ${String(error)}`)
  }
  const problems = documentTotalProblems(parsed)
  if (problems.length)
    throw first.fail(undefined, `document ${number} does not add up: ${problems.join('; ')}`)
  ctx.sawCard(name, direction === 'sales')
  return {kind, id: number, record: parsed}
}

function resolveTax(
  row: TableRow,
  key: string,
  code: string,
  direction: Direction,
  ctx: MyobContext,
): string {
  const id = ctx.tax.resolve(code, direction)
  if (!id)
    throw row.fail(
      key,
      `unknown tax code "${code}"`,
      'Add a MYOB Tax Codes export (Tax Code, Description, Rate) to the folder, or fix the code.',
    )
  return id
}

type Money = (row: TableRow, key: string) => Dec | undefined

/**
 * The document's freight as a line of its own. MYOB posts it to a linked account no export carries, so the
 * line takes the freight account chosen for the migration (docs/sources-files.md); without one it stays
 * without an account and the plan asks for it.
 */
function freightLine(
  first: TableRow,
  inclusive: boolean,
  direction: Direction,
  ctx: MyobContext,
  money: Money,
): Omit<DocumentLine, 'lineNo'> | undefined {
  const freight = money(first, inclusive ? 'inc-tax freight amount' : 'freight amount')
  if (!freight || freight.isZero()) return undefined
  refuseImportDuty(first, 'freight import duty amount', money)
  const code = first.text('freight tax code')
  const taxCode = code ? resolveTax(first, 'freight tax code', code, direction, ctx) : undefined
  const tax = money(first, 'freight gst amount') ?? new D(0)
  const account = ctx.freightAccount(direction)
  return {
    description: 'Freight',
    ...(account ? {accountId: account} : {}),
    lineAmount: amountText(freight),
    taxAmount: amountText(tax),
    ...(taxCode ? {taxCode} : {}),
    tracking: [],
    freight: true,
  }
}

/** QBO has no import duty on a line; MYOB posts it to a linked account no export carries. */
function refuseImportDuty(row: TableRow, key: string, money: Money): void {
  const duty = money(row, key)
  if (duty && !duty.isZero()) {
    throw row.fail(
      key,
      `import duty ${duty.toFixed(2)} cannot be migrated: its account is one of MYOB's linked accounts, which no export carries`,
      'In MYOB, move the duty to a line of its own on the import duty account, then export again.',
    )
  }
}

function lineTax(
  row: TableRow,
  inclusive: boolean,
  amount: Dec,
  exTax: Dec | undefined,
  incTax: Dec | undefined,
  rateId: string | undefined,
  ctx: MyobContext,
  money: Money,
): Dec {
  const given = money(row, 'gst amount')
  if (given) return given
  if (exTax && incTax) return incTax.minus(exTax)
  if (!rateId) return new D(0)
  const r = new D(ctx.tax.rate(rateId)).div(100)
  return roundAmount(inclusive ? amount.times(r).div(r.plus(1)) : amount.times(r))
}

function itemLine(
  row: TableRow,
  inclusive: boolean,
  direction: Direction,
  ctx: MyobContext,
  money: Money,
): Omit<DocumentLine, 'lineNo'> | undefined {
  const itemNumber = row.text('item number')
  const description = row.optional('description') && unescapeText(row.text('description'))
  const exTax = money(row, 'total')
  const incTax = money(row, 'inc-tax total')
  const amount = inclusive ? (incTax ?? exTax) : (exTax ?? incTax)
  // `\`, `\COMMENT`, `\ON`: a description-only line, kept when it carries text or an amount.
  if (itemNumber.startsWith('\\') || itemNumber === '') {
    if (!amount || amount.isZero())
      return description ? {description, lineAmount: '0.00', taxAmount: '0.00', tracking: []} : undefined
  }
  if (!amount) throw row.fail(inclusive ? 'inc-tax total' : 'total', 'missing amount')
  refuseImportDuty(row, 'import duty amount', money)
  const code = row.text('tax code')
  const taxCode = code ? resolveTax(row, 'tax code', code, direction, ctx) : undefined
  const qty = money(row, 'quantity') ?? money(row, 'billed') ?? money(row, 'received')
  const price = money(row, inclusive ? 'inc-tax price' : 'price') ?? money(row, 'price')
  const discount = money(row, 'discount')
  return {
    ...(itemNumber && !itemNumber.startsWith('\\') ? {itemCode: itemNumber} : {}),
    ...(description ? {description} : {}),
    ...(qty ? {quantity: unitText(qty)} : {}),
    ...(price ? {unitAmount: unitText(price)} : {}),
    ...(discount && !discount.isZero() ? {discountRate: unitText(discount.abs())} : {}),
    ...(taxCode ? {taxCode} : {}),
    taxAmount: amountText(lineTax(row, inclusive, amount, exTax, incTax, taxCode, ctx, money)),
    lineAmount: amountText(amount),
    tracking: ctx.tracking(row),
  }
}

function serviceLine(
  row: TableRow,
  inclusive: boolean,
  direction: Direction,
  ctx: MyobContext,
  money: Money,
): Omit<DocumentLine, 'lineNo'> | undefined {
  const description = row.optional('description') && unescapeText(row.text('description'))
  const exTax = money(row, 'amount')
  const incTax = money(row, 'inc-tax amount')
  const amount = inclusive ? (incTax ?? exTax) : (exTax ?? incTax)
  const hasAccount = row.optional('account #') !== undefined
  if (!amount || (amount.isZero() && !hasAccount)) {
    return description ? {description, lineAmount: '0.00', taxAmount: '0.00', tracking: []} : undefined
  }
  if (!hasAccount) throw row.fail('account #', 'missing account number')
  const account = ctx.postingAccount(row, 'account #')
  refuseImportDuty(row, 'import duty amount', money)
  const code = row.text('tax code')
  const taxCode = code ? resolveTax(row, 'tax code', code, direction, ctx) : undefined
  return {
    ...(description ? {description} : {}),
    accountId: account,
    ...(taxCode ? {taxCode} : {}),
    taxAmount: amountText(lineTax(row, inclusive, amount, exTax, incTax, taxCode, ctx, money)),
    lineAmount: amountText(amount),
    tracking: ctx.tracking(row),
  }
}
