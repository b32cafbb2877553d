import {type ManualJournal, parseCanonical, type Payment} from '../../domain/canonical.js'
import {journalProblems} from '../../domain/canonical-checks.js'
import {amountText, D, sum} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import {type DateOrder, parseMyobMoney} from '../files/parse-values.js'
import type {TableRow} from '../files/table.js'
import {cardId, cardName, MYOB_HOME_CURRENCY, type MyobContext, unescapeText} from './context.js'

/** One General Journal entry: debits and credits in separate columns; a debit is positive. */
export function buildMyobJournal(rows: TableRow[], order: DateOrder, ctx: MyobContext): StagedItem {
  const first = rows[0] as TableRow
  const date = first.date('date', order, true)
  const number = first.optional('journal number')
  const memo = unescapeText(first.text('memo'))
  const money = (row: TableRow, key: string) => row.number(key, parseMyobMoney)
  const lines = rows.map((row, i) => {
    const debit = money(row, 'debit amount') ?? new D(0)
    const credit = money(row, 'credit amount') ?? new D(0)
    const amount = debit.minus(credit)
    const duty = money(row, 'import duty amount')
    if (duty && !duty.isZero())
      throw row.fail(
        'import duty amount',
        `import duty ${duty.toFixed(2)} cannot be migrated: its account is one of MYOB's linked accounts, which no export carries`,
        'In MYOB, move the duty to a journal line of its own on the import duty account, then export again.',
      )
    const code = row.text('tax code')
    // Tax code direction from the line: a debit is a purchase-side posting, a credit a sales-side one.
    const taxCode = code ? ctx.tax.resolve(code, amount.isNegative() ? 'sales' : 'purchases') : undefined
    if (code && !taxCode) throw row.fail('tax code', `unknown tax code "${code}"`)
    const tax = money(row, 'gst amount')
    const account = ctx.postingAccount(row, 'account number')
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
  const bank = ctx.postingAccount(first, supplier ? 'cheque account' : 'deposit account', 'bank account')
  const date = first.date('date', order, true)
  const {name} = cardName(first)
  if (!name) throw first.fail('co./last name', 'missing card name')
  const numberCol = supplier ? 'purchase #' : 'invoice #'
  const allocations: Payment['allocations'] = rows.map((row) => {
    const amount = row.number('amount applied', parseMyobMoney, true)
    return {
      documentKind: supplier ? 'bill' : 'invoice',
      documentId: row.required(numberCol, supplier ? 'purchase number' : 'invoice number'),
      amount: amountText(amount),
    }
  })
  const total = sum(allocations.map((a) => new D(a.amount)))
  const ref = first.optional(supplier ? 'cheque #' : 'id #') ?? first.optional('memo')
  const currency = first.optional('currency code')?.toUpperCase() ?? MYOB_HOME_CURRENCY
  const exchangeRate = ctx.exchangeRate(first, currency, date)
  const id = `${date}|${cardId(name)}|${ref ?? ''}|${allocations.map((a) => a.documentId).join('+')}`
  const record = parseCanonical(supplier ? 'billPayment' : 'payment', {
    id,
    date,
    contactId: cardId(name),
    bankAccountId: bank,
    amount: amountText(total),
    currency,
    ...(exchangeRate ? {exchangeRate} : {}),
    ...(ref ? {reference: ref} : {}),
    ...(first.optional('payment method') ? {method: first.text('payment method')} : {}),
    allocations,
  })
  ctx.sawCard(name, !supplier)
  return {kind: supplier ? 'billPayment' : 'payment', id, record}
}
