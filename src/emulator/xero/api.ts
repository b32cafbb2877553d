import {randomUUID} from 'node:crypto'

import {COLLECTIONS, type CollectionSpec, type XeroCompany, type XeroRecord} from './company.js'
import {msDate} from './ms-date.js'
import {applyModifiedSince, applyOrder, applyUnitDp, applyWhere} from './query.js'

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

function positiveInt(text: string | null): number | undefined {
  if (text === null) return undefined
  const n = Number(text)
  return Number.isInteger(n) && n >= 1 ? n : undefined
}

/**
 * GET /api.xro/2.0/<Collection>[/<id>] and Reports/TrialBalance. Paging follows Xero: without `page`
 * every record comes back (and invoices and manual journals without their lines); with it, `pageSize`
 * records (100 unless asked, at most 1000) and a `pagination` block.
 */
export function answerApi(
  company: XeroCompany,
  segments: string[],
  query: URLSearchParams,
  ifModifiedSince: string | undefined,
  now: number,
): ApiAnswer {
  if (segments[0]?.toLowerCase() === 'reports') {
    if (segments[1]?.toLowerCase() !== 'trialbalance') return notFound(`no report ${segments[1] ?? ''}`)
    return {status: 200, body: envelope(now, {Reports: company.TrialBalance ?? []})}
  }
  const spec = specFor(segments[0] ?? '')
  if (!spec) return notFound(`no endpoint /${segments.join('/')}`)
  const all = company[spec.name as keyof XeroCompany] ?? []
  const unitdp = Number(query.get('unitdp') ?? '2')

  if (segments[1]) {
    const id = segments[1].toLowerCase()
    const found = all.find((r) => String(r[spec.idField] ?? '').toLowerCase() === id)
    if (!found) return notFound(`${spec.name} ${segments[1]} not found`)
    return {
      status: 200,
      body: envelope(now, {[spec.name]: [applyUnitDp(found, spec.unitAmountLines, unitdp)]}),
    }
  }

  let records = applyModifiedSince(all, ifModifiedSince)
  records = applyWhere(records, query.get('where') ?? undefined)
  records = applyOrder(records, query.get('order') ?? undefined)
  const page = spec.paged ? positiveInt(query.get('page')) : undefined
  const extra: Record<string, unknown> = {}
  let out: XeroRecord[] = records
  if (page !== undefined) {
    const pageSize = Math.min(MAX_PAGE_SIZE, positiveInt(query.get('pageSize')) ?? DEFAULT_PAGE_SIZE)
    out = records.slice((page - 1) * pageSize, page * pageSize)
    extra.pagination = {
      page,
      pageSize,
      pageCount: Math.ceil(records.length / pageSize),
      itemCount: records.length,
    }
  } else if (spec.linesOnlyWhenPaged) {
    const field = spec.linesOnlyWhenPaged
    out = records.map((r) => {
      const {[field]: _dropped, ...summary} = r
      return summary
    })
  }
  return {
    status: 200,
    body: envelope(now, {
      ...extra,
      [spec.name]: out.map((r) => applyUnitDp(r, spec.unitAmountLines, unitdp)),
    }),
  }
}
