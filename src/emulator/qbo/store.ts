import type {StoreFile} from './store-file.js'

export type Json = Record<string, unknown>

type IndexName = 'name' | 'doc' | 'party' | 'link'

const text = (v: unknown): string[] => (typeof v === 'string' && v !== '' ? [v.toLowerCase()] : [])
const refId = (v: unknown): string[] =>
  typeof v === 'object' && v !== null && 'value' in v ? [String((v as {value: unknown}).value)] : []

/** Secondary indexes: each maps an object to the keys it is found under. */
const INDEXES: [IndexName, (obj: Json) => string[]][] = [
  ['name', (o) => text(o.DisplayName ?? o.FullyQualifiedName ?? o.Name)],
  ['doc', (o) => text(o.DocNumber)],
  ['party', (o) => [...refId(o.CustomerRef), ...refId(o.VendorRef)]],
  [
    'link',
    (o) =>
      (Array.isArray(o.Line) ? (o.Line as Json[]) : []).flatMap((l) =>
        (Array.isArray(l?.LinkedTxn) ? (l.LinkedTxn as Json[]) : []).map(
          (x) => `${String(x.TxnType)}:${String(x.TxnId)}`,
        ),
      ),
  ],
]

/**
 * One company's state: every entity as the QBO JSON it answers with, plus small key-value namespaces
 * (requestid replays, counters). In memory by default; with a StoreFile, every change is written through
 * under this company's scope so a restarted emulator serves the same company. The app's tokens live in a
 * Store of their own (scope APP_SCOPE), so resetting a company never disconnects a client.
 */
export class Store {
  private readonly entities = new Map<string, Map<string, Json>>()
  private readonly kv = new Map<string, Map<string, unknown>>()
  /** index → entity → key → ids, so uniqueness checks and balance updates stay cheap as a company grows. */
  private readonly indexes = new Map<IndexName, Map<string, Map<string, Set<string>>>>()
  private nextId = 1

  constructor(
    private readonly file?: StoreFile,
    private readonly scope = '',
  ) {
    if (!file) return
    for (const row of file.takeRows(scope)) {
      if (row.ns.startsWith('entity:')) {
        this.table(row.ns.slice(7)).set(row.key, row.value as Json)
        this.index(row.ns.slice(7), row.value as Json)
      } else this.space(row.ns).set(row.key, row.value)
    }
    const saved = this.getKv<number>('meta', 'nextId')
    if (saved !== undefined) this.nextId = saved
  }

  /** True when the store was empty at open (a new company that needs its seed). */
  isEmpty(): boolean {
    return this.entities.size === 0
  }

  newId(): string {
    const id = String(this.nextId++)
    this.setKv('meta', 'nextId', this.nextId)
    return id
  }

  get(entity: string, id: string): Json | undefined {
    return this.entities.get(entity)?.get(id)
  }

  list(entity: string): Json[] {
    return [...(this.entities.get(entity)?.values() ?? [])]
  }

  put(entity: string, obj: Json): void {
    const id = String(obj.Id)
    const before = this.table(entity).get(id)
    if (before) this.unindex(entity, before)
    this.table(entity).set(id, obj)
    this.index(entity, obj)
    this.file?.put(this.scope, `entity:${entity}`, id, obj)
  }

  remove(entity: string, id: string): void {
    const before = this.entities.get(entity)?.get(id)
    if (before) this.unindex(entity, before)
    this.entities.get(entity)?.delete(id)
    this.file?.delete(this.scope, `entity:${entity}`, id)
  }

  /** Objects of `entity` whose DisplayName (or FullyQualifiedName, or Name) equals `name`, ignoring case. */
  byName(entity: string, name: string): Json[] {
    return this.lookup('name', entity, name.toLowerCase())
  }

  /** Objects of `entity` whose DocNumber equals `docNumber`, ignoring case. */
  byDocNumber(entity: string, docNumber: string): Json[] {
    return this.lookup('doc', entity, docNumber.toLowerCase())
  }

  /** Objects of `entity` whose CustomerRef or VendorRef is `partyId`. */
  byParty(entity: string, partyId: string): Json[] {
    return this.lookup('party', entity, partyId)
  }

  /** Payments (or deposits) of type `entity` with a line linked to `txnType` `txnId`. */
  linking(entity: string, txnType: string, txnId: string): Json[] {
    return this.lookup('link', entity, `${txnType}:${txnId}`)
  }

  private lookup(index: IndexName, entity: string, key: string): Json[] {
    const ids = this.indexes.get(index)?.get(entity)?.get(key)
    return ids ? [...ids].map((id) => this.get(entity, id)).filter((x): x is Json => x !== undefined) : []
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [entity, rows] of this.entities) if (rows.size) out[entity] = rows.size
    return out
  }

  getKv<T>(ns: string, key: string): T | undefined {
    return this.kv.get(ns)?.get(key) as T | undefined
  }

  setKv(ns: string, key: string, value: unknown): void {
    this.space(ns).set(key, value)
    this.file?.put(this.scope, ns, key, value)
  }

  deleteKv(ns: string, key: string): void {
    this.kv.get(ns)?.delete(key)
    this.file?.delete(this.scope, ns, key)
  }

  valuesKv<T>(ns: string): T[] {
    return [...(this.kv.get(ns)?.values() ?? [])] as T[]
  }

  /** Runs several writes as one SQLite transaction, so a crash never leaves half a write on disk. */
  atomically<T>(fn: () => T): T {
    return this.file ? this.file.transaction(fn) : fn()
  }

  /** Forgets the company (entities, replays, counters). Tokens live in the app's Store and survive. */
  clearCompany(): void {
    this.entities.clear()
    this.indexes.clear()
    this.kv.clear()
    this.nextId = 1
    this.file?.clearScope(this.scope)
  }

  private index(entity: string, obj: Json): void {
    for (const [name, keysOf] of INDEXES) {
      let byEntity = this.indexes.get(name)
      if (!byEntity) this.indexes.set(name, (byEntity = new Map()))
      let byKey = byEntity.get(entity)
      if (!byKey) byEntity.set(entity, (byKey = new Map()))
      for (const key of keysOf(obj)) {
        let ids = byKey.get(key)
        if (!ids) byKey.set(key, (ids = new Set()))
        ids.add(String(obj.Id))
      }
    }
  }

  private unindex(entity: string, obj: Json): void {
    for (const [name, keysOf] of INDEXES)
      for (const key of keysOf(obj)) this.indexes.get(name)?.get(entity)?.get(key)?.delete(String(obj.Id))
  }

  private table(entity: string): Map<string, Json> {
    let t = this.entities.get(entity)
    if (!t) this.entities.set(entity, (t = new Map()))
    return t
  }

  private space(ns: string): Map<string, unknown> {
    let s = this.kv.get(ns)
    if (!s) this.kv.set(ns, (s = new Map()))
    return s
  }
}
