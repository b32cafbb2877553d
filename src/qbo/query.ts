/**
 * QBO's query language (qbo-api.md §3): no OR, no projections, string values in single quotes with
 * a backslash escaping an apostrophe. We also escape the backslash itself, so a name ending in `\`
 * cannot swallow the closing quote. Unicode goes through as is (the URL encoding carries it).
 */
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN'
export type Value = string | number | boolean

const IDENT = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/

export function quote(value: Value): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`BUG: cannot query with ${value}`)
    return `'${value}'`
  }
  if (typeof value === 'boolean') return String(value)
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`BUG: "${name}" is not a QBO property or entity name`)
  return name
}

export class QueryBuilder {
  private readonly conditions: string[] = []
  private order: string | undefined

  constructor(private readonly entity: string) {
    ident(entity)
  }

  where(field: string, op: Operator, value: Value | readonly Value[]): this {
    if (op === 'IN') {
      const list = Array.isArray(value) ? (value as readonly Value[]) : [value as Value]
      if (list.length === 0) throw new Error('BUG: IN () with no values')
      this.conditions.push(`${ident(field)} IN (${list.map(quote).join(', ')})`)
    } else {
      if (Array.isArray(value)) throw new Error(`BUG: ${op} takes one value`)
      this.conditions.push(`${ident(field)} ${op} ${quote(value as Value)}`)
    }
    return this
  }

  orderBy(field: string, direction: 'ASC' | 'DESC' = 'ASC'): this {
    this.order = `${ident(field)} ${direction}`
    return this
  }

  get entityName(): string {
    return this.entity
  }

  /** The statement without paging; the reader adds STARTPOSITION/MAXRESULTS. */
  toString(): string {
    const where = this.conditions.length ? ` WHERE ${this.conditions.join(' AND ')}` : ''
    const order = this.order ? ` ORDERBY ${this.order}` : ''
    return `SELECT * FROM ${this.entity}${where}${order}`
  }
}

export function select(entity: string): QueryBuilder {
  return new QueryBuilder(entity)
}

export function paged(statement: string, startPosition: number, maxResults: number): string {
  return `${statement} STARTPOSITION ${startPosition} MAXRESULTS ${maxResults}`
}
