import type {QboEntity} from '../../src/domain/entities.js'
import type {QboReadPort, ReadFilter} from '../../src/reconcile/port.js'

export type QboRecord = Record<string, unknown> & {Id: string}

/** An in-memory QBO for reads: records per entity, paged like QBO, and reports supplied by the test. */
export class FakeQboRead implements QboReadPort {
  readonly realmId = 'R1'
  readonly records = new Map<QboEntity, QboRecord[]>()
  readonly reports = new Map<string, unknown>()
  readonly reads: {entity: QboEntity; filter?: ReadFilter}[] = []
  pageSize = 2
  private nextId = 1000

  add(entity: QboEntity, record: Omit<QboRecord, 'Id'> & {Id?: string}): QboRecord {
    const full = {...record, Id: record.Id ?? String(this.nextId++)} as QboRecord
    const list = this.records.get(entity) ?? []
    list.push(full)
    this.records.set(entity, list)
    return full
  }

  find(entity: QboEntity, test: (r: QboRecord) => boolean): QboRecord {
    const hit = (this.records.get(entity) ?? []).find(test)
    if (!hit) throw new Error(`no ${entity} matches`)
    return hit
  }

  remove(entity: QboEntity, id: string): void {
    this.records.set(
      entity,
      (this.records.get(entity) ?? []).filter((r) => r.Id !== id),
    )
  }

  async *pages(entity: QboEntity, filter?: ReadFilter): AsyncIterable<readonly Record<string, unknown>[]> {
    this.reads.push({entity, ...(filter ? {filter} : {})})
    const all = (this.records.get(entity) ?? []).filter((r) => {
      if (!filter) return true
      if ('ids' in filter) return filter.ids.includes(r.Id)
      const date = String(r.TxnDate ?? '')
      return (
        (!filter.txnDateFrom || date >= filter.txnDateFrom) && (!filter.txnDateTo || date <= filter.txnDateTo)
      )
    })
    for (let i = 0; i < all.length; i += this.pageSize) yield all.slice(i, i + this.pageSize)
  }

  async report(name: string): Promise<unknown> {
    const r = this.reports.get(name)
    if (r === undefined) throw new Error(`no ${name} report in the fake`)
    return r
  }
}

type Cell = {value: string; id?: string}

/** A TrialBalance report in QBO's JSON shape, with a Section around the rows as QBO sends it. */
export function trialBalanceReport(rows: [id: string, name: string, debit: string, credit: string][]) {
  const data = rows.map(([id, name, debit, credit]) => ({
    type: 'Data',
    ColData: [{value: name, id}, {value: debit}, {value: credit}] as Cell[],
  }))
  return {
    Header: {ReportName: 'TrialBalance', ReportBasis: 'Accrual', Currency: 'AUD'},
    Columns: {
      Column: [
        {ColTitle: '', ColType: 'Account'},
        {ColTitle: 'Debit', ColType: 'Money'},
        {ColTitle: 'Credit', ColType: 'Money'},
      ],
    },
    Rows: {
      Row: [
        {
          type: 'Section',
          Header: {ColData: [{value: 'Accounts'}]},
          Rows: {Row: data},
          Summary: {ColData: [{value: 'TOTAL'}, {value: '999.00'}, {value: '999.00'}]},
        },
      ],
    },
  }
}

/** AgedReceivables / AgedPayables summary: per contact the five buckets and the total. */
export function agingReport(
  name: string,
  rows: [id: string, contact: string, buckets: string[], total: string][],
) {
  const titles = ['Current', '1 - 30', '31 - 60', '61 - 90', '91 and over', 'Total']
  return {
    Header: {ReportName: name},
    Columns: {
      Column: [{ColTitle: '', ColType: 'Customer'}, ...titles.map((t) => ({ColTitle: t, ColType: 'Money'}))],
    },
    Rows: {
      Row: [
        ...rows.map(([id, contact, buckets, total]) => ({
          type: 'Data',
          ColData: [{value: contact, id}, ...buckets.map((b) => ({value: b})), {value: total}],
        })),
        {
          type: 'Section',
          Summary: {
            ColData: [
              {value: 'TOTAL'},
              {value: ''},
              {value: ''},
              {value: ''},
              {value: ''},
              {value: ''},
              {value: '0.00'},
            ],
          },
        },
      ],
    },
  }
}
