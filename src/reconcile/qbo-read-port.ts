import {type QboClient, select} from '../qbo/index.js'
import {paged} from '../qbo/query.js'
import type {QboReadPort} from './port.js'

const PAGE = 1000
const IDS_PER_QUERY = 100

/** The reconciler's port implemented by the QBO client: queries page by page (a failed page throws), reports as is. */
export function clientReadPort(client: QboClient): QboReadPort {
  return {
    realmId: client.realmId,
    async *pages(entity, filter) {
      if (filter && 'ids' in filter) {
        for (let i = 0; i < filter.ids.length; i += IDS_PER_QUERY) {
          const q = select(entity).where('Id', 'IN', filter.ids.slice(i, i + IDS_PER_QUERY))
          yield await client.queryAll(q)
        }
        return
      }
      const q = select(entity)
      if (filter?.txnDateFrom) q.where('TxnDate', '>=', filter.txnDateFrom)
      if (filter?.txnDateTo) q.where('TxnDate', '<=', filter.txnDateTo)
      const statement = String(q.orderBy('Id'))
      for (let start = 1; ; start += PAGE) {
        const {rows} = await client.queryPage(paged(statement, start, PAGE))
        if (rows.length > 0) yield rows
        if (rows.length < PAGE) return
      }
    },
    report: (name, params) => client.report(name, params),
  }
}
