import type {CivilDate} from '../../domain/civil-date.js'
import type {Dec} from '../../domain/money.js'
import {fileError} from './errors.js'
import {type DateOrder, parseDate} from './parse-values.js'

/**
 * Header names as found, and a lookup from the key a parser reads a column by to its columns. With
 * `declared` (the keys of the file's layout), asking for any other key is a bug: every column read is in the
 * layout table, which is what the docs list. A key may have several columns (a header carrying two
 * documented spellings of one field, as AccountEdge's Pay Bills has `Checking Account` and `Payment
 * Account #`): a row reads the one that holds a value, whatever their order.
 */
export class HeaderMap {
  private readonly index = new Map<string, number[]>()
  constructor(
    readonly names: string[],
    resolve: (name: string) => string | undefined,
    private readonly declared?: ReadonlySet<string>,
  ) {
    names.forEach((n, i) => {
      const key = resolve(n)
      if (key) this.index.set(key, [...(this.index.get(key) ?? []), i])
    })
  }

  /** The column indexes of a key, in header order; undefined when the file does not have the column. */
  columnsOf(key: string): readonly number[] | undefined {
    if (this.declared && !this.declared.has(key))
      throw new Error(`bug: the parser reads "${key}", which its layout does not declare`)
    return this.index.get(key)
  }

  /** The first column of a key. */
  indexOf(key: string): number | undefined {
    return this.columnsOf(key)?.[0]
  }

  has(key: string): boolean {
    return this.indexOf(key) !== undefined
  }

  /** The keys present, in header order. */
  keys(): string[] {
    return [...this.index.keys()]
  }
}

/**
 * One data row, read by header key. Every accessor that can fail names the file, line and column, so an
 * error always points at the cell to fix.
 */
export class TableRow {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly headers: HeaderMap,
    readonly fields: string[],
  ) {}

  has(key: string): boolean {
    return this.headers.has(key)
  }

  /**
   * The trimmed cell text; '' when the column is absent or empty. Of several columns for one key, the one
   * with a value; two differently named columns with different values are refused (which to read would be
   * a guess), while a name the header repeats (AccountEdge's two `Memo`s) reads its first value.
   */
  text(key: string): string {
    const columns = this.headers.columnsOf(key)
    if (columns === undefined) return ''
    let found: {text: string; at: number} | undefined
    for (const i of columns) {
      const t = (this.fields[i] ?? '').trim()
      if (t === '') continue
      if (!found) {
        found = {text: t, at: i}
        continue
      }
      const [a, b] = [this.headers.names[found.at]?.trim(), this.headers.names[i]?.trim()]
      if (t !== found.text && a !== b) {
        throw fileError(
          {file: this.file, line: this.line, column: b ?? key},
          `"${t}" here but "${found.text}" under ${a}: two columns for one field disagree`,
        )
      }
    }
    return found?.text ?? ''
  }

  optional(key: string): string | undefined {
    const t = this.text(key)
    return t === '' ? undefined : t
  }

  /** The column's name as the file writes it: the one holding the value, else the first. */
  column(key: string): string {
    const columns = this.headers.columnsOf(key) ?? []
    const i = columns.find((c) => (this.fields[c] ?? '').trim() !== '') ?? columns[0]
    return i === undefined ? key : (this.headers.names[i] ?? key).trim()
  }

  fail(key: string | undefined, reason: string, next?: string): Error {
    return fileError(
      {file: this.file, line: this.line, ...(key === undefined ? {} : {column: this.column(key)})},
      reason,
      next,
    )
  }

  required(key: string, what = 'a value'): string {
    const t = this.text(key)
    if (t === '') throw this.fail(key, `missing ${what}`)
    return t
  }

  date(key: string, order: DateOrder, required: true): CivilDate
  date(key: string, order: DateOrder, required?: false): CivilDate | undefined
  date(key: string, order: DateOrder, required = false): CivilDate | undefined {
    const t = this.text(key)
    if (t === '') {
      if (required) throw this.fail(key, 'missing date')
      return undefined
    }
    const d = parseDate(t, order)
    if (!d)
      throw this.fail(key, `invalid date "${t}" (expected ${order === 'dmy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'})`)
    return d
  }

  number(key: string, parse: (t: string) => Dec | undefined, required: true): Dec
  number(key: string, parse: (t: string) => Dec | undefined, required?: false): Dec | undefined
  number(key: string, parse: (t: string) => Dec | undefined, required = false): Dec | undefined {
    const t = this.text(key)
    if (t === '') {
      if (required) throw this.fail(key, 'missing amount')
      return undefined
    }
    const v = parse(t)
    if (!v) throw this.fail(key, `unparsable amount "${t}"`)
    return v
  }
}
