import {D, type Dec} from '../../../../domain/money.js'
import {str} from '../read.js'
import {isDebitNormal, PROFIT_AND_LOSS_TYPES} from './account-rows.js'
import {fiscalYearStart} from './dates.js'
import {byTransaction, type DetailInput, names, splitAccount, txnTypeTitle} from './detail-context.js'
import {cell, type ColData, column, dataRow, money, type Report, type Row} from './shape.js'

/**
 * GeneralLedger (General Ledger Detail): one section per account with activity or a balance, a "Beginning
 * Balance" row, a row per posting in the period with a running balance, and "Total for <account>". Amounts
 * are on the account's normal side (a sale is positive on an income account). Profit and loss accounts start
 * each fiscal year at zero, as QBO's do.
 */
export function generalLedger(input: DetailInput): Report {
  const {ledger, period} = input
  const {chart} = ledger
  const n = names(input.book)
  const txns = byTransaction(ledger.postings)
  const yearStart = fiscalYearStart(period.start, input.fiscalStartMonth)
  const sign = (accountId: string, p: {debit: Dec; credit: Dec}) => {
    const net = p.debit.minus(p.credit)
    return isDebitNormal(chart.get(accountId).type) ? net : net.negated()
  }
  const opening = new Map<string, Dec>()
  const inPeriod = new Map<string, typeof ledger.postings>()
  for (const p of ledger.postings) {
    const pl = PROFIT_AND_LOSS_TYPES.has(chart.get(p.accountId).type)
    if (p.date < period.start && (!pl || p.date >= yearStart))
      opening.set(p.accountId, (opening.get(p.accountId) ?? new D(0)).plus(sign(p.accountId, p)))
    else if (p.date >= period.start && p.date <= period.end)
      inPeriod.set(p.accountId, [...(inPeriod.get(p.accountId) ?? []), p])
  }
  const accounts = chart
    .all()
    .filter((a) => inPeriod.has(a.id) || !(opening.get(a.id) ?? new D(0)).isZero())
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  const blank = (k: number): ColData[] => Array.from({length: k}, () => cell(''))
  const rows: Row[] = accounts.map((account) => {
    let balance = opening.get(account.id) ?? new D(0)
    let total = new D(0)
    const lines: Row[] = [dataRow([cell('Beginning Balance'), ...blank(6), cell(money(balance))])]
    const postings = [...(inPeriod.get(account.id) ?? [])].sort((a, b) => a.date.localeCompare(b.date))
    for (const p of postings) {
      const amount = sign(account.id, p)
      balance = balance.plus(amount)
      total = total.plus(amount)
      const txn = n.txn(p.txn.type, p.txn.id)
      lines.push(
        dataRow([
          cell(p.date),
          cell(txnTypeTitle(p.txn.type), p.txn.id),
          cell(p.txn.docNumber ?? ''),
          cell(n.party(p.entity?.type, p.entity?.id), p.entity?.id),
          cell(str(txn, 'PrivateNote') ?? ''),
          cell(splitAccount(txns.get(`${p.txn.type}:${p.txn.id}`) ?? [], p, (id) => chart.get(id).name)),
          cell(money(amount)),
          cell(money(balance)),
        ]),
      )
    }
    return {
      type: 'Section',
      Header: {ColData: [cell(account.name, account.id), ...blank(7)]},
      Rows: {Row: lines},
      Summary: {
        ColData: [cell(`Total for ${account.name}`), ...blank(5), cell(money(total)), cell(money(balance))],
      },
    }
  })
  return {
    Header: input.header(accounts.length > 0),
    Columns: {
      Column: [
        column('Date', 'Date', 'tx_date'),
        column('Transaction Type', 'String', 'txn_type'),
        column('Num', 'String', 'doc_num'),
        column('Name', 'String', 'name'),
        column('Memo/Description', 'String', 'memo'),
        column('Split', 'String', 'split_acc'),
        column('Amount', 'Money', 'subt_nat_amount'),
        column('Balance', 'Money', 'rbal_nat_amount'),
      ],
    },
    Rows: {Row: rows},
  }
}
