import type {DesiredDoc} from './docs.js'
import {KEYS} from './identity.js'

/** What the sync holds as written for one of an order's documents (a row of shopify_postings). */
export interface Posted {
  docKey: string
  entity: string
  qboId: string
  payloadHash: string
  state: 'active' | 'voided'
}

/**
 * One step towards the documents an order should have:
 * - create: the document is not in QBO (or its earlier version was voided);
 * - compare: it is; the sync writes a sparse update if its content differs from what was last written;
 * - void: the order's document must change type (a sales receipt becoming an invoice), which QBO cannot
 *   do in place: the old one is voided and the new one created;
 * - delete: the sync wrote a document the order no longer calls for (a pending refund that became money,
 *   a credit no longer applied) — removed, the most dependent first.
 */
export type Step =
  | {kind: 'create'; doc: DesiredDoc}
  | {kind: 'compare'; doc: DesiredDoc; posted: Posted}
  | {kind: 'void'; posted: Posted}
  | {kind: 'delete'; posted: Posted; wave: number}

export function diffOrder(desired: readonly DesiredDoc[], posted: readonly Posted[]): Step[] {
  const byKey = new Map(posted.map((p) => [p.docKey, p]))
  const steps: Step[] = []
  const wanted = new Set(desired.map((d) => d.key))
  for (const p of posted) {
    if (
      p.state !== 'active' ||
      wanted.has(p.docKey) ||
      p.docKey === KEYS.doc ||
      p.docKey.startsWith(`${KEYS.doc}@`)
    )
      continue
    steps.push({kind: 'delete', posted: p, wave: waveOfKey(p.docKey)})
  }
  for (const doc of desired) {
    const p = byKey.get(doc.key)
    if (!p || p.state === 'voided') steps.push({kind: 'create', doc})
    else if (p.entity !== doc.entity) steps.push({kind: 'void', posted: p}, {kind: 'create', doc})
    else steps.push({kind: 'compare', doc, posted: p})
  }
  return steps
}

function waveOfKey(key: string): number {
  if (key.startsWith('apply:')) return 3
  return 2
}
