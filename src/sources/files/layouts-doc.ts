/**
 * The layout tables as markdown, for docs/sources-files.md (between its `<!-- layouts:… -->` markers;
 * `npm run docs:layouts` rewrites them and a test keeps them equal), so the docs list exactly the columns
 * and spellings the parser reads.
 */
import type {Layout, LayoutSet} from './layouts.js'

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``

function required<T extends string>(set: LayoutSet<T>, layout: Layout<T>): string {
  return layout.required
    .map((r) =>
      typeof r === 'string'
        ? code(set.documentedName(layout.type, r))
        : r.map((k) => code(set.documentedName(layout.type, k))).join(' or '),
    )
    .join(', ')
}

/** One section per export type: what it is staged as, required columns, columns read with their spellings. */
export function layoutsMarkdown<T extends string>(set: LayoutSet<T>, system: string): string {
  const out: string[] = []
  for (const layout of set.layouts) {
    out.push(`#### ${layout.label} (\`${system}:${layout.type}\`)`, '')
    if (layout.notMigrated) {
      out.push(
        `Refused by name: ${layout.notMigrated.what}. ${layout.notMigrated.next}`,
        '',
        `Recognised by: ${required(set, layout)}${layout.other?.length ? `, with ${layout.other.map(code).join(', ')}` : ''}.`,
        '',
      )
      continue
    }
    out.push(`Required: ${required(set, layout)}.`, '')
    out.push('| Column read | Spellings accepted |', '|---|---|')
    for (const c of layout.columns) {
      const [first, ...rest] = c.names
      const matched = c.matches ? ['any `<home currency> per unit` style name'] : []
      out.push(`| ${code(first ?? c.key)} | ${[...rest.map(code), ...matched].join(', ') || '—'} |`)
    }
    if (layout.other?.length) {
      out.push(
        '',
        `Other documented columns (they only help recognise the file): ${layout.other.map(code).join(', ')}.`,
      )
    }
    out.push('')
  }
  return out.join('\n').trimEnd()
}

/** Replaces the text between `<!-- layouts:NAME -->` and `<!-- /layouts:NAME -->`. */
export function withLayouts(doc: string, name: string, markdown: string): string {
  const start = `<!-- layouts:${name} -->`
  const end = `<!-- /layouts:${name} -->`
  const a = doc.indexOf(start)
  const b = doc.indexOf(end)
  if (a < 0 || b < a) throw new Error(`the doc has no ${start} … ${end} section`)
  return `${doc.slice(0, a + start.length)}\n\n${markdown}\n\n${doc.slice(b)}`
}
