import {z} from 'zod'

import type {Core} from './core.js'
import {isObject} from './entities/context.js'
import {entityDef} from './entities/registry.js'
import {QboFault, faults} from './faults.js'
import {runQuery} from './query/execute.js'
import {type Reply, withRequestId} from './requestid.js'
import type {Json} from './store.js'
import {qboTime} from './time.js'
import {includes, performWrite, writeOp} from './writes.js'

export const MAX_BATCH_ITEMS = 30

const batchSchema = z.object({
  BatchItemRequest: z.array(z.record(z.string(), z.unknown())).min(1),
})

/**
 * POST /batch (qbo-api.md §5): up to 30 items, each answered under its own bId with its own Fault. Items
 * run in order but cannot see what a sibling created. With a requestid, each item is remembered under
 * requestid+bId, so a retried batch replays the items that already ran.
 */
export function runBatch(core: Core, body: unknown, requestId: string | null, replays = true): Reply {
  const time = qboTime(core.now())
  const parsed = batchSchema.safeParse(body)
  if (!parsed.success) throw faults.required('BatchItemRequest')
  const items = parsed.data.BatchItemRequest
  if (items.length > MAX_BATCH_ITEMS) throw faults.batchTooBig(MAX_BATCH_ITEMS, items.length)
  if (requestId !== null && requestId.length > 36) throw faults.requestIdTooLong(36)
  const bIds = new Set<string>()
  for (const item of items) {
    const bId = item.bId
    if (typeof bId !== 'string' || !bId) throw faults.required('bId')
    if (bIds.has(bId)) throw faults.business(`The bId ${bId} is used by more than one item.`)
    if (requestId !== null && bId.length > 10) throw faults.stringLength('bId', 10, bId.length)
    bIds.add(bId)
  }
  const hidden = new Set<string>()
  const responses = items.map((item) => {
    const bId = String(item.bId)
    const reply = (): Reply => {
      try {
        return {status: 200, body: {bId, ...runItem(core, item, hidden)}}
      } catch (e) {
        if (e instanceof QboFault) return {status: 200, body: {bId, Fault: {type: e.type, Error: e.errors}}}
        throw e
      }
    }
    const isQuery = typeof item.Query === 'string'
    return isQuery
      ? reply().body
      : withRequestId(core.store, requestId === null ? null : `${requestId}#${bId}`, 50, reply, replays).body
  })
  return {status: 200, body: {BatchItemResponse: responses, time}}
}

function runItem(core: Core, item: Record<string, unknown>, hidden: Set<string>): Json {
  if (typeof item.Query === 'string') return {QueryResponse: runQuery(core.store, item.Query)}
  const key = Object.keys(item).find((k) => !['bId', 'operation', 'optionsData'].includes(k) && entityDef(k))
  if (!key) throw faults.required('operation')
  const def = entityDef(key)!
  const body = item[key]
  if (!isObject(body)) throw faults.required(key)
  const operation = typeof item.operation === 'string' ? item.operation : undefined
  if (!operation) throw faults.required('operation')
  const include = includes(typeof item.optionsData === 'string' ? item.optionsData : null)
  const op = writeOp(operation, include, body)
  return {[def.name]: performWrite(core, def, op, body, include, hidden)}
}
