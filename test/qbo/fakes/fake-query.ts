// A small parser for the subset of QBO's query language the client sends (qbo-api.md §3):
// SELECT * FROM E [WHERE f op v [AND ...]] [ORDERBY f [ASC|DESC]] [STARTPOSITION n] [MAXRESULTS n].
// String values are single-quoted; a backslash escapes the next character.

export interface Condition {
  field: string
  op: string
  values: (string | number | boolean)[]
}

export interface ParsedQuery {
  entity: string
  where: Condition[]
  orderBy?: {field: string; desc: boolean}
  start: number
  max: number
}

type Tok = {t: 'word' | 'str' | 'op' | 'punct'; v: string}

function tokenize(s: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < s.length) {
    const c = s[i] as string
    if (/\s/.test(c)) {
      i++
    } else if (c === "'") {
      let v = ''
      i++
      for (;;) {
        if (i >= s.length) throw new Error('unterminated string')
        const d = s[i] as string
        if (d === '\\') {
          v += s[i + 1] ?? ''
          i += 2
        } else if (d === "'") {
          i++
          break
        } else {
          v += d
          i++
        }
      }
      out.push({t: 'str', v})
    } else if (/[<>=]/.test(c)) {
      const two = s.slice(i, i + 2)
      const op = two === '<=' || two === '>=' ? two : c
      out.push({t: 'op', v: op})
      i += op.length
    } else if (c === '(' || c === ')' || c === ',' || c === '*') {
      out.push({t: 'punct', v: c})
      i++
    } else {
      const m = /^[A-Za-z0-9_.:+-]+/.exec(s.slice(i))
      if (!m) throw new Error(`unexpected character ${c}`)
      out.push({t: 'word', v: m[0]})
      i += m[0].length
    }
  }
  return out
}

export function parseQuery(q: string): ParsedQuery {
  const toks = tokenize(q)
  let p = 0
  const peek = () => toks[p]
  const next = () => {
    const t = toks[p++]
    if (!t) throw new Error('unexpected end of query')
    return t
  }
  const kw = (w: string) => {
    const t = next()
    if (t.t !== 'word' || t.v.toUpperCase() !== w) throw new Error(`expected ${w}, got ${t.v}`)
  }
  const value = (): string | number | boolean => {
    const t = next()
    if (t.t === 'str') return t.v
    if (/^(true|false)$/i.test(t.v)) return t.v.toLowerCase() === 'true'
    return t.v
  }
  kw('SELECT')
  if (next().v !== '*') throw new Error('only SELECT * is supported')
  kw('FROM')
  const entity = next().v
  const parsed: ParsedQuery = {entity, where: [], start: 1, max: 100}
  while (peek()) {
    const w = next().v.toUpperCase()
    if (w === 'WHERE' || w === 'AND') {
      const field = next().v
      const opTok = next()
      const op = opTok.v.toUpperCase()
      if (op === 'IN') {
        if (next().v !== '(') throw new Error('expected (')
        const values = [value()]
        while (peek()?.v === ',') {
          next()
          values.push(value())
        }
        if (next().v !== ')') throw new Error('expected )')
        parsed.where.push({field, op, values})
      } else {
        parsed.where.push({field, op, values: [value()]})
      }
    } else if (w === 'ORDERBY') {
      const field = next().v
      const dir = peek()?.v.toUpperCase()
      if (dir === 'ASC' || dir === 'DESC') next()
      parsed.orderBy = {field, desc: dir === 'DESC'}
    } else if (w === 'STARTPOSITION') {
      parsed.start = Number(next().v)
    } else if (w === 'MAXRESULTS') {
      parsed.max = Number(next().v)
    } else if (w === 'OR') {
      throw new Error('OR is not supported')
    } else {
      throw new Error(`unexpected ${w}`)
    }
  }
  return parsed
}

function get(row: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      row,
    )
}

function cmp(a: unknown, b: string | number | boolean): number {
  const as = String(a ?? '')
  const bs = String(b)
  const an = Number(as)
  const bn = Number(bs)
  if (as !== '' && bs !== '' && !Number.isNaN(an) && !Number.isNaN(bn)) return an - bn
  return as < bs ? -1 : as > bs ? 1 : 0
}

export function matches(row: Record<string, unknown>, c: Condition): boolean {
  const v = get(row, c.field)
  const first = c.values[0] as string | number | boolean
  switch (c.op) {
    case '=':
      return cmp(v, first) === 0
    case '<':
      return cmp(v, first) < 0
    case '>':
      return cmp(v, first) > 0
    case '<=':
      return cmp(v, first) <= 0
    case '>=':
      return cmp(v, first) >= 0
    case 'IN':
      return c.values.some((x) => cmp(v, x) === 0)
    case 'LIKE': {
      const re = new RegExp(
        `^${String(first)
          .split('%')
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'i',
      )
      return re.test(String(v ?? ''))
    }
    default:
      throw new Error(`unknown operator ${c.op}`)
  }
}
