import {D, type Dec, roundAmount} from '../../../../domain/money.js'
import {buildContext, rateOf} from '../context.js'
import {txnDateOf} from '../draft.js'
import {amount, has, list, refId, str} from '../read.js'
import {taxPercent} from '../tax.js'
import {type DetailInput, names} from './detail-context.js'
import {cell, column, dataRow, money, type Report, type Row} from './shape.js'

/** Sales documents and the sign their lines carry in the sales reports. */
const SALES_DOCS: [string, 1 | -1][] = [
  ['Invoice', 1],
  ['SalesReceipt', 1],
  ['CreditMemo', -1],
  ['RefundReceipt', -1],
]

/**
 * CustomerSales (Sales by Customer Summary): income on sales documents dated in the period, per customer,
 * in home currency and net of tax: the credits to Income accounts those documents posted (discounts
 * included), so the column adds up to the sales part of the profit and loss.
 */
export function customerSales(input: DetailInput): Report {
  const {ledger, period} = input
  const n = names(input.book)
  const perCustomer = new Map<string, Dec>()
  for (const p of ledger.postings) {
    if (p.date < period.start || p.date > period.end) continue
    if (!SALES_DOCS.some(([t]) => t === p.txn.type)) continue
    const type = ledger.chart.get(p.accountId).type
    if (type !== 'Income') continue
    const customer = refId(n.txn(p.txn.type, p.txn.id), 'CustomerRef') ?? ''
    perCustomer.set(customer, (perCustomer.get(customer) ?? new D(0)).plus(p.credit).minus(p.debit))
  }
  const ids = [...perCustomer.keys()].sort((a, b) =>
    (n.party('Customer', a) || '~').localeCompare(n.party('Customer', b) || '~'),
  )
  let total = new D(0)
  const rows: Row[] = ids.map((id) => {
    const value = perCustomer.get(id) ?? new D(0)
    total = total.plus(value)
    return id === ''
      ? dataRow([cell('Not Specified'), cell(money(value))], '**')
      : dataRow([cell(n.party('Customer', id), id), cell(money(value))])
  })
  rows.push({type: 'Section', group: 'GrandTotal', Summary: {ColData: [cell('TOTAL'), cell(money(total))]}})
  return {
    Header: input.header(ids.length > 0),
    Columns: {Column: [column('', 'Customer'), column('Total', 'Money', 'total')]},
    Rows: {Row: rows},
  }
}

/**
 * ItemSales (Sales by Product/Service Summary): per item, quantity and net amount sold in the period (credit
 * memos and refunds subtract), its share of the total and its average price, under one "Total" column group
 * as QBO nests them. A tax-inclusive line's net is Amount / (1 + rate), unless QBO stored the net already.
 */
export function itemSales(input: DetailInput): Report {
  const {book, period} = input
  const ctx = buildContext(book)
  const per = new Map<string, {qty: Dec; amount: Dec}>()
  for (const [type, sign] of SALES_DOCS) {
    for (const txn of book.list(type)) {
      const date = txnDateOf(txn)
      if (date < period.start || date > period.end) continue
      const inclusive = str(txn, 'GlobalTaxCalculation') === 'TaxInclusive'
      const rate = rateOf(ctx, txn)
      for (const line of list(txn, 'Line')) {
        if (str(line, 'DetailType') !== 'SalesItemLineDetail') continue
        const itemId = refId(line, 'SalesItemLineDetail', 'ItemRef')
        if (itemId === undefined) continue
        let net = amount(line, 'Amount')
        if (inclusive && !has(line, 'TaxInclusiveAmt')) {
          const pct = taxPercent(ctx, refId(line, 'SalesItemLineDetail', 'TaxCodeRef'), 'Sales')
          net = net.div(pct.div(100).plus(1))
        }
        const row = per.get(itemId) ?? {qty: new D(0), amount: new D(0)}
        const qty = has(line, 'SalesItemLineDetail', 'Qty')
          ? amount(line, 'SalesItemLineDetail', 'Qty')
          : new D(1)
        row.qty = row.qty.plus(qty.times(sign))
        row.amount = row.amount.plus(roundAmount(net.times(rate)).times(sign))
        per.set(itemId, row)
      }
    }
  }
  const itemName = (id: string) =>
    str(ctx.items.get(id), 'FullyQualifiedName') ?? str(ctx.items.get(id), 'Name') ?? id
  const ids = [...per.keys()].sort((a, b) => itemName(a).localeCompare(itemName(b)))
  const totalQty = ids.reduce((s, id) => s.plus(per.get(id)!.qty), new D(0))
  const total = ids.reduce((s, id) => s.plus(per.get(id)!.amount), new D(0))
  const pct = (v: Dec) => (total.isZero() ? '' : `${v.div(total).times(100).toFixed(2)} %`)
  const avg = (v: Dec, q: Dec) => (q.isZero() ? '' : money(v.div(q)))
  const rows: Row[] = ids.map((id) => {
    const r = per.get(id)!
    return dataRow([
      cell(itemName(id), id),
      cell(r.qty.toString()),
      cell(money(r.amount)),
      cell(pct(r.amount)),
      cell(avg(r.amount, r.qty)),
    ])
  })
  rows.push({
    type: 'Section',
    group: 'GrandTotal',
    Summary: {
      ColData: [
        cell('TOTAL'),
        cell(totalQty.toString()),
        cell(money(total)),
        cell(pct(total)),
        cell(avg(total, totalQty)),
      ],
    },
  })
  const sub = (title: string) => ({
    ColType: 'Money',
    ColTitle: title,
    MetaData: [
      {Name: 'StartDate', Value: period.start},
      {Name: 'EndDate', Value: period.end},
    ],
  })
  return {
    Header: input.header(ids.length > 0),
    Columns: {
      Column: [
        column('', 'ProductsAndService'),
        // QBO nests the measures under one "Total" column (the SalesByProduct reference sample).
        {
          ...column('Total', 'Money'),
          Columns: {Column: [sub('Quantity'), sub('Amount'), sub('% of Sales'), sub('Avg Price')]},
        } as ReturnType<typeof column>,
      ],
    },
    Rows: {Row: rows},
  }
}
