import {silentLogger, type Logger} from '../ui/logger.js'
import {type BatchItem, type BatchResult, batchBody, prepareBatches, readBatchResponse} from './batch.js'
import {QboFaultError} from './errors.js'
import {type AccessTokens, type HttpStats, QboHttp} from './http.js'
import {type QboEntity, readAllStable} from './query-pages.js'
import {type QueryBuilder, paged} from './query.js'
import {type Limits, RealmScheduler} from './scheduler.js'

export type {QboEntity} from './query-pages.js'

export interface QboClientOptions {
  realmId: string
  /** API origin (endpointsFor(config).api): Intuit's host or QBO_BASE_URL. */
  apiBase: string
  tokens: AccessTokens
  logger?: Logger
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
  /** Shrinks every QBO time window (throttle minute, 429 back-off, retry pauses); for tests and the emulator. */
  timeScale?: number
  limits?: Partial<Limits>
  timeoutMs?: number
  maxAttempts?: number
}

const PAGE = 1000

/** Everything the loader, planner and reconciler do with QBO, for one realm. */
export class QboClient {
  readonly realmId: string
  private readonly http: QboHttp
  private readonly scheduler: RealmScheduler

  constructor(o: QboClientOptions) {
    const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
    this.realmId = o.realmId
    this.scheduler = new RealmScheduler({limits: o.limits, timeScale: o.timeScale, now: o.now, sleep})
    this.http = new QboHttp({
      realmId: o.realmId,
      apiBase: o.apiBase,
      tokens: o.tokens,
      scheduler: this.scheduler,
      logger: o.logger ?? silentLogger,
      sleep,
      ...(o.random ? {random: o.random} : {}),
      ...(o.timeScale ? {timeScale: o.timeScale} : {}),
      ...(o.timeoutMs ? {timeoutMs: o.timeoutMs} : {}),
      ...(o.maxAttempts ? {maxAttempts: o.maxAttempts} : {}),
    })
  }

  stats(): HttpStats {
    return {...this.http.stats}
  }

  /** How long after a write starts QBO may still apply it (QBO's request timeout plus a margin, time-scaled). */
  get inFlightWindowMs(): number {
    return this.http.inFlightWindowMs
  }

  async read(entity: string, id: string): Promise<QboEntity> {
    const res = await this.http.request({
      method: 'GET',
      path: `/${entity.toLowerCase()}/${encodeURIComponent(id)}`,
    })
    return unwrap(res.data, entity, res)
  }

  /** Create; `requestId` (domain/ids requestIdFor) makes a retry or resume replay instead of duplicate. */
  async create(
    entity: string,
    body: Record<string, unknown>,
    opts: {requestId: string; onSend?: () => void},
  ): Promise<QboEntity> {
    const res = await this.http.request({
      method: 'POST',
      path: `/${entity.toLowerCase()}`,
      body,
      requestId: opts.requestId,
      ...(opts.onSend ? {onSend: opts.onSend} : {}),
    })
    return unwrap(res.data, entity, res)
  }

  /** Full or sparse update (pass `sparse: true` in body); see sparseUpdate for the 5010 handling. */
  async update(
    entity: string,
    body: QboEntity,
    opts: {requestId: string; operation?: string; onSend?: () => void},
  ): Promise<QboEntity> {
    const res = await this.http.request({
      method: 'POST',
      path: `/${entity.toLowerCase()}`,
      params: {operation: opts.operation ?? 'update'},
      body,
      requestId: opts.requestId,
      ...(opts.onSend ? {onSend: opts.onSend} : {}),
    })
    return unwrap(res.data, entity, res)
  }

  /** The document as QBO renders it to PDF (integrations.md §2.4): `GET /{entity}/{id}/pdf`. A read. */
  async pdf(entity: string, id: string): Promise<Buffer> {
    const res = await this.http.request({
      method: 'GET',
      path: `/${entity.toLowerCase()}/${encodeURIComponent(id)}/pdf`,
      binary: {accept: 'application/pdf'},
    })
    if (!Buffer.isBuffer(res.data)) {
      throw new QboFaultError({
        status: res.status,
        faults: [
          {
            code: 'UNEXPECTED_RESPONSE',
            message: `QBO answered without a PDF`,
            detail: '',
            element: '',
            type: '',
          },
        ],
        intuitTid: res.intuitTid,
      })
    }
    return res.data
  }

  /**
   * Emails the document from QBO (`POST /{entity}/{id}/send[?sendTo=]`, integrations.md §2.4, §3.2): a write
   * that cannot be batched. Like every write it carries a requestid, and a lost answer throws
   * QboOutcomeUnknownError instead of being sent again (load/outbox/action.ts settles it).
   */
  async send(
    entity: string,
    id: string,
    opts: {sendTo?: string; requestId: string; onSend?: () => void},
  ): Promise<QboEntity> {
    const res = await this.http.request({
      method: 'POST',
      path: `/${entity.toLowerCase()}/${encodeURIComponent(id)}/send`,
      ...(opts.sendTo ? {params: {sendTo: opts.sendTo}} : {}),
      body: '',
      contentType: 'application/octet-stream',
      requestId: opts.requestId,
      noBlindRetry: true,
      ...(opts.onSend ? {onSend: opts.onSend} : {}),
    })
    return unwrap(res.data, entity, res)
  }

