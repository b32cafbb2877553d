import {totalInNote} from '../../mappers/shopify/docs.js'
import {isStoreCreditKey, parseSourceId} from '../../mappers/shopify/identity.js'
import type {Staging} from '../../staging/index.js'
import type {LandedWrite} from '../outbox/writer.js'

/**
 * What a landed write means to the Shopify sync, recorded inside the transaction that marks it succeeded
 * (the writer's onLanded), whether it was answered now or found in QBO after a lost answer in an earlier
 * run: the document an order owns, with the hash and total of what was written; a voided or deleted one.
 */
export function recordLanded(
  staging: Staging,
  runId: string,
  write: LandedWrite,
  landed: {id: string; syncToken: string},
): void {
  if (write.sourceId.startsWith('list:')) return
  const src = parseSourceId(write.sourceId)
  if (!src) return
  const repo = staging.shopify
  if (src.key.startsWith('void:')) {
    const key = src.key.slice('void:'.length)
    const p = repo.posting(src.shop, src.orderId, key)
    if (!p) return
    const history = repo.postings(src.shop, src.orderId).filter((x) => x.docKey.startsWith(`${key}@`)).length
    repo.putPosting({...p, docKey: `${key}@r${history}`, state: 'voided', syncToken: landed.syncToken, runId})
    repo.putPosting({...p, state: 'voided', syncToken: landed.syncToken, runId})
    return
  }
  if (write.operation === 'delete') {
    const p = repo.posting(src.shop, src.orderId, src.key)
    if (p) repo.putPosting({...p, state: 'voided', runId})
    return
  }
  const row = staging.outbox.get(write.requestId)
  const sent = row?.payloadJson
    ? (JSON.parse(row.payloadJson) as {payload?: Record<string, unknown>}).payload
    : undefined
  repo.putPosting({
    shop: src.shop,
    orderId: src.orderId,
    docKey: src.key,
    entity: write.entity,
    qboId: landed.id,
    syncToken: landed.syncToken,
    payloadHash: row?.payloadHash ?? '',
    total: totalInNote(sent?.PrivateNote) ?? null,
    role: isStoreCreditKey(src.key) ? 'store-credit' : null,
    state: 'active',
    runId,
  })
}
