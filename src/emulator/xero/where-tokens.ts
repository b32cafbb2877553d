/** A where or order clause Xero could not read; the message is Dynamic LINQ's, as Xero passes it on. */
export class QueryParseError extends Error {}

export interface Token {
  type: 'ident' | 'string' | 'number' | 'op' | 'punct' | 'end'
  text: string
  value?: string | number
}

/** Splits a clause into identifiers, literals (strings with their quotes resolved, numbers), operators and punctuation. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (ch === '"' || ch === "'") {
      // A doubled quote inside a literal is a quote (Dynamic LINQ); a backslash escape is accepted too.
      let value = ''
      let j = i + 1
      for (;;) {
        if (j >= text.length) throw new QueryParseError('Unterminated string literal')
        const c = text[j]!
        if (c === '\\' && j + 1 < text.length) {
          value += text[j + 1]
          j += 2
        } else if (c === ch && text[j + 1] === ch) {
          value += ch
          j += 2
        } else if (c === ch) break
        else {
          value += c
          j++
        }
      }
      if (ch === "'" && value.length !== 1)
        throw new QueryParseError('Character literal must contain exactly one character')
      tokens.push({type: 'string', text: text.slice(i, j + 1), value})
      i = j + 1
      continue
    }
    const num = /^\d+(\.\d+)?/.exec(text.slice(i))
    if (num) {
      tokens.push({type: 'number', text: num[0], value: Number(num[0])})
      i += num[0].length
      continue
    }
    const ident = /^[A-Za-z_]\w*/.exec(text.slice(i))
    if (ident) {
      tokens.push({type: 'ident', text: ident[0]})
      i += ident[0].length
      continue
    }
    const op = /^(==|!=|<>|>=|<=|&&|\|\||[=<>!-])/.exec(text.slice(i))
    if (op) {
      tokens.push({type: 'op', text: op[0]})
      i += op[0].length
      continue
    }
    if ('().,'.includes(ch)) {
      tokens.push({type: 'punct', text: ch})
      i++
      continue
    }
    throw new QueryParseError(`Syntax error '${ch}'`)
  }
  tokens.push({type: 'end', text: ''})
  return tokens
}
