import {faults} from '../faults.js'

/**
 * QBO's query language (qbo-api.md §3): SELECT * | fields | COUNT(*) FROM Entity [WHERE cond AND ...]
 * [ORDERBY field [ASC|DESC]] [STARTPOSITION n] [MAXRESULTS n]. No OR, no parentheses around conditions.
 * Hand-written because it is small and its error texts must be QBO's own (QueryParserError: Encountered ...).
 */
export type Value = string | number | boolean
export type Op = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE'

export interface Condition {
  field: string
  op: Op
  values: Value[]
}

export interface Query {
  entity: string
  count: boolean
  fields: string[] | '*'
  where: Condition[]
  orderBy?: {field: string; desc: boolean}
  startPosition: number
  maxResults: number
}

interface Token {
  kind: 'word' | 'string' | 'number' | 'op' | 'punct' | 'eof'
  text: string
  value: Value
  col: number
}

function tokenize(q: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < q.length) {
    const c = q[i]!
    const col = i + 1
    if (/\s/.test(c)) {
      i++
    } else if (c === "'") {
      let v = ''
      i++
      for (;;) {
        if (i >= q.length)
          throw faults.queryParse(
            `Lexical error at line 1, column ${q.length + 1}.  Encountered: <EOF> after : "'${v}"`,
          )
        const ch = q[i]!
        if (ch === '\\' && i + 1 < q.length) {
          v += q[i + 1]
          i += 2
        } else if (ch === "'") {
          i++
          break
        } else {
          v += ch
          i++
        }
      }
      out.push({kind: 'string', text: `'${v}'`, value: v, col})
    } else if (/[0-9.-]/.test(c) && /^-?(\d+(\.\d*)?|\.\d+)/.test(q.slice(i))) {
      const m = /^-?(\d+(\.\d*)?|\.\d+)/.exec(q.slice(i))![0]
      out.push({kind: 'number', text: m, value: Number(m), col})
      i += m.length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i))![0]
      out.push({kind: 'word', text: m, value: m, col})
      i += m.length
    } else if (c === '<' || c === '>' || c === '=' || c === '!') {
      const two = q.slice(i, i + 2)
      const text = two === '<=' || two === '>=' || two === '!=' || two === '<>' ? two : c
      out.push({kind: 'op', text, value: text, col})
      i += text.length
    } else if ('(),*'.includes(c)) {
      out.push({kind: 'punct', text: c, value: c, col})
      i++
    } else {
      throw faults.queryParse(`Lexical error at line 1, column ${col}.  Encountered: "${c}"`)
    }
  }
  out.push({kind: 'eof', text: '<EOF>', value: '', col: q.length + 1})
  return out
}

/** JavaCC-style token names as QBO prints them, e.g. `" <OR> "OR ""` for an OR it does not support. */
function tokenName(t: Token): string {
  if (t.kind === 'word') return /^(OR|AND)$/i.test(t.text) ? `<${t.text.toUpperCase()}>` : '<IDENTIFIER>'
  return t.kind === 'string' ? '<STRING>' : `"${t.text}"`
}

class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.i]!
  }

  next(): Token {
    return this.tokens[this.i++]!
  }

  isWord(word: string): boolean {
    const t = this.peek()
    return t.kind === 'word' && t.text.toUpperCase() === word
  }

  fail(expecting: string): never {
    const t = this.peek()
    const shown = t.kind === 'eof' ? '<EOF>' : `" ${tokenName(t)} "${t.text} ""`
    throw faults.queryParse(
      `Encountered ${shown} at line 1, column ${t.col}.\nWas expecting one of:\n    ${expecting}`,
    )
  }

  word(word: string): void {
    if (!this.isWord(word)) this.fail(`"${word.toLowerCase()}" ...`)
    this.i++
  }

  identifier(): string {
    const t = this.peek()
    if (t.kind !== 'word') this.fail('<IDENTIFIER> ...')
    this.i++
    return t.text
  }

  integer(): number {
    const t = this.peek()
    const n = t.kind === 'number' || t.kind === 'string' ? Number(t.value) : NaN
    if (!Number.isInteger(n)) this.fail('<INTEGER> ...')
    this.i++
    return n
  }

  value(): Value {
    const t = this.next()
    if (t.kind === 'string' || t.kind === 'number') return t.value
    if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true'
    this.i--
    return this.fail('<STRING> ...')
  }
}

