import {D} from '../../../domain/money.js'
import {isObject} from '../entities/context.js'
import {entityDef} from '../entities/registry.js'
import {faults} from '../faults.js'
import type {Json, Store} from '../store.js'
import {type Condition, type Query, type Value, parseQuery} from './parse.js'

const META_FIELDS = ['MetaData.CreateTime', 'MetaData.LastUpdatedTime']
const NUMERIC = /^-?(\d+(\.\d*)?|\.\d+)$/

/** The canonical spelling of a filterable property, or a 4001 naming it as QBO does. */
function canonical(entity: string, field: string, filterable: string[]): string {
  const hit = [...filterable, ...META_FIELDS].find((f) => f.toLowerCase() === field.toLowerCase())
  if (!hit) throw faults.queryInvalid(`Property: ${field} is not queryable.`)
  return hit
}

function valueAt(obj: Json, path: string): unknown {
  let v: unknown = obj
  for (const part of path.split('.')) v = isObject(v) ? v[part] : undefined
  // References compare by id and e-mail fields by address, as QBO's CustomerRef = '58' does.
  if (isObject(v)) return v.value ?? v.Address ?? v.URI
  return v
}

function compare(a: unknown, b: Value): number | undefined {
  if (a === undefined || a === null) return undefined
  const as = String(a)
  const bs = String(b)
  if (NUMERIC.test(as) && NUMERIC.test(bs)) return new D(as).comparedTo(new D(bs))
  if (/T\d{2}:/.test(as) || /T\d{2}:/.test(bs)) {
    const [x, y] = [Date.parse(as), Date.parse(bs.length === 10 ? `${bs}T00:00:00-07:00` : bs)]
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y ? 0 : x < y ? -1 : 1
  }
  const [x, y] = [as.toLowerCase(), bs.toLowerCase()]
  return x === y ? 0 : x < y ? -1 : 1
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`, 'is')
}

function matches(obj: Json, c: Condition): boolean {
  const v = valueAt(obj, c.field)
  switch (c.op) {
    case 'IN':
      // In an IN list the string ' ' stands for null (QRY).
      return c.values.some((x) =>
        x === ' ' ? v === undefined || v === null || v === '' : compare(v, x) === 0,
      )
    case 'LIKE':
      return v !== undefined && v !== null && likeRegex(String(c.values[0])).test(String(v))
    default: {
      const r = compare(v, c.values[0]!)
      if (r === undefined) return false
      return c.op === '='
        ? r === 0
        : c.op === '<'
          ? r < 0
          : c.op === '>'
            ? r > 0
            : c.op === '<='
              ? r <= 0
              : r >= 0
    }
  }
}

/** Runs one statement against the store; the result is the body under "QueryResponse". */
export function runQuery(store: Store, text: string): Json {
  const q: Query = parseQuery(text)
  const def = entityDef(q.entity)
  if (!def) throw faults.queryInvalid(`QueryValidationError: Entity ${q.entity} is not supported.`)
  const where = q.where.map((c) => ({...c, field: canonical(def.name, c.field, def.filterable)}))
  let rows = store.list(def.name).filter((r) => where.every((c) => matches(r, c)))
  if (q.count) return {totalCount: rows.length}
  const order = q.orderBy
    ? {field: canonical(def.name, q.orderBy.field, def.filterable), desc: q.orderBy.desc}
    : undefined
  rows = rows.sort((a, b) => {
    if (order) {
      const r = compare(valueAt(a, order.field), String(valueAt(b, order.field) ?? '')) ?? -1
      if (r !== 0) return order.desc ? -r : r
    }
    return Number(a.Id) - Number(b.Id)
  })
  const page = rows.slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults)
  if (page.length === 0) return {}
  const fields = q.fields
  const shaped =
    fields === '*'
      ? page
      : page.map((r) => {
          const out: Json = {domain: 'QBO', sparse: true, Id: r.Id, SyncToken: r.SyncToken}
          for (const f of fields) {
            const key = Object.keys(r).find((k) => k.toLowerCase() === f.toLowerCase())
            if (key) out[key] = r[key]
          }
          return out
        })
  return {[def.name]: shaped, startPosition: q.startPosition, maxResults: page.length}
}
