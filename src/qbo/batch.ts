import {requestIdFor} from '../domain/ids.js'
import {inBatches, QBO_LIMITS} from '../domain/qbo-limits.js'
import type {QboFault} from './errors.js'
import {parseFaults} from './faults.js'

export const MAX_BATCH_ITEMS: number = QBO_LIMITS.batchSize
const MAX_BATCH_REQUEST_ID = 36
const MAX_BID = 10

export interface BatchItem {
  /** ≤10 characters, unique in the call; generated from the position when omitted. */
  bId?: string
  operation: 'create' | 'update' | 'delete'
  entity: string
  body: Record<string, unknown>
  /** e.g. 'void' (qbo-api.md §5). */
  optionsData?: string
}

export interface BatchSuccess {
  bId: string
  index: number
  entity: Record<string, unknown>
}

export interface BatchFailure {
  bId: string
  index: number
  faults: QboFault[]
}

export interface BatchResult {
  successes: BatchSuccess[]
  faults: BatchFailure[]
}

export interface PreparedChunk {
  requestId: string
  items: {bId: string; index: number; item: BatchItem}[]
}

/**
 * Splits items into chunks of at most 30 with a stable requestid per chunk (≤36 chars) and stable bIds
 * (≤10 chars): the same input always gives the same ids, so a retried or resumed chunk is replayed by QBO.
 */
export function prepareBatches(
  items: readonly BatchItem[],
  requestId: string,
  size = MAX_BATCH_ITEMS,
): PreparedChunk[] {
  const seen = new Set<string>()
  const withIds = items.map((item, index) => {
    const bId = item.bId ?? `b${index}`
    if (bId.length > MAX_BID) throw new Error(`BUG: bId "${bId}" is longer than ${MAX_BID} characters`)
    if (seen.has(bId)) throw new Error(`BUG: bId "${bId}" is used twice`)
    seen.add(bId)
    return {bId, index, item}
  })
  const batches = inBatches(withIds, size)
  return batches.map((batch, n) => {
    const id = batches.length === 1 ? requestId : requestIdFor(requestId, 'chunk', String(n))
    if (id.length > MAX_BATCH_REQUEST_ID)
      throw new Error(`BUG: batch requestid is longer than ${MAX_BATCH_REQUEST_ID}`)
    return {requestId: id, items: batch}
  })
}

export function batchBody(chunk: PreparedChunk): unknown {
  return {
    BatchItemRequest: chunk.items.map(({bId, item}) => ({
      bId,
      operation: item.operation,
      ...(item.optionsData ? {optionsData: item.optionsData} : {}),
      [item.entity]: item.body,
    })),
  }
}

/** Maps each item of a batch response back to its request by bId; an item with no answer is a fault. */
export function readBatchResponse(chunk: PreparedChunk, data: unknown): BatchResult {
  const responses = new Map<string, Record<string, unknown>>()
  const list = (data as {BatchItemResponse?: unknown}).BatchItemResponse
  if (Array.isArray(list)) {
    for (const r of list as Record<string, unknown>[]) if (typeof r.bId === 'string') responses.set(r.bId, r)
  }
  const result: BatchResult = {successes: [], faults: []}
  for (const {bId, index, item} of chunk.items) {
    const r = responses.get(bId)
    const entity = r?.[item.entity]
    const faults = r ? parseFaults(r) : []
    if (r && faults.length === 0 && entity && typeof entity === 'object') {
      result.successes.push({bId, index, entity: entity as Record<string, unknown>})
    } else {
      result.faults.push({
        bId,
        index,
        faults: faults.length
          ? faults
          : [
              {
                code: 'NO_RESPONSE',
                message: 'QBO returned no result for this batch item',
                detail: '',
                element: '',
                type: '',
              },
            ],
      })
    }
  }
  return result
}
