import type {QboEntity} from '../domain/entities.js'

/**
 * References between records created in the same migration.
 *
 * Mappers run before anything exists in QBO, so a payload cannot hold the QBO Id of a customer that the same
 * load will create. It holds a symbolic placeholder instead, and the loader swaps in the real Id from the id
 * map at send time (resolveRefs). Two shapes, because QBO uses two:
 *   - a reference object, `{"ref": {"entity": "Customer", "sourceId": "C1"}}` -> `{"value": "58"}`
 *     (other keys such as `type` are kept: `{"ref": …, "type": "Vendor"}` -> `{"value": "58", "type": "Vendor"}`);
 *   - a bare id, `{"refId": {"entity": "Invoice", "sourceId": "INV-1"}}` -> `"130"` (LinkedTxn.TxnId).
 * References to QBO's own records (tax codes, the A/R account) are known when mapping and written as
 * `{"value": id}` directly. Hash the RESOLVED payload: it is the same whether a reference was known at
 * mapping time or resolved later.
 */
export interface SymbolicTarget {
  entity: QboEntity
  sourceId: string
}

export interface SymbolicRef {
  ref: SymbolicTarget
  [key: string]: unknown
}

export interface KnownRef {
  value: string
  [key: string]: unknown
}

export type Ref = SymbolicRef | KnownRef

export interface SymbolicId {
  refId: SymbolicTarget
}

export function symbolic(entity: QboEntity, sourceId: string): SymbolicRef {
  return {ref: {entity, sourceId}}
}

export function known(value: string): KnownRef {
  return {value}
}

export function symbolicId(entity: QboEntity, sourceId: string): SymbolicId {
  return {refId: {entity, sourceId}}
}

function targetOf(node: Record<string, unknown>, key: 'ref' | 'refId'): SymbolicTarget | undefined {
  const t = node[key]
  if (!t || typeof t !== 'object' || Array.isArray(t)) return undefined
  const {entity, sourceId} = t as Record<string, unknown>
  return typeof entity === 'string' && typeof sourceId === 'string'
    ? {entity: entity as QboEntity, sourceId}
    : undefined
}

/** Every symbolic target in a payload (with duplicates removed), in the order met. */
export function collectRefs(payload: unknown): SymbolicTarget[] {
  const seen = new Map<string, SymbolicTarget>()
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const obj = node as Record<string, unknown>
    const t = targetOf(obj, 'ref') ?? targetOf(obj, 'refId')
    if (t) {
      seen.set(`${t.entity}\u0000${t.sourceId}`, t)
      return
    }
    Object.values(obj).forEach(walk)
  }
  walk(payload)
  return [...seen.values()]
}

export type RefLookup = (entity: QboEntity, sourceId: string) => string | undefined

export interface Resolved<T> {
  payload: T
  /** Targets with no QBO Id yet: the record must wait (or its dependency failed). */
  unresolved: SymbolicTarget[]
}

/** Replaces every placeholder with the QBO Id from `lookup`; leaves unresolved ones in place and lists them. */
export function resolveRefs<T>(payload: T, lookup: RefLookup): Resolved<T> {
  const unresolved: SymbolicTarget[] = []
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!node || typeof node !== 'object') return node
    const obj = node as Record<string, unknown>
    const ref = targetOf(obj, 'ref')
    if (ref) {
      const id = lookup(ref.entity, ref.sourceId)
      if (id === undefined) {
        unresolved.push(ref)
        return obj
      }
      const {ref: _ref, ...rest} = obj
      return {value: id, ...rest}
    }
    const refId = targetOf(obj, 'refId')
    if (refId) {
      const id = lookup(refId.entity, refId.sourceId)
      if (id === undefined) unresolved.push(refId)
      return id ?? obj
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, walk(v)]))
  }
  return {payload: walk(payload) as T, unresolved}
}
