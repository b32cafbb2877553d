import {runBatch} from './batch.js'
import {runCdc} from './cdc.js'
import {isSendable, sendDocument} from './documents.js'
import type {Core} from './core.js'
import {isObject} from './entities/context.js'
import {entityDef} from './entities/registry.js'
import {QboFault, faults} from './faults.js'
import {readEntity} from './operations.js'
import {runQuery} from './query/execute.js'
import type {Book} from './report-builder.js'
import {type Reply, faultReply, withRequestId} from './requestid.js'
import type {Json} from './store.js'
import {ReportParamError} from './ledger/index.js'
import {qboTime} from './time.js'
import {includes, performWrite, writeOp} from './writes.js'

export interface ApiRequest {
  method: string
  /** Path segments after /v3/company/{realmId}/. */
  segments: string[]
  params: URLSearchParams
  body: string
  contentType: string
  /** False when QBO is not to recognise a repeated requestid this time (the `noreplay` fault). */
  replays?: boolean
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new QboFault([
      {
        Message: 'Request has invalid or unsupported property',
        Detail: `Request has invalid or unsupported property : ${(e as Error).message}`,
        code: '2010',
        element: '',
      },
    ])
  }
}

function book(core: Core): Book {
  return {
    companyInfo: structuredClone(core.store.list('CompanyInfo')[0] ?? {}),
    preferences: structuredClone(core.store.list('Preferences')[0] ?? {}),
    // Copies: a report builder can never change the company by accident.
    list: (entity) => structuredClone(core.store.list(entity)),
  }
}

/** Every /v3/company/{realm}/... route; QBO faults come back as their JSON replies. */
export function executeApi(core: Core, req: ApiRequest): Reply {
  const time = qboTime(core.now())
  return faultReply(() => route(core, req, time), time)
}

function route(core: Core, req: ApiRequest, time: string): Reply {
  const [resource = '', id] = req.segments.map((s) => decodeURIComponent(s))
  const lower = resource.toLowerCase()
  const ok = (body: Json): Reply => ({status: 200, body: {...body, time}})
  if (lower === 'query') {
    const text = req.method === 'POST' ? req.body : (req.params.get('query') ?? '')
    return ok({QueryResponse: runQuery(core.store, text)})
  }
  if (lower === 'cdc' && req.method === 'GET') return ok(runCdc(core.store, req.params, core.now()))
  if (lower === 'batch' && req.method === 'POST')
    return runBatch(core, parseJson(req.body), req.params.get('requestid'), req.replays ?? true)
  if (lower === 'reports' && req.method === 'GET' && id) {
    const report = buildReportOrFault(core, id, req.params)
    if (report === undefined) throw faults.unsupported(`Report ${id} is not supported by this emulator.`)
    return {status: 200, body: report}
  }
  const def = entityDef(lower)
  if (!def) throw faults.unsupported(`Unsupported Operation: the resource ${resource} is not supported.`)
  if (id && req.segments[2]?.toLowerCase() === 'send' && req.method === 'POST' && isSendable(def.name))
    return sendDocument(core, def.name, id, req.params, req.replays ?? true)
  if (req.method === 'GET') {
    if (def.name === 'Preferences') return ok({Preferences: readEntity(def, '1', core)})
    if (!id) throw faults.unsupported(`Operation GET ${resource} needs an Id.`)
    return ok({[def.name]: readEntity(def, id, core)})
  }
  if (req.method !== 'POST') throw faults.unsupported(`Operation ${req.method} is not supported.`)
  const body = parseJson(req.body)
  if (!isObject(body)) throw faults.required(def.name)
  const include = includes(req.params.get('include'))
  const op = writeOp(req.params.get('operation'), include, body)
  return withRequestId(
    core.store,
    req.params.get('requestid'),
    50,
    () => faultReply(() => ok({[def.name]: performWrite(core, def, op, body, include, new Set())}), time),
    req.replays ?? true,
  )
}

/** A report parameter QBO would refuse (a bad date, an unknown date_macro) is a validation fault, not a crash. */
function buildReportOrFault(core: Core, name: string, params: URLSearchParams): unknown {
  try {
    return core.reportBuilder?.(name, params, book(core))
  } catch (error) {
    if (error instanceof ReportParamError) {
      throw new QboFault([
        {Message: 'Invalid report parameter', Detail: error.message, code: '2010', element: error.param},
      ])
    }
    throw error
  }
}
