import {type BankTransaction, type DocumentLine, parseCanonical} from '../../domain/canonical.js'
import {documentTotalProblems} from '../../domain/canonical-checks.js'
import {amountText, D, type Dec, roundAmount, sum} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import {type DateOrder, parseMyobMoney} from '../files/parse-values.js'
import type {TableRow} from '../files/table.js'
import {cardId, cardName, MYOB_HOME_CURRENCY, type MyobContext, unescapeText} from './context.js'

export type BankType = 'spend' | 'receive'

/** Where each side keeps its bank account and its reference (sources.md §4: Spend Money, Receive Money). */
const SIDE = {
  spend: {bank: 'cheque account', reference: 'cheque #'},
  receive: {bank: 'deposit account', reference: 'id #'},
} as const

/** The cells every row of one transaction shares (written on each row, or on the first row only). */
function headerCells(row: TableRow, type: BankType): Record<string, string> {
  const cells: Record<string, string> = {}
  for (const key of [
    SIDE[type].bank,
    SIDE[type].reference,
    'date',
    'inclusive',
    'co./last name',
    'first name',
    'memo',
    'currency code',
  ]) {
    if (row.has(key)) cells[key] = row.text(key)
  }
  return cells
}

/**
 * The cells that tell transactions apart (bank account, reference, date), for files without blank separator
 * lines; the other header cells must then agree. Undefined for a row that names none of them: it goes on
 * with the transaction above.
 */
export function bankTransactionKey(row: TableRow, type: BankType): string | undefined {
  const cells = [SIDE[type].bank, SIDE[type].reference, 'date'].map((k) => row.text(k))
  return cells.every((c) => c === '') ? undefined : cells.join('|')
}

/**
 * One MYOB Spend Money (cheque) or Receive Money (deposit) transaction: the bank account, date, card and
 * reference on its first row (repeated or blank on the others), one row per allocation line. Tax codes take
 * their direction from the transaction: spend money is purchase-side, receive money sales-side.
 */
export function buildMyobBankTransaction(
  rows: TableRow[],
  type: BankType,
  order: DateOrder,
  ctx: MyobContext,
  idsInFile: Map<string, number>,
): StagedItem {
  const first = rows[0] as TableRow
  const header = headerCells(first, type)
  for (const row of rows.slice(1)) {
    for (const [key, value] of Object.entries(headerCells(row, type))) {
      if (value !== '' && value !== header[key]) {
        throw row.fail(
          key,
          `conflicting header field inside one transaction: "${value}" here but "${header[key] ?? ''}" on line ${first.line}`,
        )
      }
    }
  }
  const bank = ctx.postingAccount(first, SIDE[type].bank, 'bank account')
  const date = first.date('date', order, true)
  const inclusive = first.text('inclusive') !== ''
  const reference = first.optional(SIDE[type].reference)
  const {name} = cardName(first)
  const direction = type === 'spend' ? 'purchases' : 'sales'
  const lines: DocumentLine[] = rows.map((row, i) => bankLine(row, i + 1, inclusive, direction, ctx))
  const lineTotal = sum(lines.map((l) => new D(l.lineAmount)))
  const tax = sum(lines.map((l) => new D(l.taxAmount)))
  const total = inclusive ? lineTotal : lineTotal.plus(tax)
  if (total.isNegative()) {
    throw first.fail(
      'allocation account #',
      `the ${type} money transaction totals ${total.toFixed(2)}: a negative ${type} money is not a transaction QBO can hold`,
      `Enter it in MYOB as ${type === 'spend' ? 'receive' : 'spend'} money, then export again.`,
    )
  }
  const currency = first.optional('currency code')?.toUpperCase() ?? MYOB_HOME_CURRENCY
  const exchangeRate = ctx.exchangeRate(first, currency, date)
  const memo = first.optional('memo')
  const id = transactionId([type, bank, reference ?? '', date, name ? cardId(name) : ''].join('|'), idsInFile)
  let record: BankTransaction
  try {
    record = parseCanonical('bankTransaction', {
      id,
      type,
      date,
      bankAccountId: bank,
      ...(name ? {contactId: cardId(name), contactName: name} : {}),
      ...(reference ? {reference} : {}),
      ...(memo ? {memo: unescapeText(memo)} : {}),
      currency,
      ...(exchangeRate ? {exchangeRate} : {}),
      amountsAre: inclusive ? 'inclusive' : 'exclusive',
      lines,
      subTotal: amountText(total.minus(tax)),
      totalTax: amountText(tax),
      total: amountText(total),
    })
  } catch (error) {
    throw first.fail(
      undefined,
      `${type} money ${reference ?? id} does not fit the canonical model: ${String(error)}`,
    )
  }
  const problems = documentTotalProblems(record)
  if (problems.length)
    throw first.fail(undefined, `${type} money ${reference ?? id} does not add up: ${problems.join('; ')}`)
  if (name) ctx.sawCard(name, type === 'receive', 'bank')
  return {kind: 'bankTransaction', id, record}
}

