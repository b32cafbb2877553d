import {type ManualJournal, parseCanonical, type Payment} from '../../domain/canonical.js'
import {journalProblems} from '../../domain/canonical-checks.js'
import {amountText, D, sum, unitText} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import {type DateOrder, parseMyobMoney} from '../files/parse-values.js'
import type {TableRow} from '../files/table.js'
import {cardId, cardName, type MyobContext, unescapeText} from './context.js'
import {numberKey} from './documents.js'

/** One General Journal entry: debits and credits in separate columns; a debit is positive. */
export function buildMyobJournal(rows: TableRow[], order: DateOrder, ctx: MyobContext): StagedItem {
  const first = rows[0] as TableRow
  const date = first.date('date', order, true)
  const number = first.optional('journal number') ?? first.optional('journal #')
  const memo = unescapeText(first.text('memo'))
  const money = (row: TableRow, ...keys: string[]) => {
    for (const k of keys) {
      const v = row.number(k, parseMyobMoney)
      if (v) return v
    }
    return undefined
  }
  const lines = rows.map((row, i) => {
    const debit = money(row, 'debit amount', 'debit') ?? new D(0)
    const credit = money(row, 'credit amount', 'credit') ?? new D(0)
    const amount = debit.minus(credit)
    const code = row.text('tax code')
    // Tax code direction from the line: a debit is a purchase-side posting, a credit a sales-side one.
    const taxCode = code ? ctx.tax.resolve(code, amount.isNegative() ? 'sales' : 'purchases') : undefined
    if (code && !taxCode) throw row.fail('tax code', `unknown tax code "${code}"`)
    const tax = money(row, 'gst amount', 'tax amount')
    const account = row.optional('account number') ?? row.optional('account #')
    if (!account) throw row.fail('account number', 'missing account number')
    return {
      lineNo: i + 1,
      accountId: account,
      ...(row.optional('allocation memo') ? {description: unescapeText(row.text('allocation memo'))} : {}),
      amount: amountText(amount),
      ...(taxCode ? {taxCode} : {}),
      ...(tax ? {taxAmount: amountText(tax)} : {}),
      tracking: ctx.tracking(row),
    }
  })
  const id = number ?? `${date}|${memo}|${first.line}`
  let record: ManualJournal
  try {
    record = parseCanonical('manualJournal', {
      id,
      ...(number ? {number} : {}),
      date,
      narration: memo,
      amountsAre: first.text('inclusive') !== '' ? 'inclusive' : 'exclusive',
      lines,
    })
  } catch (error) {
    throw first.fail(undefined, `journal ${id} does not fit the canonical model: ${String(error)}`)
  }
  const problems = journalProblems(record)
  if (problems.length)
    throw first.fail('debit amount', `unbalanced journal ${number ?? memo}: ${problems.join('; ')}`)
  return {kind: 'manualJournal', id, record}
}

/**
 * A customer receipt or supplier payment (header UNCONFIRMED in the sources; fields found by likely name):
 * the account, date, card and id on every row, one row per invoice/purchase the money is applied to.
 */
export function buildMyobPayment(
  rows: TableRow[],
  supplier: boolean,
  order: DateOrder,
  ctx: MyobContext,
): StagedItem {
  const first = rows[0] as TableRow
  const pick = (row: TableRow, ...keys: string[]) =>
    keys.map((k) => row.optional(k)).find((v) => v !== undefined)
  const bank = pick(
    first,
    supplier ? 'cheque account' : 'deposit account',
    'payment account',
    'account number',
    'account #',
  )
  if (!bank) throw first.fail(supplier ? 'cheque account' : 'deposit account', 'missing bank account')
  const date = first.date(
    first.has('date') ? 'date' : supplier ? 'payment date' : 'receipt date',
    order,
    true,
  )
  const {name} = cardName(first)
  if (!name) throw first.fail('co./last name', 'missing card name')
  const numberCol = supplier ? numberKey(first, 'purchases') : 'invoice #'
  const allocations: Payment['allocations'] = rows.map((row) => {
    const amount = row.number('amount applied', parseMyobMoney, true)
    return {
      documentKind: supplier ? 'bill' : 'invoice',
      documentId: row.required(numberCol, supplier ? 'purchase number' : 'invoice number'),
      amount: amountText(amount),
    }
  })
  const total = sum(allocations.map((a) => new D(a.amount)))
  const ref = pick(first, 'id #', 'id#', 'cheque #', 'cheque number', 'receipt #', 'memo')
  const currency = first.optional('currency code')?.toUpperCase() ?? 'AUD'
  const rate = first.number('exchange rate', parseMyobMoney)
  const id = `${date}|${cardId(name)}|${ref ?? ''}|${allocations.map((a) => a.documentId).join('+')}`
  const record = parseCanonical(supplier ? 'billPayment' : 'payment', {
    id,
    date,
    contactId: cardId(name),
    bankAccountId: bank,
    amount: amountText(total),
    currency,
    ...(rate && currency !== 'AUD' && !rate.eq(1) ? {exchangeRate: unitText(rate)} : {}),
    ...(ref ? {reference: ref} : {}),
    ...(first.optional('payment method') ? {method: first.text('payment method')} : {}),
    allocations,
  })
  ctx.sawCard(name, !supplier)
  return {kind: supplier ? 'billPayment' : 'payment', id, record}
}
