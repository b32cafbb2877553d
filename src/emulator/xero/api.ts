import {randomUUID} from 'node:crypto'

import {COLLECTIONS, type CollectionSpec, type XeroCompany, type XeroRecord} from './company.js'
import type {Derivations} from './derive.js'
import {XERO_TYPES} from './fields.js'
import {msDate} from './ms-date.js'
import {applyCollectionParams, boolParam, intParam, summaryOnly} from './params.js'
import {applyModifiedSince, applyOrder, applyUnitDp, applyWhere} from './query.js'
import {fieldValue, type WhereScope} from './where.js'

/** What an accounting API request resolves to: a status and a JSON body (Xero's envelope). */
export interface ApiAnswer {
  status: number
  body: unknown
}

const MAX_PAGE_SIZE = 1000
const DEFAULT_PAGE_SIZE = 100

function envelope(now: number, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    Id: randomUUID(),
    Status: 'OK',
    ProviderName: 'qbo-toolkit Xero emulator',
    DateTimeUTC: msDate(now),
    ...extra,
  }
}

function notFound(message: string): ApiAnswer {
  return {status: 404, body: {Title: 'Not Found', Status: 404, Detail: message}}
}

function specFor(segment: string): CollectionSpec | undefined {
  const lower = segment.toLowerCase()
  return COLLECTIONS.find(
    (c) => c.name.toLowerCase() === lower || (c.name === 'Organisations' && lower === 'organisation'),
  )
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n >= 1 ? n : undefined
}

/** What a where or order may name: the type's properties in Xero's spec, or any field the records carry. */
function scopeOf(spec: CollectionSpec, records: XeroRecord[]): WhereScope {
  const known = XERO_TYPES[spec.name]
  const names = new Set((known?.properties ?? []).map((p) => p.toLowerCase()))
  // The records are scanned only for a name the spec lacks: a page of a big company is not slowed.
  let carried: Set<string> | undefined
  const carries = (name: string) => {
    carried ??= new Set(records.flatMap((r) => Object.keys(r).map((k) => k.toLowerCase())))
    return carried.has(name)
  }
  return {
    typeName: known?.type ?? spec.name.replace(/s$/, ''),
    isProperty: (n) => names.has(n.toLowerCase()) || carries(n.toLowerCase()),
    isBoolean: (path) =>
      records.some((r) => typeof fieldValue(r, path) === 'boolean') &&
      records.every((r) => {
        const v = fieldValue(r, path)
        return v === undefined || v === null || typeof v === 'boolean'
      }),
  }
}

/**
 * GET /api.xro/2.0/<Collection>[/<id>] and Reports/TrialBalance. Paging follows Xero: without `page`
 * every record comes back (invoices and manual journals with empty line lists); with it, `pageSize`
 * records (100 unless asked, at most 1000) and a `pagination` block. The collection's own filters
 * (params.ts), If-Modified-Since, `where` and `order` apply before paging; each record is answered with
 * what Xero adds to it (derive.ts).
 */
export function answerApi(
  company: XeroCompany,
  derived: Derivations,
  segments: string[],
  query: URLSearchParams,
  ifModifiedSince: string | undefined,
  now: number,
): ApiAnswer {
  if (segments[0]?.toLowerCase() === 'reports') {
    if (segments[1]?.toLowerCase() !== 'trialbalance') return notFound(`no report ${segments[1] ?? ''}`)
    // date and paymentsOnly are accepted; the report is served as the company's file holds it.
    boolParam(query, 'paymentsOnly')
    return {status: 200, body: envelope(now, {Reports: company.TrialBalance ?? []})}
  }
  const spec = specFor(segments[0] ?? '')
  if (!spec) return notFound(`no endpoint /${segments.join('/')}`)
  const all = company[spec.name as keyof XeroCompany] ?? []
  const unitdp = intParam(query, 'unitdp') ?? 2
  const shape = (r: XeroRecord, single: boolean) =>
    applyUnitDp(derived.enrich(spec.name, r, single, now), spec.unitAmountLines, unitdp)

  if (segments[1]) {
    const id = segments[1].toLowerCase()
    const found = all.find((r) => String(r[spec.idField] ?? '').toLowerCase() === id)
    if (!found) return notFound(`${spec.name} ${segments[1]} not found`)
    return {status: 200, body: envelope(now, {[spec.name]: [shape(found, true)]})}
  }

  const scope = scopeOf(spec, all)
  let records = applyModifiedSince(all, ifModifiedSince)
  records = applyCollectionParams(spec.name, records, query)
  records = applyWhere(records, query.get('where') ?? undefined, scope)
  records = applyOrder(records, query.get('order') ?? undefined, scope)
  const page = spec.paged ? positive(intParam(query, 'page')) : undefined
  const pageSizeAsked = positive(intParam(query, 'pageSize'))
  const extra: Record<string, unknown> = {}
  let out: XeroRecord[] = records
  if (page !== undefined) {
    const pageSize = Math.min(MAX_PAGE_SIZE, pageSizeAsked ?? DEFAULT_PAGE_SIZE)
    out = records.slice((page - 1) * pageSize, page * pageSize)
    extra.pagination = {
      page,
      pageSize,
      pageCount: Math.ceil(records.length / pageSize),
      itemCount: records.length,
    }
  }
  const summary = boolParam(query, 'summaryOnly') === true
  const linesField = page === undefined ? spec.linesOnlyWhenPaged : undefined
  return {
    status: 200,
    body: envelope(now, {
      ...extra,
      [spec.name]: out.map((r) => {
        let answer = shape(r, false)
        // Without `page` Xero sends these collections with an empty line list (OpenAPI example).
        if (linesField) answer = {...answer, [linesField]: []}
        return summary ? summaryOnly(spec.name, answer) : answer
      }),
    }),
  }
}