/**
 * MYOB exports carry no transaction id. Bank account + reference + date + card is stable across exports and
 * usually unique (MYOB numbers cheques and receipts); two that still share it (two unreferenced bank fees on
 * one day) are told apart by their order in the file: `…#2`. The amount is left out, so correcting an amount
 * in MYOB and exporting again updates the staged transaction instead of adding a second one.
 */
function transactionId(base: string, idsInFile: Map<string, number>): string {
  const n = (idsInFile.get(base) ?? 0) + 1
  idsInFile.set(base, n)
  return n === 1 ? base : `${base}#${n}`
}

function bankLine(
  row: TableRow,
  lineNo: number,
  inclusive: boolean,
  direction: 'sales' | 'purchases',
  ctx: MyobContext,
): DocumentLine {
  const money = (...keys: string[]): Dec | undefined => {
    for (const k of keys) {
      const v = row.number(k, parseMyobMoney)
      if (v) return v
    }
    return undefined
  }
  const account = ctx.postingAccount(row, 'allocation account #', 'allocation account')
  const exTax = money('ex-tax amount')
  const incTax = money('inc-tax amount')
  const amount = inclusive ? (incTax ?? exTax) : (exTax ?? incTax)
  if (!amount) throw row.fail(inclusive ? 'inc-tax amount' : 'ex-tax amount', 'missing amount')
  const duty = money('import duty amount')
  if (duty && !duty.isZero()) {
    // QBO has no import duty on a line; its account lives in MYOB's linked accounts, which no export carries.
    throw row.fail(
      'import duty amount',
      `import duty ${duty.toFixed(2)} cannot be migrated on a ${direction === 'purchases' ? 'spend' : 'receive'} money line`,
      'In MYOB, move the duty to a line of its own on the import duty account, then export again.',
    )
  }
  const code = row.text('tax code')
  const taxCode = code ? ctx.tax.resolve(code, direction) : undefined
  if (code && !taxCode) {
    throw row.fail(
      'tax code',
      `unknown tax code "${code}"`,
      'Add a MYOB Tax Codes export (Tax Code, Description, Rate) to the folder, or fix the code.',
    )
  }
  const given = money('tax amount')
  let tax: Dec
  if (given) tax = given
  else if (exTax && incTax) tax = incTax.minus(exTax)
  else if (taxCode) {
    const r = new D(ctx.tax.rate(taxCode)).div(100)
    tax = roundAmount(inclusive ? amount.times(r).div(r.plus(1)) : amount.times(r))
  } else tax = new D(0)
  const description = row.optional('allocation memo')
  return {
    lineNo,
    ...(description ? {description: unescapeText(description)} : {}),
    accountId: account,
    ...(taxCode ? {taxCode} : {}),
    taxAmount: amountText(tax),
    lineAmount: amountText(amount),
    tracking: ctx.tracking(row),
  }
}
