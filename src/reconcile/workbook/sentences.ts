/**
 * A decision's detail as plain sentences for an accountant: `{difference: "0.05", lineNo: 2}` reads
 * "Difference: 0.05. Line number: 2." Keys are spelled out, lists and nested facts become clauses; no JSON.
 */
const WORDS: Record<string, string> = {
  lineNo: 'line number',
  qboId: 'QBO Id',
  taxCode: 'tax code',
  accountId: 'account',
  documentId: 'document',
  creditId: 'credit',
  parentId: 'parent account',
  sourceId: 'source id',
}

function words(key: string): string {
  const known = WORDS[key]
  if (known) return known
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
}

const capital = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)

function value(v: unknown): string {
  if (v === null || v === undefined) return 'none'
  if (Array.isArray(v)) return v.map((x) => (isObject(x) ? clause(x) : value(x))).join('; ')
  if (isObject(v)) return clause(v)
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  return String(v as string | number)
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function clause(o: Record<string, unknown>): string {
  return Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${words(k)} ${value(v)}`)
    .join(', ')
}

export function detailSentences(detail: Record<string, unknown> | undefined): string {
  if (!detail) return ''
  const out: string[] = []
  for (const [k, v] of Object.entries(detail)) {
    if (v === undefined) continue
    if (k === 'more' && Array.isArray(v)) {
      out.push(`The same for: ${value(v)}.`)
      continue
    }
    out.push(`${capital(words(k))}: ${value(v)}.`)
  }
  return out.join(' ')
}
