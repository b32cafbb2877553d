// The fake's company data: create, sparse/full update with SyncToken checks, query with paging, batch.
import {type ParsedQuery, matches, parseQuery} from './fake-query.js'
import {type Row, entityName, fault} from './fake-shapes.js'

export interface Books {
  write(entity: string, body: Record<string, unknown>, operation: string): {status: number; body: unknown}
  runQuery(q: string): {status: number; body: unknown}
  batch(body: {BatchItemRequest?: Record<string, unknown>[]}): {status: number; body: unknown}
  table(entity: string): Map<string, Row>
}

export function createBooks(stats: {entities: Record<string, number>}): Books {
  const data = new Map<string, Map<string, Row>>()
  let nextId = 1
  function table(entity: string): Map<string, Row> {
    let t = data.get(entity)
    if (!t) data.set(entity, (t = new Map()))
    return t
  }

  function write(
    entity: string,
    body: Record<string, unknown>,
    operation: string,
  ): {status: number; body: unknown} {
    const t = table(entity)
    if (operation === 'update') {
      const existing = t.get(String(body.Id))
      if (!existing)
        return {
          status: 400,
          body: fault(
            '610',
            'Object Not Found',
            'Object Not Found : Another user has deleted this transaction.',
          ),
        }
      if (String(body.SyncToken) !== existing.SyncToken) {
        return {
          status: 400,
          body: fault(
            '5010',
            'Stale Object Error',
            'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
          ),
        }
      }
      const {sparse, ...fields} = body
      const base = sparse ? existing : {Id: existing.Id}
      const row = {
        ...base,
        ...fields,
        Id: existing.Id,
        SyncToken: String(Number(existing.SyncToken) + 1),
      } as Row
      t.set(row.Id, row)
      return {status: 200, body: {[entity]: row, time: new Date().toISOString()}}
    }
    const name = body.DisplayName ?? body.Name
    if (typeof name === 'string' && [...t.values()].some((r) => (r.DisplayName ?? r.Name) === name)) {
      return {
        status: 400,
        body: fault(
          '6240',
          'Duplicate Name Exists Error',
          'The name supplied already exists. : Another customer, vendor or employee is already using this name.',
        ),
      }
    }
    const row: Row = {
      ...body,
      Id: String(nextId++),
      SyncToken: '0',
      MetaData: {CreateTime: new Date().toISOString(), LastUpdatedTime: new Date().toISOString()},
    }
    t.set(row.Id, row)
    stats.entities[entity] = (stats.entities[entity] ?? 0) + 1
    return {status: 200, body: {[entity]: row, time: new Date().toISOString()}}
  }

  function runQuery(q: string): {status: number; body: unknown} {
    let pq: ParsedQuery
    try {
      pq = parseQuery(q)
    } catch (e) {
      return {
        status: 400,
        body: fault('4000', 'Error parsing query', `QueryParserError: ${(e as Error).message}`),
      }
    }
    if (pq.where.some((c) => c.field === 'PrivateNote'))
      return {
        status: 400,
        body: fault('4001', 'QueryValidationError', 'Property: PrivateNote is not queryable.'),
      }
    const entity = entityName(pq.entity)
    let rows = [...table(entity).values()].filter((r) => pq.where.every((c) => matches(r, c)))
    rows.sort((a, b) => Number(a.Id) - Number(b.Id))
    const max = Math.min(pq.max, 1000)
    rows = rows.slice(pq.start - 1, pq.start - 1 + max)
    const qr = rows.length ? {[entity]: rows, startPosition: pq.start, maxResults: rows.length} : {}
    return {status: 200, body: {QueryResponse: qr, time: new Date().toISOString()}}
  }

  function batch(body: {BatchItemRequest?: Record<string, unknown>[]}): {status: number; body: unknown} {
    const items = body.BatchItemRequest ?? []
    if (items.length > 30) return {status: 400, body: fault('1040', 'Batch size exceeds allowed limit')}
    const out = items.map((item) => {
      const bId = item.bId
      if (typeof item.Query === 'string') return {bId, ...(runQuery(item.Query).body as object)}
      const key = Object.keys(item).find((k) => k !== 'bId' && k !== 'operation' && k !== 'optionsData') ?? ''
      const r = write(key, item[key] as Record<string, unknown>, String(item.operation))
      const b = r.body as Record<string, unknown>
      return r.status === 200 ? {bId, [key]: b[key]} : {bId, Fault: (b.Fault as object) ?? {}}
    })
    return {status: 200, body: {BatchItemResponse: out, time: new Date().toISOString()}}
  }

  return {write, runQuery, batch, table}
}
