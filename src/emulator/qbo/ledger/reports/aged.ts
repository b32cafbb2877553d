import {type CivilDate, daysBetween} from '../../../../domain/civil-date.js'
import {D, type Dec, roundAmount} from '../../../../domain/money.js'
import {buildContext, type LedgerContext, rateOf} from '../context.js'
import {txnDateOf} from '../draft.js'
import {type Json, amount, list, refId, str} from '../read.js'
import type {Book} from '../types.js'
import {cell, type ColData, column, dataRow, money, type Report, type Row} from './shape.js'

export type AgedSide = 'Receivable' | 'Payable'

/** One open item on a customer's or vendor's account as of the report date, in home currency. */
export interface OpenItem {
  partyId: string
  txnType: string
  txnId: string
  docNumber: string
  date: string
  dueDate: string
  amount: Dec
  open: Dec
}

interface SideSpec {
  party: 'Customer' | 'Vendor'
  partyRef: string
  charges: string[]
  credits: string[]
  payment: string
  controlType: string
}

const SIDES: Record<AgedSide, SideSpec> = {
  Receivable: {
    party: 'Customer',
    partyRef: 'CustomerRef',
    charges: ['Invoice'],
    credits: ['CreditMemo'],
    payment: 'Payment',
    controlType: 'Accounts Receivable',
  },
  Payable: {
    party: 'Vendor',
    partyRef: 'VendorRef',
    charges: ['Bill'],
    credits: ['VendorCredit'],
    payment: 'BillPayment',
    controlType: 'Accounts Payable',
  },
}

/** Transaction-currency amounts applied to each document by payments dated on or before `asOf`. */
function appliedAsOf(book: Book, spec: SideSpec, asOf: CivilDate): Map<string, Dec> {
  const applied = new Map<string, Dec>()
  for (const payment of book.list(spec.payment)) {
    if (txnDateOf(payment) > asOf) continue
    for (const line of list(payment, 'Line')) {
      const link = list(line, 'LinkedTxn')[0]
      if (!link) continue
      const key = `${str(link, 'TxnType')}:${str(link, 'TxnId')}`
      applied.set(key, (applied.get(key) ?? new D(0)).plus(amount(line, 'Amount')))
    }
  }
  return applied
}

function home(ctx: LedgerContext, txn: Json, value: Dec): Dec {
  return roundAmount(value.times(rateOf(ctx, txn)))
}

/**
 * Open items as of `asOf`: charges (+) and credits (−) less what payments dated by then applied to them,
 * unapplied payment amounts (−), and journal lines on the AR/AP account that name the party. Open balances
 * are recomputed from the payments' links rather than read from Balance, so a past report date ages what
 * was open then.
 */