  async companyInfo(): Promise<QboEntity> {
    const res = await this.http.request({
      method: 'GET',
      path: `/companyinfo/${encodeURIComponent(this.realmId)}`,
    })
    return unwrap(res.data, 'CompanyInfo', res)
  }

  /** A report (e.g. TrialBalance); a Fault inside HTTP 200, as QBO sends for bad report params, throws. */
  async report(
    name: string,
    params: Record<string, string> = {},
    opts: {attempts?: number} = {},
  ): Promise<Record<string, unknown>> {
    const res = await this.http.request({
      method: 'GET',
      path: `/reports/${encodeURIComponent(name)}`,
      params,
      ...(opts.attempts ? {attempts: opts.attempts} : {}),
    })
    return res.data as Record<string, unknown>
  }

  /**
   * One change data capture request: objects of `entities` changed since `changedSince` (an ISO instant,
   * at most 30 days back), as QBO returns them under CDCResponse[0].QueryResponse[].
   */
  async cdc(entities: readonly string[], changedSince: string): Promise<Record<string, unknown>> {
    const res = await this.http.request({
      method: 'GET',
      path: '/cdc',
      params: {entities: entities.join(','), changedSince},
    })
    return res.data as Record<string, unknown>
  }

  /** One page of a query, as QBO returns it. */
  async queryPage(statement: string): Promise<{entity: string; rows: QboEntity[]; totalCount?: number}> {
    const res = await this.http.request({method: 'GET', path: '/query', params: {query: statement}})
    const qr = (res.data as {QueryResponse?: Record<string, unknown>}).QueryResponse
    if (!qr || typeof qr !== 'object') {
      throw new QboFaultError({
        status: res.status,
        faults: [
          {
            code: 'NO_QUERY_RESPONSE',
            message: 'QBO answered a query without QueryResponse',
            detail: statement,
            element: '',
            type: '',
          },
        ],
        intuitTid: res.intuitTid,
      })
    }
    const key = Object.keys(qr).find((k) => Array.isArray(qr[k]))
    const count = typeof qr.totalCount === 'number' ? {totalCount: qr.totalCount} : {}
    return {entity: key ?? '', rows: key ? (qr[key] as QboEntity[]) : [], ...count}
  }

  /**
   * Every row of a query, paging STARTPOSITION/MAXRESULTS 1000 until a short page. A page that fails
   * (after its retries) fails the whole read: a caller never sees a silently truncated list.
   */
  async queryAll(query: QueryBuilder | string): Promise<QboEntity[]> {
    const statement = String(query)
    // Without ORDERBY, QBO's order may differ from one page to the next (rows repeated, others never seen):
    // read in Id order, each row once, even while the company changes (query-pages.ts).
    // Preferences and CompanyInfo are one record each, and are not ordered.
    const single = /\bFROM\s+(Preferences|CompanyInfo)\b/i.test(statement)
    if (!single && !/\bORDERBY\b/i.test(statement))
      return readAllStable((s) => this.queryPage(s), statement, {pageSize: PAGE})
    const all: QboEntity[] = []
    const seen = new Set<string>()
    for (let start = 1; ; start += PAGE) {
      const {rows} = await this.queryPage(paged(statement, start, PAGE))
      for (const row of rows) {
        // A row that moved across a page boundary between two requests is kept once.
        if (row.Id !== undefined && seen.has(String(row.Id))) continue
        if (row.Id !== undefined) seen.add(String(row.Id))
        all.push(row)
      }
      if (rows.length < PAGE) return all
    }
  }

  /**
   * Sends items in chunks of ≤30 (one paced batch request each). Per-item faults come back separately,
   * mapped by bId; a whole-request failure throws, and a retry with the same requestId replays.
   */
  async batch(
    items: readonly BatchItem[],
    opts: {requestId: string; size?: number; onSend?: () => void},
  ): Promise<BatchResult> {
    const result: BatchResult = {successes: [], faults: []}
    for (const chunk of prepareBatches(items, opts.requestId, opts.size)) {
      const res = await this.http.request({
        method: 'POST',
        path: '/batch',
        body: batchBody(chunk),
        kind: 'batch',
        requestId: chunk.requestId,
        ...(opts.onSend ? {onSend: opts.onSend} : {}),
      })
      const r = readBatchResponse(chunk, res.data)
      result.successes.push(...r.successes)
      result.faults.push(...r.faults)
    }
    return result
  }
}

function unwrap(
  data: unknown,
  entity: string,
  res: {status: number; intuitTid: string | undefined},
): QboEntity {
  const obj = (data as Record<string, unknown> | undefined)?.[entity]
  if (!obj || typeof obj !== 'object') {
    throw new QboFaultError({
      status: res.status,
      faults: [
        {
          code: 'UNEXPECTED_RESPONSE',
          message: `QBO answered without a ${entity}`,
          detail: '',
          element: '',
          type: '',
        },
      ],
      intuitTid: res.intuitTid,
    })
  }
  return obj as QboEntity
}

export function createQboClient(options: QboClientOptions): QboClient {
  return new QboClient(options)
}
