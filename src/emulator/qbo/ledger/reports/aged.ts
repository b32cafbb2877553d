import {type CivilDate, daysBetween} from '../../../../domain/civil-date.js'
import {D, type Dec} from '../../../../domain/money.js'
import {str} from '../read.js'
import type {Book} from '../types.js'
import {type AgedSide, type OpenItem, openItems, SIDES} from './open-items.js'
import {cell, type ColData, column, dataRow, money, type Report, type Row} from './shape.js'

export type {AgedSide} from './open-items.js'

export const BUCKETS = ['Current', '1 - 30', '31 - 60', '61 - 90', '91 and over'] as const
/** ColKeys of the bucket columns as third-party reproductions of QBO's aging JSON show them (unconfirmed). */
const BUCKET_KEYS = ['current', '0', '1', '2', '3']

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
        column('', spec.party),
        ...BUCKETS.map((b, i) => column(b, 'Money', BUCKET_KEYS[i] ?? b)),
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