export function openItems(book: Book, side: AgedSide, asOf: CivilDate): OpenItem[] {
  const spec = SIDES[side]
  const ctx = buildContext(book)
  const applied = appliedAsOf(book, spec, asOf)
  const items: OpenItem[] = []
  const push = (
    txn: Json,
    type: string,
    sign: 1 | -1,
    total: Dec,
    open: Dec,
    partyId: string | undefined,
  ) => {
    if (partyId === undefined || open.isZero()) return
    const date = txnDateOf(txn)
    items.push({
      partyId,
      txnType: type,
      txnId: str(txn, 'Id') ?? '',
      docNumber: str(txn, 'DocNumber') ?? '',
      date,
      dueDate: str(txn, 'DueDate') ?? date,
      amount: home(ctx, txn, total).times(sign),
      open: home(ctx, txn, open).times(sign),
    })
  }
  for (const [types, sign] of [
    [spec.charges, 1],
    [spec.credits, -1],
  ] as const) {
    for (const type of types) {
      for (const txn of book.list(type)) {
        if (txnDateOf(txn) > asOf) continue
        const total = amount(txn, 'TotalAmt')
        const open = total.minus(applied.get(`${type}:${str(txn, 'Id')}`) ?? new D(0))
        push(txn, type, sign, total, open, refId(txn, spec.partyRef))
      }
    }
  }
  for (const payment of book.list(spec.payment)) {
    if (txnDateOf(payment) > asOf) continue
    let used = new D(0)
    for (const line of list(payment, 'Line')) {
      const type = str(list(line, 'LinkedTxn')[0], 'TxnType')
      const lineAmount = amount(line, 'Amount')
      if (type !== undefined && spec.credits.includes(type)) used = used.minus(lineAmount)
      else if (type !== undefined) used = used.plus(lineAmount)
    }
    const total = amount(payment, 'TotalAmt')
    push(payment, spec.payment, -1, total, total.minus(used), refId(payment, spec.partyRef))
  }
  for (const journal of book.list('JournalEntry')) {
    if (txnDateOf(journal) > asOf) continue
    for (const line of list(journal, 'Line')) {
      const detail = line.JournalEntryLineDetail
      const accountId = refId(detail, 'AccountRef')
      if (accountId === undefined || ctx.chart.get(accountId).type !== spec.controlType) continue
      if (str(detail, 'Entity', 'Type') !== spec.party) continue
      // A debit raises a receivable; on the payable side a credit raises what is owed.
      const debit = str(detail, 'PostingType') !== 'Credit'
      const sign = (side === 'Receivable') === debit ? 1 : -1
      const total = amount(line, 'Amount')
      const open = total.minus(applied.get(`JournalEntry:${str(journal, 'Id')}`) ?? new D(0))
      push(journal, 'JournalEntry', sign, total, open, refId(detail, 'Entity', 'EntityRef'))
    }
  }
  return items
}

export const BUCKETS = ['Current', '1 - 30', '31 - 60', '61 - 90', '91 and over'] as const

export function bucketOf(dueDate: string, asOf: CivilDate): number {
  const late = daysBetween(dueDate as CivilDate, asOf)
  if (late <= 0) return 0
  if (late <= 30) return 1
  if (late <= 60) return 2
  if (late <= 90) return 3
  return 4
}

function partyNames(book: Book, party: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const row of book.list(party)) {
    const id = str(row, 'Id')
    if (id !== undefined) names.set(id, str(row, 'DisplayName') ?? str(row, 'FullyQualifiedName') ?? id)
  }
  return names
}

function filterParties(items: OpenItem[], params: URLSearchParams, name: string): OpenItem[] {
  const wanted = params.get(name)
  if (!wanted) return items
  const ids = new Set(wanted.split(',').map((s) => s.trim()))
  return items.filter((item) => ids.has(item.partyId))
}

export interface AgedInput {
  book: Book
  side: AgedSide
  asOf: CivilDate
  params: URLSearchParams
  header: (hasData: boolean) => Record<string, unknown>
}

/** AgedReceivables / AgedPayables: one row per customer (vendor), open amounts by days past due. */
export function agedSummary(input: AgedInput): Report {
  const spec = SIDES[input.side]
  const names = partyNames(input.book, spec.party)
  const items = filterParties(
    openItems(input.book, input.side, input.asOf),
    input.params,
    spec.party.toLowerCase(),
  )
  const perParty = new Map<string, Dec[]>()
  const totals = BUCKETS.map(() => new D(0))
  for (const item of items) {
    const row = perParty.get(item.partyId) ?? BUCKETS.map(() => new D(0))
    const bucket = bucketOf(item.dueDate, input.asOf)
    row[bucket] = (row[bucket] ?? new D(0)).plus(item.open)
    totals[bucket] = (totals[bucket] ?? new D(0)).plus(item.open)
    perParty.set(item.partyId, row)
  }
  const sum = (values: Dec[]) => values.reduce((a, b) => a.plus(b), new D(0))
  const parties = [...perParty.keys()].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b))
  const rows: Row[] = parties.map((id) => {
    const values = perParty.get(id) ?? []
    return dataRow([
      cell(names.get(id) ?? id, id),
      ...values.map((v) => cell(v.isZero() ? '' : money(v))),
      cell(money(sum(values))),
    ])
  })
  rows.push({
    type: 'Section',
    group: 'GrandTotal',
    Summary: {ColData: [cell('TOTAL'), ...totals.map((v) => cell(money(v))), cell(money(sum(totals)))]},
  })
  return {
    Header: input.header(parties.length > 0),
    Columns: {
      Column: [
        column('', spec.party, input.side === 'Receivable' ? 'customer' : 'vendor'),
        ...BUCKETS.map((b, i) => column(b, 'Money', `bucket_${i}`)),
        column('Total', 'Money', 'total'),
      ],
    },
    Rows: {Row: rows},
  }
}

