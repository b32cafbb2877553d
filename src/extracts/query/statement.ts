import {UsageError} from '../../domain/errors.js'

/**
 * A user's QBO query, taken apart so the extract can page it safely: the WHERE conditions QBO accepts are
 * sent; PrivateNote conditions (QBO refuses them, fault 4001) are applied here; ORDERBY is applied here after
 * the read (paging is always by Id); STARTPOSITION and MAXRESULTS apply to the whole result, not a page.
 */
export interface Statement {
  entity: string
  count: boolean
  /** Named fields (SELECT a, b): projected here, since QBO fails on nested ones. Undefined for `*`. */
  fields?: string[]
  /** Conditions sent to QBO, as written. */
  where: string[]
  /** PrivateNote conditions: `=` or LIKE with `%`. */
  privateNote: {op: '=' | 'LIKE'; value: string}[]
  orderBy?: {field: string; desc: boolean}
  offset: number
  limit?: number
}

interface Token {
  text: string
  upper: string
  quoted: boolean
}

function tokenize(text: string): Token[] {
  const out: Token[] = []
  const re = /'((?:\\.|[^'\\])*)'|(<=|>=|<>|!=|[(),=<>*])|([^\s(),=<>*']+)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) out.push({text: m[0], upper: m[0], quoted: true})
    else {
      const t = m[2] ?? m[3] ?? ''
      out.push({text: t, upper: t.toUpperCase(), quoted: false})
    }
  }
  return out
}

/** Tokens back to text, without spaces inside IN (…) lists; quoted values are left exactly as written. */
function joinTokens(tokens: Token[]): string {
  let text = ''
  tokens.forEach((x, i) => {
    const prev = tokens[i - 1]
    const tight =
      i === 0 || (!x.quoted && (x.text === ')' || x.text === ',')) || (!prev?.quoted && prev?.text === '(')
    text += (tight ? '' : ' ') + x.text
  })
  return text
}

function unquote(token: Token): string {
  return token.text.slice(1, -1).replace(/\\(.)/g, '$1')
}

function bad(statement: string, why: string): UsageError {
  return new UsageError(`Cannot read the query: ${why}.`, {
    next: `Write it as QBO does: SELECT * FROM Invoice WHERE TxnDate >= '2024-01-01' (got: ${statement}).`,
  })
}

export function parseStatement(statement: string): Statement {
  const t = tokenize(statement.trim())
  if (t[0]?.upper !== 'SELECT') throw bad(statement, 'it must start with SELECT')
  const from = t.findIndex((x) => x.upper === 'FROM')
  if (from < 0 || !t[from + 1]) throw bad(statement, 'FROM <Entity> is missing')
  const selected = t.slice(1, from)
  const count = selected.some((x) => x.upper === 'COUNT')
  const star = selected.length === 1 && selected[0]?.text === '*'
  const fields = count || star ? undefined : selected.filter((x) => x.text !== ',').map((x) => x.text)
  if (fields && fields.length === 0) throw bad(statement, 'nothing is selected')
  const entity = t[from + 1]!.text
  const out: Statement = {entity, count, ...(fields ? {fields} : {}), where: [], privateNote: [], offset: 0}
  let i = from + 2
  const clause = () => t[i]?.upper
  if (clause() === 'WHERE') {
    i += 1
    let current: Token[] = []
    const flush = () => {
      if (current.length === 0) throw bad(statement, 'an empty condition')
      const [field, op, value] = current
      if (field?.upper === 'PRIVATENOTE') {
        if (!value?.quoted || (op?.upper !== '=' && op?.upper !== 'LIKE') || current.length !== 3)
          throw bad(statement, "PrivateNote takes = 'text' or LIKE '%text%'")
        out.privateNote.push({op: op.upper === '=' ? '=' : 'LIKE', value: unquote(value)})
      } else out.where.push(joinTokens(current))
      current = []
    }
    while (i < t.length && !['ORDERBY', 'ORDER', 'STARTPOSITION', 'MAXRESULTS'].includes(t[i]!.upper)) {
      if (t[i]!.upper === 'AND') flush()
      else if (t[i]!.upper === 'OR') throw bad(statement, 'QBO has no OR')
      else current.push(t[i]!)
      i += 1
    }
    flush()
  }
  while (i < t.length) {
    const word = t[i]!.upper
    if (word === 'ORDER' && t[i + 1]?.upper === 'BY') i += 1
    if (word === 'ORDERBY' || word === 'ORDER') {
      const field = t[i + 1]
      if (!field) throw bad(statement, 'ORDERBY needs a field')
      const dir = t[i + 2]?.upper
      out.orderBy = {field: field.text, desc: dir === 'DESC'}
      i += dir === 'DESC' || dir === 'ASC' ? 3 : 2
    } else if (word === 'STARTPOSITION' || word === 'MAXRESULTS') {
      const n = Number(t[i + 1]?.text)
      if (!Number.isInteger(n) || n < 1) throw bad(statement, `${word} needs a whole number from 1`)
      if (word === 'STARTPOSITION') out.offset = n - 1
      else out.limit = n
      i += 2
    } else throw bad(statement, `unexpected "${t[i]!.text}"`)
  }
  return out
}

/** The statement QBO is sent: SELECT * (or COUNT(*)) with the conditions it accepts, no order or paging. */
export function qboStatement(s: Statement): string {
  const what = s.count ? 'COUNT(*)' : '*'
  const where = s.where.length > 0 ? ` WHERE ${s.where.join(' AND ')}` : ''
  return `SELECT ${what} FROM ${s.entity}${where}`
}
