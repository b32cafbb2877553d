import {diffOrder} from '../../mappers/shopify/diff.js'
import {KEYS} from '../../mappers/shopify/identity.js'
import {type ExistingDoc, postOrder} from '../../mappers/shopify/post-order.js'
import type {PostingRefs} from '../../mappers/shopify/refs.js'
import type {ShopifySettings} from '../../mappers/shopify/settings.js'
import {inTransaction, type Staging} from '../../staging/index.js'
import type {ShopifyPosting, StagedShopifyOrder} from '../../staging/shopify.js'
import type {OrderWork} from './apply.js'

export type PlannedOrder = OrderWork & {hash: string}

/**
 * One pending order through the posting model: the documents it should have, compared with those the sync
 * already wrote for it. The model's decisions are recorded (not in a dry run); its problems hold the order.
 */
export function planOrder(input: {
  staging: Staging
  staged: StagedShopifyOrder
  settings: ShopifySettings
  refs: PostingRefs
  prefix: string
  dryRun: boolean
}): PlannedOrder {
  const {staging, staged} = input
  const {order} = staged
  const postings = staging.shopify.postings(order.shop, order.id)
  const existing = existingDoc(postings)
  const posting = postOrder({
    order,
    settings: input.settings,
    refs: input.refs,
    prefix: input.prefix,
    ...(existing ? {existing} : {}),
  })
  if (!input.dryRun)
    for (const d of posting.decisions)
      staging.decisions.record({
        entity: 'ShopifyOrder',
        sourceSystem: 'shopify',
        sourceId: `${order.shop}/${order.id}`,
        ...d,
      })
  return {
    shop: order.shop,
    orderId: order.id,
    name: order.name,
    steps: diffOrder(posting.docs, postings),
    hash: staged.contentHash,
    ...(posting.problems.length ? {problem: posting.problems.join('; ')} : {}),
  }
}

/** The order's own document as written, and how many earlier versions of it were voided. */
function existingDoc(postings: readonly ShopifyPosting[]): ExistingDoc | undefined {
  const doc = postings.find((p) => p.docKey === KEYS.doc)
  if (!doc) return undefined
  return {
    entity: doc.entity as ExistingDoc['entity'],
    revision: postings.filter((p) => p.docKey.startsWith(`${KEYS.doc}@`)).length,
    active: doc.state === 'active',
  }
}

/**
 * After the writes: an order whose documents are all in QBO as the model says is marked with its content
 * hash (not planned again until Shopify changes it); one held back or in conflict keeps its reason and is
 * parked for this run, to be tried again next run.
 */
export function recordOutcomes(staging: Staging, runId: string, orders: readonly PlannedOrder[]): void {
  inTransaction(staging.db, () => {
    for (const w of orders) {
      const trouble = w.conflict ?? w.problem
      if (!trouble) {
        staging.shopify.markPosted(w.shop, w.orderId, w.hash)
        continue
      }
      staging.shopify.setProblem(w.shop, w.orderId, trouble)
      staging.parked.park({
        runId,
        entity: 'ShopifyOrder',
        sourceSystem: 'shopify',
        sourceId: `${w.shop}/${w.orderId}`,
        faultCode: w.conflict ? 'CONFLICT' : 'HELD',
        message: `${w.name}: ${trouble}`,
        element: null,
        suggestedFix: null,
      })
    }
  })
}
