import type {XeroRecord} from './company.js'
import {parseXeroDate} from './ms-date.js'
import {QueryParseError, type Token, tokenize} from './where-tokens.js'

export {QueryParseError} from './where-tokens.js'

/**
 * Xero's `where` filter. Xero evaluates it as a .NET Dynamic LINQ expression; the emulator reads the part
 * of that language Xero documents and its users write: comparisons (`==`, `=`, `!=`, `<>`, `>`, `>=`, `<`,
 * `<=`) of a field path with a string, number, boolean, `null`, `DateTime(y,m,d[,h,mi,s])`,
 * `DateTime.Parse("…")` or `Guid("…")`; the string methods `Contains`, `StartsWith`, `EndsWith` (and
 * `ToString()`, `ToLower()`, `ToUpper()`); `&&`/`AND`, `||`/`OR`, `!`/`NOT` and parentheses. A clause it
 * cannot read is a QueryParseError with Dynamic LINQ's message ("Expression expected", "No property or
 * field 'X' exists in type 'Invoice'"…), which the server answers as Xero does: 400 QueryParseException.
 */

type Value = string | number | boolean | null
/** A date literal compares by epoch ms with the record's `/Date(…)/` values. */
interface DateValue {
  date: number
}
type Operand = Value | DateValue

type Node =
  | {kind: 'literal'; value: Operand}
  | {kind: 'path'; path: string[]}
  | {kind: 'call'; target: Node; method: string; args: Node[]}
  | {kind: 'not'; operand: Node}
  | {kind: 'logic'; op: 'and' | 'or'; left: Node; right: Node}
  | {kind: 'compare'; op: CompareOp; left: Node; right: Node}

type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<='

const STRING_METHODS = new Set(['contains', 'startswith', 'endswith', 'tostring', 'tolower', 'toupper'])

/** A parsed where clause, ready for matchesWhere. */
export type WhereClause = Node

/** What a where clause may name: the type's properties, for "No property or field" errors. */
export interface WhereScope {
  typeName: string
  isProperty(name: string): boolean
  /** Whether a field holds booleans (so it can stand alone as a condition, as `IsCustomer` can). */
  isBoolean(path: string[]): boolean
}

class Parser {
  private i = 0

  constructor(
    private readonly tokens: Token[],
    private readonly scope: WhereScope,
  ) {}

  parse(): Node {
    const node = this.or()
    if (this.peek().type !== 'end') throw new QueryParseError("')' or operator expected")
    return node
  }

  private peek(): Token {
    return this.tokens[this.i]!
  }

  private next(): Token {
    return this.tokens[this.i++]!
  }

  private keyword(word: string): boolean {
    const t = this.peek()
    return t.type === 'ident' && t.text.toLowerCase() === word
  }

  private or(): Node {
    let left = this.and()
    while (this.peek().text === '||' || this.keyword('or')) {
      this.next()
      left = {kind: 'logic', op: 'or', left, right: this.and()}
    }
    return left
  }

  private and(): Node {
    let left = this.unary()
    while (this.peek().text === '&&' || this.keyword('and')) {
      this.next()
      left = {kind: 'logic', op: 'and', left, right: this.unary()}
    }
    return left
  }

  private unary(): Node {
    if (this.peek().text === '!' || this.keyword('not')) {
      this.next()
      return {kind: 'not', operand: this.unary()}
    }
    return this.comparison()
  }

  private comparison(): Node {
    const left = this.primary()
    const t = this.peek()
    if (t.type !== 'op' || ['&&', '||', '!', '-'].includes(t.text)) return left
    this.next()
    const op: CompareOp = t.text === '=' ? '==' : t.text === '<>' ? '!=' : (t.text as CompareOp)
    return {kind: 'compare', op, left, right: this.primary()}
  }

  private primary(): Node {
    const t = this.next()
    if (t.type === 'punct' && t.text === '(') {
      const inner = this.or()
      this.expect(')', "')' or operator expected")
      return inner
    }
    if (t.type === 'string') return {kind: 'literal', value: t.value as string}
    if (t.type === 'number') return {kind: 'literal', value: t.value as number}
    if (t.type === 'op' && t.text === '-' && this.peek().type === 'number')
      return {kind: 'literal', value: -(this.next().value as number)}
    if (t.type !== 'ident') throw new QueryParseError('Expression expected')
    const word = t.text.toLowerCase()
    if (word === 'true' || word === 'false') return {kind: 'literal', value: word === 'true'}
    if (word === 'null') return {kind: 'literal', value: null}
    if (word === 'guid' && this.peek().text === '(') return {kind: 'literal', value: this.guid()}
    if (word === 'datetime' && (this.peek().text === '(' || this.peek().text === '.'))
      return {kind: 'literal', value: this.dateTime()}
    return this.member(t.text)
  }

  private member(first: string): Node {
    if (!this.scope.isProperty(first))
      throw new QueryParseError(`No property or field '${first}' exists in type '${this.scope.typeName}'`)
    let node: Node = {kind: 'path', path: [first]}
    while (this.peek().text === '.') {
      this.next()
      const name = this.next()
      if (name.type !== 'ident') throw new QueryParseError('Identifier expected')
      if (this.peek().text === '(') {
        if (!STRING_METHODS.has(name.text.toLowerCase()))
          throw new QueryParseError(`No applicable method '${name.text}' exists in type 'String'`)
        node = {kind: 'call', target: node, method: name.text.toLowerCase(), args: this.args()}
      } else if (node.kind === 'path') node = {kind: 'path', path: [...node.path, name.text]}
      else throw new QueryParseError(`No property or field '${name.text}' exists in type 'String'`)
    }
    return node
  }