const DETAIL_SECTIONS = [
  '91 or more days past due',
  '61 - 90 days past due',
  '31 - 60 days past due',
  '1 - 30 days past due',
  'Current',
]

/** AgedReceivableDetail / AgedPayableDetail: one row per open item, grouped by how late it is. */
export function agedDetail(input: AgedInput): Report {
  const spec = SIDES[input.side]
  const names = partyNames(input.book, spec.party)
  const items = filterParties(
    openItems(input.book, input.side, input.asOf),
    input.params,
    spec.party.toLowerCase(),
  )
  const rows: Row[] = []
  let grandAmount = new D(0)
  let grandOpen = new D(0)
  const blank = (n: number): ColData[] => Array.from({length: n}, () => cell(''))
  DETAIL_SECTIONS.forEach((title, index) => {
    const bucket = BUCKETS.length - 1 - index
    const inBucket = items
      .filter((item) => bucketOf(item.dueDate, input.asOf) === bucket)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.txnId.localeCompare(b.txnId))
    if (inBucket.length === 0) return
    let sectionAmount = new D(0)
    let sectionOpen = new D(0)
    const dataRows = inBucket.map((item) => {
      sectionAmount = sectionAmount.plus(item.amount)
      sectionOpen = sectionOpen.plus(item.open)
      const late = Math.max(0, daysBetween(item.dueDate as CivilDate, input.asOf))
      return dataRow([
        cell(item.date),
        cell(txnTypeTitle(item.txnType), item.txnId),
        cell(item.docNumber),
        cell(names.get(item.partyId) ?? item.partyId, item.partyId),
        cell(item.dueDate),
        cell(String(late)),
        cell(money(item.amount)),
        cell(money(item.open)),
      ])
    })
    grandAmount = grandAmount.plus(sectionAmount)
    grandOpen = grandOpen.plus(sectionOpen)
    rows.push({
      type: 'Section',
      Header: {ColData: [cell(title), ...blank(7)]},
      Rows: {Row: dataRows},
      Summary: {
        ColData: [
          cell(`Total for ${title}`),
          ...blank(5),
          cell(money(sectionAmount)),
          cell(money(sectionOpen)),
        ],
      },
    })
  })
  rows.push({
    type: 'Section',
    group: 'GrandTotal',
    Summary: {ColData: [cell('TOTAL'), ...blank(5), cell(money(grandAmount)), cell(money(grandOpen))]},
  })
  const partyKey = input.side === 'Receivable' ? 'cust_name' : 'vend_name'
  return {
    Header: input.header(items.length > 0),
    Columns: {
      Column: [
        column('Date', 'Date', 'tx_date'),
        column('Transaction Type', 'String', 'txn_type'),
        column('Num', 'String', 'doc_num'),
        column(spec.party, 'String', partyKey),
        column('Due Date', 'Date', 'due_date'),
        column('Past Due', 'String', 'past_due'),
        column('Amount', 'Money', 'subt_neg_amount'),
        column('Open Balance', 'Money', 'subt_neg_open_bal'),
      ],
    },
    Rows: {Row: rows},
  }
}

function txnTypeTitle(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2')
}
