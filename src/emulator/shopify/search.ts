import type {EmuOrder} from './model.js'

/**
 * The part of Shopify's search syntax the sync uses on `orders(query:)`: terms joined by spaces or AND,
 * each `field:value` or `field:<op>value` with op one of > >= < <=, values optionally quoted. Date fields
 * (updated_at, created_at, processed_at) compare instants; a bare date means its midnight UTC. A field the
 * emulator does not know is ignored with a warning, as Shopify ignores an unknown filter.
 */
export interface SearchTerm {
  field: string
  op: '>' | '>=' | '<' | '<=' | '='
  value: string
}

const DATE_FIELDS: Record<string, (o: EmuOrder) => string> = {
  updated_at: (o) => o.updatedAt,
  created_at: (o) => o.createdAt,
  processed_at: (o) => o.processedAt,
}

const TEXT_FIELDS: Record<string, (o: EmuOrder) => string> = {
  name: (o) => o.name,
  test: (o) => String(o.test),
  id: (o) => o.id,
}

export function parseSearch(query: string | null | undefined): {terms: SearchTerm[]; warnings: string[]} {
  const terms: SearchTerm[] = []
  const warnings: string[] = []
  const tokens = (query ?? '').match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []
  for (const token of tokens) {
    if (/^(AND)$/i.test(token)) continue
    const m = /^([a-z_]+):(>=|<=|>|<)?(.*)$/i.exec(token)
    if (!m) {
      warnings.push(`Free text search "${token}" is not supported by the emulator; ignored.`)
      continue
    }
    const field = m[1]!.toLowerCase()
    const value = m[3]!.replace(/^['"]|['"]$/g, '')
    if (!DATE_FIELDS[field] && !TEXT_FIELDS[field]) {
      warnings.push(`Invalid search field for this query: ${field}`)
      continue
    }
    terms.push({field, op: (m[2] as SearchTerm['op'] | undefined) ?? '=', value})
  }
  return {terms, warnings}
}

function instant(text: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
  return Number.isNaN(ms) ? NaN : ms
}

export function matches(order: EmuOrder, terms: readonly SearchTerm[]): boolean {
  return terms.every((t) => {
    const date = DATE_FIELDS[t.field]
    if (date) {
      const a = instant(date(order))
      const b = instant(t.value)
      if (Number.isNaN(b)) return false
      switch (t.op) {
        case '>':
          return a > b
        case '>=':
          return a >= b
        case '<':
          return a < b
        case '<=':
          return a <= b
        default:
          return a === b
      }
    }
    const value = TEXT_FIELDS[t.field]!(order)
    return value.toLowerCase() === t.value.toLowerCase()
  })
}

const SORTS: Record<string, (o: EmuOrder) => string | number> = {
  UPDATED_AT: (o) => Date.parse(o.updatedAt),
  CREATED_AT: (o) => Date.parse(o.createdAt),
  PROCESSED_AT: (o) => Date.parse(o.processedAt),
  ID: (o) => Number(o.id),
  ORDER_NUMBER: (o) => o.number,
}

/** Orders sorted as asked; ties broken by id, so a cursor always has one place to resume from. */
export function sortOrders(orders: EmuOrder[], sortKey: string, reverse: boolean): EmuOrder[] {
  const key = SORTS[sortKey] ?? SORTS.PROCESSED_AT!
  const sorted = [...orders].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    return x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id)
  })
  return reverse ? sorted.reverse() : sorted
}