  private args(): Node[] {
    this.expect('(', "'(' expected")
    const args: Node[] = []
    if (this.peek().text !== ')') {
      args.push(this.or())
      while (this.peek().text === ',') {
        this.next()
        args.push(this.or())
      }
    }
    this.expect(')', "')' or ',' expected")
    return args
  }

  private guid(): string {
    const [arg] = this.args()
    if (arg?.kind !== 'literal' || typeof arg.value !== 'string')
      throw new QueryParseError('Expression expected')
    return arg.value
  }

  /** `DateTime(2024, 7, 1)` (UTC, as the emulator keeps every date) or `DateTime.Parse("2024-07-01")`. */
  private dateTime(): DateValue {
    if (this.peek().text === '.') {
      this.next()
      const method = this.next()
      if (method.text.toLowerCase() !== 'parse')
        throw new QueryParseError(`No applicable method '${method.text}' exists in type 'DateTime'`)
      const [arg] = this.args()
      const ms =
        arg?.kind === 'literal' && typeof arg.value === 'string' ? parseXeroDate(arg.value) : undefined
      if (ms === undefined) throw new QueryParseError('String was not recognized as a valid DateTime.')
      return {date: ms}
    }
    const parts = this.args().map((a) => (a.kind === 'literal' ? a.value : undefined))
    if (parts.length < 3 || parts.length > 6 || parts.some((p) => typeof p !== 'number'))
      throw new QueryParseError("No matching constructor in type 'DateTime'")
    const [y, m, d, h = 0, mi = 0, s = 0] = parts as number[]
    return {date: Date.UTC(y!, m! - 1, d!, h, mi, s)}
  }

  private expect(text: string, message: string): void {
    if (this.next().text !== text) throw new QueryParseError(message)
  }
}

/** Parses a where clause, or throws QueryParseError with the message Xero would give. */
export function parseWhere(where: string, scope: WhereScope): WhereClause {
  const node = new Parser(tokenize(where), scope).parse()
  const boolean =
    node.kind === 'compare' ||
    node.kind === 'logic' ||
    node.kind === 'not' ||
    // A field alone (IsCustomer) is a condition when the field is a boolean.
    (node.kind === 'path' && scope.isBoolean(node.path)) ||
    (node.kind === 'call' && ['contains', 'startswith', 'endswith'].includes(node.method)) ||
    (node.kind === 'literal' && typeof node.value === 'boolean')
  if (!boolean) throw new QueryParseError("Expression of type 'Boolean' expected")
  return node
}

export function fieldValue(record: XeroRecord, path: string[]): unknown {
  let value: unknown = record
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined
    const obj = value as Record<string, unknown>
    const actual = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase())
    value = actual === undefined ? undefined : obj[actual]
  }
  return value
}

/** A record's value made comparable: dates as epoch ms, strings case-insensitively as Xero compares them. */
export function comparable(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null
  const date = parseXeroDate(value)
  if (date !== undefined) return date
  if (typeof value === 'string') return value.toLowerCase()
  if (typeof value === 'number' || typeof value === 'boolean') return value
  return JSON.stringify(value)
}

function evaluate(node: Node, record: XeroRecord): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value !== null && typeof node.value === 'object' ? node.value.date : node.value
    case 'path':
      return fieldValue(record, node.path)
    case 'not':
      return !truthy(evaluate(node.operand, record))
    case 'logic':
      return node.op === 'and'
        ? truthy(evaluate(node.left, record)) && truthy(evaluate(node.right, record))
        : truthy(evaluate(node.left, record)) || truthy(evaluate(node.right, record))
    case 'call': {
      const target = evaluate(node.target, record)
      // Xero's own evaluation fails on a method of a missing optional field (its docs advise `Field != null
      // &&` first); the emulator treats it as no match. UNCONFIRMED what status Xero answers.
      if (target === undefined || target === null) return node.method.startsWith('to') ? null : false
      const text = String(target)
      const arg = node.args[0] === undefined ? '' : String(evaluate(node.args[0], record) ?? '')
      switch (node.method) {
        case 'contains':
          return text.toLowerCase().includes(arg.toLowerCase())
        case 'startswith':
          return text.toLowerCase().startsWith(arg.toLowerCase())
        case 'endswith':
          return text.toLowerCase().endsWith(arg.toLowerCase())
        case 'tolower':
          return text.toLowerCase()
        case 'toupper':
          return text.toUpperCase()
        default:
          return target
      }
    }
    case 'compare': {
      const left = comparable(evaluate(node.left, record))
      const right = comparable(evaluate(node.right, record))
      if (node.op === '==') return left === right
      if (node.op === '!=') return left !== right
      if (left === null || right === null) return false
      const order = left === right ? 0 : left < right ? -1 : 1
      return node.op === '>'
        ? order > 0
        : node.op === '>='
          ? order >= 0
          : node.op === '<'
            ? order < 0
            : order <= 0
    }
  }
}

function truthy(value: unknown): boolean {
  return value === true
}

export function matchesWhere(record: XeroRecord, node: WhereClause): boolean {
  return truthy(evaluate(node, record))
}
