import {D} from '../../domain/money.js'
import {parseXeroDate} from './ms-date.js'
import type {XeroRecord} from './company.js'

/**
 * The subset of Xero's `where` and `order` grammar the emulator understands: comparisons
 * (`==`, `!=`, `>`, `>=`, `<`, `<=`) of a field path (`Contact.ContactID`) with a string, number, boolean,
 * `DateTime(y,m,d[,h,mi,s])` or `Guid("…")`, joined by `&&`/`AND` and `||`/`OR` (AND binds tighter).
 * Anything else is a QueryParseError, answered with 400 as Xero does.
 */
export class QueryParseError extends Error {}

type Literal = string | number | boolean | null
interface Comparison {
  path: string[]
  op: '==' | '!=' | '>' | '>=' | '<' | '<='
  value: Literal
  isDate: boolean
}

const COMPARISON =
  /^\s*([A-Za-z][\w.]*)\s*(==|!=|>=|<=|>|<)\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null|DateTime\([\d,\s]+\)|Guid\("[^"]*"\))\s*$/i

function parseLiteral(text: string): {value: Literal; isDate: boolean} {
  if (text.startsWith('"')) return {value: JSON.parse(text) as string, isDate: false}
  const lower = text.toLowerCase()
  if (lower === 'true' || lower === 'false') return {value: lower === 'true', isDate: false}
  if (lower === 'null') return {value: null, isDate: false}
  if (lower.startsWith('guid(')) return {value: text.slice(6, -2), isDate: false}
  if (lower.startsWith('datetime(')) {
    const parts = text
      .slice(9, -1)
      .split(',')
      .map((p) => Number(p.trim()))
    const [y = 0, m = 1, d = 1, h = 0, mi = 0, s = 0] = parts
    return {value: Date.UTC(y, m - 1, d, h, mi, s), isDate: true}
  }
  return {value: Number(text), isDate: false}
}

function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted
    if (!quoted) {
      const m = separator.exec(text.slice(i))
      if (m && m.index === 0) {
        parts.push(current)
        current = ''
        i += m[0].length - 1
        continue
      }
    }
    current += ch
  }
  parts.push(current)
  return parts
}

/** Parses a where clause into OR-groups of AND-ed comparisons. */
export function parseWhere(where: string): Comparison[][] {
  return splitOutsideQuotes(where, /^(\|\||\s+OR\s+)/i).map((group) =>
    splitOutsideQuotes(group, /^(&&|\s+AND\s+)/i).map((term) => {
      const m = COMPARISON.exec(term)
      if (!m) throw new QueryParseError(`unsupported where term: ${term.trim()}`)
      const {value, isDate} = parseLiteral(m[3]!)
      return {path: m[1]!.split('.'), op: m[2] as Comparison['op'], value, isDate}
    }),
  )
}

function fieldValue(record: XeroRecord, path: string[]): unknown {
  let value: unknown = record
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined
    const obj = value as Record<string, unknown>
    const actual = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase())
    value = actual === undefined ? undefined : obj[actual]
  }
  return value
}

/** A value made comparable: dates as epoch ms, strings case-insensitively as Xero compares them. */
function comparable(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null
  const date = parseXeroDate(value)
  if (date !== undefined) return date
  if (typeof value === 'string') return value.toLowerCase()
  if (typeof value === 'number' || typeof value === 'boolean') return value
  return JSON.stringify(value)
}

function compare(a: string | number | boolean | null, b: string | number | boolean | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}

function matches(record: XeroRecord, c: Comparison): boolean {
  const left = comparable(fieldValue(record, c.path))
  const right = typeof c.value === 'string' ? c.value.toLowerCase() : c.value
  if (c.op === '==') return left === right
  if (c.op === '!=') return left !== right
  if (left === null || right === null) return false
  const order = compare(left, right)
  return c.op === '>' ? order > 0 : c.op === '>=' ? order >= 0 : c.op === '<' ? order < 0 : order <= 0
}

export function applyWhere(records: XeroRecord[], where: string | undefined): XeroRecord[] {
  if (!where || !where.trim()) return records
  const groups = parseWhere(where)
  return records.filter((r) => groups.some((group) => group.every((c) => matches(r, c))))
}

/** `order=Field [ASC|DESC][, Field …]`; stable, so equal keys keep the company's order. */
export function applyOrder(records: XeroRecord[], order: string | undefined): XeroRecord[] {
  if (!order || !order.trim()) return records
  const keys = order.split(',').map((part) => {
    const m = /^\s*([A-Za-z][\w.]*)\s*(ASC|DESC)?\s*$/i.exec(part)
    if (!m) throw new QueryParseError(`unsupported order: ${part.trim()}`)
    return {path: m[1]!.split('.'), desc: (m[2] ?? 'ASC').toUpperCase() === 'DESC'}
  })
  // Keys are computed once per record, not once per comparison: pages of big companies sort 20,000 rows.
  return records
    .map((record, index) => ({record, index, keys: keys.map((k) => comparable(fieldValue(record, k.path)))}))
    .sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compare(a.keys[i]!, b.keys[i]!)
        if (c !== 0) return keys[i]!.desc ? -c : c
      }
      return a.index - b.index
    })
    .map((x) => x.record)
}

/** Records created or changed after the If-Modified-Since instant (by UpdatedDateUTC). */
export function applyModifiedSince(records: XeroRecord[], header: string | undefined): XeroRecord[] {
  if (!header) return records
  const since = Date.parse(header)
  if (Number.isNaN(since)) return records
  return records.filter((r) => {
    const updated = parseXeroDate(r.UpdatedDateUTC)
    return updated === undefined || updated > since
  })
}

function roundUnit(value: unknown, dp: number): unknown {
  return typeof value === 'number' ? Number(new D(value).toDecimalPlaces(dp, D.ROUND_HALF_UP)) : value
}

/** Xero rounds unit amounts to 2 dp unless the caller asks for `unitdp=4`. */
export function applyUnitDp(record: XeroRecord, linesField: string | undefined, unitdp: number): XeroRecord {
  const dp = unitdp === 4 ? 4 : 2
  const out: XeroRecord = {...record}
  if (linesField && Array.isArray(record[linesField])) {
    out[linesField] = (record[linesField] as XeroRecord[]).map((l) => ({
      ...l,
      UnitAmount: roundUnit(l.UnitAmount, dp),
    }))
  }
  for (const details of ['SalesDetails', 'PurchaseDetails']) {
    const d = record[details]
    if (d && typeof d === 'object') {
      out[details] = {...(d as XeroRecord), UnitPrice: roundUnit((d as XeroRecord).UnitPrice, dp)}
    }
  }
  return out
}
