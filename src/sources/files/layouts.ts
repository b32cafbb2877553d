/**
 * Export layouts: what each export type of a source looks like, as a table. A layout lists the columns the
 * parser reads (each with every spelling accepted for it), the other columns the export is documented to
 * carry (they only help recognise it), and the columns it cannot do without. `LayoutSet` weighs a header row
 * against every layout of a source; adding an export type is adding a layout to the table.
 */

/** A column the parser reads: the key it reads it by, and the header spellings that mean it. */
export interface LayoutColumn {
  key: string
  /** The documented name first, then the variants accepted (compared after the source's normalisation). */
  names: readonly string[]
  /** A spelling that cannot be listed (e.g. a currency code inside the name), tested on the normalised name. */
  matches?: (normalised: string) => boolean
}

export interface Layout<T extends string = string> {
  type: T
  /** What the user calls the export, in messages and the docs. */
  label: string
  columns: readonly LayoutColumn[]
  /** Documented columns the parser does not read: they count only towards recognising the export. */
  other?: readonly string[]
  /** Keys the export cannot do without; an inner list means any one of them will do. */
  required: readonly (string | readonly string[])[]
  /** An export the source writes but a migration does not carry: refused with what it is and what to do. */
  notMigrated?: {what: string; next: string}
}

export type Recognition<T extends string> =
  | {kind: 'match'; layout: Layout<T>}
  /** No column of any export: the file is not an export (a README, a stray JSON). */
  | {kind: 'none'}
  /** Several exports fit about as well, or the header says too little: refused with the candidates named. */
  | {kind: 'ambiguous'; candidates: {layout: Layout<T>; missing: string[]}[]}
  /** Clearly one export, but a column it cannot do without is missing. */
  | {kind: 'incomplete'; layout: Layout<T>; missing: string[]}

/** A contender within this share of the best score is a tie, unless only one of them is complete. */
const NEAR = 0.75
/** A header that matches fewer columns of its best layout says too little to be trusted. */
const MIN_COLUMNS = 2

export class LayoutSet<T extends string> {
  /** Per layout: normalised header name -> column key ('' for a documented column the parser does not read). */
  private readonly names = new Map<T, Map<string, string>>()
  /** How many layouts accept a normalised name: a name only one export has weighs 1, one all share little. */
  private readonly spread = new Map<string, number>()

  constructor(
    readonly layouts: readonly Layout<T>[],
    readonly normalise: (name: string) => string,
  ) {
    for (const layout of layouts) {
      const map = new Map<string, string>()
      for (const c of layout.columns)
        for (const n of c.names) if (!map.has(normalise(n))) map.set(normalise(n), c.key)
      for (const n of layout.other ?? []) if (!map.has(normalise(n))) map.set(normalise(n), '')
      this.names.set(layout.type, map)
      for (const n of map.keys()) this.spread.set(n, (this.spread.get(n) ?? 0) + 1)
    }
  }

  layout(type: T): Layout<T> {
    const found = this.layouts.find((l) => l.type === type)
    if (!found) throw new Error(`no layout ${type}`)
    return found
  }

  /** The key a header name is read by in one layout; undefined when the layout does not read it. */
  keyOf(type: T, name: string): string | undefined {
    const n = this.normalise(name)
    if (n === '') return undefined
    const key = this.names.get(type)?.get(n)
    if (key) return key
    return this.layout(type).columns.find((c) => c.matches?.(n))?.key
  }

  /** The keys one layout reads, so a parser asking for another key is caught as a bug. */
  keys(type: T): Set<string> {
    return new Set(this.layout(type).columns.map((c) => c.key))
  }

  /** The documented name of a key, for messages ("missing required column Invoice #"). */
  documentedName(type: T, key: string): string {
    return this.layout(type).columns.find((c) => c.key === key)?.names[0] ?? key
  }

  /** Required keys (or groups) the header lacks, by documented name ("Purchase # or Purchase No."). */
  missing(type: T, names: readonly string[]): string[] {
    const present = new Set(names.map((n) => this.keyOf(type, n)).filter((k): k is string => !!k))
    return this.layout(type)
      .required.filter((r) => (typeof r === 'string' ? !present.has(r) : !r.some((k) => present.has(k))))
      .map((r) =>
        typeof r === 'string'
          ? this.documentedName(type, r)
          : r.map((k) => this.documentedName(type, k)).join(' or '),
      )
  }

  /**
   * Weighs the whole header against every layout: each column counts 1 / (the number of layouts that have
   * it), so the columns only one export type has decide, and columns every export has (Date, Memo) barely
   * count. The best layout wins when it is the only complete one among those near its score.
   */
  recognise(names: readonly string[]): Recognition<T> {
    const seen = [...new Set(names.map(this.normalise).filter((n) => n !== ''))]
    const ranked = this.layouts
      .map((layout) => {
        let score = 0
        let columns = 0
        for (const n of seen) {
          const accepted = this.names.get(layout.type)?.has(n) || layout.columns.some((c) => c.matches?.(n))
          if (!accepted) continue
          score += 1 / (this.spread.get(n) ?? 1)
          columns++
        }
        return {layout, score, columns, missing: this.missing(layout.type, names)}
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
    const best = ranked[0]
    if (!best) return {kind: 'none'}
    const contenders = ranked.filter((r) => r.score >= best.score * NEAR)
    const complete = contenders.filter((r) => r.missing.length === 0)
    const named = (list: typeof ranked) =>
      list.slice(0, 4).map((r) => ({layout: r.layout, missing: r.missing}))
    if (best.columns < MIN_COLUMNS) return {kind: 'ambiguous', candidates: named(ranked)}
    if (complete.length === 1) return {kind: 'match', layout: (complete[0] as (typeof ranked)[0]).layout}
    if (complete.length > 1) return {kind: 'ambiguous', candidates: named(complete)}
    if (contenders.length === 1) return {kind: 'incomplete', layout: best.layout, missing: best.missing}
    return {kind: 'ambiguous', candidates: named(contenders)}
  }
}

/** `ID #`, `ID#`, `ID No.`, `ID No`, `ID Number`: the spellings of a numbered column ("obvious spellings"). */
export function numbered(base: string): string[] {
  return [`${base} #`, `${base} No.`, `${base} No`, `${base} Number`]
}