export function parseQuery(text: string): Query {
  if (!text.trim()) throw faults.queryParse('The query provided was empty')
  const p = new Parser(tokenize(text))
  p.word('SELECT')
  let count = false
  let fields: string[] | '*' = '*'
  if (p.peek().text === '*') p.next()
  else if (p.isWord('COUNT')) {
    p.next()
    for (const c of ['(', '*', ')']) {
      if (p.peek().text !== c) p.fail(`"${c}"`)
      p.next()
    }
    count = true
  } else {
    fields = [p.identifier()]
    while (p.peek().text === ',') {
      p.next()
      fields.push(p.identifier())
    }
  }
  p.word('FROM')
  const entity = p.identifier()
  const where: Condition[] = []
  if (p.isWord('WHERE')) {
    p.next()
    for (;;) {
      where.push(condition(p))
      if (p.isWord('AND')) {
        p.next()
        continue
      }
      break
    }
  }
  let orderBy: Query['orderBy']
  if (p.isWord('ORDERBY') || p.isWord('ORDER')) {
    if (p.next().text.toUpperCase() === 'ORDER') p.word('BY')
    const field = p.identifier()
    let desc = false
    if (p.isWord('ASC') || p.isWord('DESC')) desc = p.next().text.toUpperCase() === 'DESC'
    orderBy = {field, desc}
  }
  let startPosition = 1
  let maxResults = 100
  for (;;) {
    if (p.isWord('STARTPOSITION')) {
      p.next()
      startPosition = p.integer()
      if (startPosition < 1)
        throw faults.queryInvalid(
          `QueryValidationError: value ${startPosition} is too small. Min allowed value is 1`,
        )
    } else if (p.isWord('MAXRESULTS')) {
      p.next()
      maxResults = p.integer()
      if (maxResults < 1)
        throw faults.queryInvalid(
          `QueryValidationError: value ${maxResults} is too small. Min allowed value is 1`,
        )
      // Larger pages are silently capped at QBO's maximum (whether QBO errors instead is UNCONFIRMED).
      maxResults = Math.min(maxResults, 1000)
    } else break
  }
  if (p.peek().kind !== 'eof')
    p.fail(
      '<EOF>\n    <AND>\n    "iterator" ...\n    "maxresults" ...\n    <OR> ...\n    "order" ...\n    "orderby" ...\n    "startposition" ...',
    )
  return {entity, count, fields, where, orderBy, startPosition, maxResults}
}

function condition(p: Parser): Condition {
  const field = p.identifier()
  const t = p.peek()
  if (t.kind === 'op') {
    if (!['=', '<', '>', '<=', '>='].includes(t.text))
      p.fail('"=" ... "<" ... ">" ... "<=" ... ">=" ... "IN" ... "LIKE" ...')
    p.next()
    return {field, op: t.text as Op, values: [p.value()]}
  }
  if (p.isWord('LIKE')) {
    p.next()
    const v = p.value()
    return {field, op: 'LIKE', values: [v]}
  }
  if (p.isWord('IN')) {
    p.next()
    if (p.peek().text !== '(') p.fail('"("')
    p.next()
    const values = [p.value()]
    while (p.peek().text === ',') {
      p.next()
      values.push(p.value())
    }
    if (p.peek().text !== ')') p.fail('")"')
    p.next()
    return {field, op: 'IN', values}
  }
  return p.fail('"=" ... "<" ... ">" ... "<=" ... ">=" ... "IN" ... "LIKE" ...')
}
