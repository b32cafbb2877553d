import {D} from '../../../../domain/money.js'
import {str} from '../read.js'
import type {Posting} from '../types.js'
import {byTransaction, type DetailInput, names, splitAccount, txnTypeTitle} from './detail-context.js'
import {cell, column, dataRow, money, type Report} from './shape.js'

const CONTROL_TYPES = ['Accounts Receivable', 'Accounts Payable', 'Bank', 'Credit Card']

/**
 * TransactionList: a row per transaction dated in the period, in date order, with QBO's default columns
 * (tx_date, txn_type, doc_num, is_no_post, name, memo, account_name, other_account, subt_nat_home_amount).
 * The Account is the transaction's AR, AP, bank or card line (else the first line) and the Amount that
 * line's debit-positive home amount; Split names the other account, or "-Split-".
 */
export function transactionList(input: DetailInput): Report {
  const {ledger, period} = input
  const n = names(input.book)
  const groups = [...byTransaction(ledger.postings).values()]
    .filter((ps) => ps[0] && ps[0].date >= period.start && ps[0].date <= period.end)
    .sort((a, b) => a[0]!.date.localeCompare(b[0]!.date) || Number(a[0]!.txn.id) - Number(b[0]!.txn.id))
  const rows = groups.map((ps) => {
    const first = ps[0]!
    const main: Posting = ps.find((p) => CONTROL_TYPES.includes(ledger.chart.get(p.accountId).type)) ?? first
    const amount = ps
      .filter((p) => p.accountId === main.accountId)
      .reduce((sum, p) => sum.plus(p.debit).minus(p.credit), new D(0))
    const party = ps.find((p) => p.entity)?.entity
    const txn = n.txn(first.txn.type, first.txn.id)
    return dataRow([
      cell(first.date),
      cell(txnTypeTitle(first.txn.type), first.txn.id),
      cell(first.txn.docNumber ?? ''),
      cell('Yes'),
      cell(n.party(party?.type, party?.id), party?.id),
      cell(str(txn, 'PrivateNote') ?? ''),
      cell(ledger.chart.get(main.accountId).name, main.accountId),
      cell(splitAccount(ps, main, (id) => ledger.chart.get(id).name)),
      cell(money(amount)),
    ])
  })
  return {
    Header: input.header(rows.length > 0),
    Columns: {
      Column: [
        column('Date', 'Date', 'tx_date'),
        column('Transaction Type', 'String', 'txn_type'),
        column('Num', 'String', 'doc_num'),
        column('Posting', 'Boolean', 'is_no_post'),
        column('Name', 'String', 'name'),
        column('Memo/Description', 'String', 'memo'),
        column('Account', 'String', 'account_name'),
        column('Split', 'String', 'other_account'),
        column('Amount', 'Money', 'subt_nat_home_amount'),
      ],
    },
    Rows: {Row: rows},
  }
}
