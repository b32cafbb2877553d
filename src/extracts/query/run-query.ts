import {parsePrivateNoteMarker} from '../../domain/ids.js'
import {D} from '../../domain/money.js'
import {type PageReader, PrivateNoteIndex, type QboEntity, readAllStable} from '../../qbo/index.js'
import {parseStatement, qboStatement, type Statement} from './statement.js'

/** What the engine needs from the QBO client: one query page (QboClient.queryPage fits). */
export interface QuerySource {
  queryPage: PageReader
}

export interface QueryResult {
  entity: string
  /** The statement as QBO was sent it (before ORDERBY Id and paging). */
  sent: string
  /** COUNT(*) answers only this. */
  count?: number
  rows: QboEntity[]
  /** Rows QBO returned before the PrivateNote filter. */
  scanned: number
}

export interface QueryOptions {
  /** Find records whose PrivateNote holds this text (a `%` pattern as with LIKE, or our marker). */
  privateNote?: string
}

/**
 * Runs a QBO query to the end: all pages, each row once (readAllStable), then the filters and order QBO
 * cannot apply itself. PrivateNote cannot be filtered by QBO (fault 4001), so `--private-note` and
 * `WHERE PrivateNote …` read the rows the other conditions select and index their notes here.
 */
export async function runQuery(
  source: QuerySource,
  text: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const s = parseStatement(text)
  const sent = qboStatement(s)
  if (s.count && s.privateNote.length === 0 && !options.privateNote) {
    const {rows, totalCount} = await countOf(source, sent)
    return {entity: s.entity, sent, count: totalCount ?? rows, rows: [], scanned: 0}
  }
  // A count with a PrivateNote condition has to read the rows themselves and count them here.
  const all = await readAllStable(source.queryPage, qboStatement({...s, count: false}))
  let rows = filterPrivateNote(s, all, options.privateNote)
  if (s.count) return {entity: s.entity, sent, count: rows.length, rows: [], scanned: all.length}
  if (s.orderBy) rows = sortBy(rows, s.orderBy.field, s.orderBy.desc)
  rows = rows.slice(s.offset, s.limit === undefined ? undefined : s.offset + s.limit)
  return {entity: s.entity, sent, rows, scanned: all.length}
}

async function countOf(source: QuerySource, sent: string): Promise<{rows: number; totalCount?: number}> {
  const page = (await source.queryPage(sent)) as {rows: QboEntity[]; totalCount?: number}
  return {rows: page.rows.length, ...(page.totalCount !== undefined ? {totalCount: page.totalCount} : {})}
}

function filterPrivateNote(s: Statement, rows: QboEntity[], wanted: string | undefined): QboEntity[] {
  const conditions = [...s.privateNote, ...(wanted === undefined ? [] : [asCondition(wanted)])]
  if (conditions.length === 0) return rows
  // Our own marker (qbo-toolkit:<system>:<id>) is looked up the way the loader and reconciler find records.
  const marker = wanted === undefined ? undefined : parsePrivateNoteMarker(wanted)
  if (marker && s.privateNote.length === 0) {
    const index = new PrivateNoteIndex()
    for (const row of rows) index.add(s.entity, row)
    const hit = index.bySource(s.entity, marker.system, marker.sourceId)
    return hit ? [hit.row] : []
  }
  const tests = conditions.map((c) => (c.op === '=' ? equalsIgnoringCase(c.value) : like(c.value)))
  return rows.filter((r) => {
    const note = typeof r.PrivateNote === 'string' ? r.PrivateNote : ''
    return tests.every((t) => t(note))
  })
}

/** `--private-note TEXT`: a LIKE pattern when it has `%`, otherwise "contains TEXT". */
function asCondition(text: string): {op: '=' | 'LIKE'; value: string} {
  return {op: 'LIKE', value: text.includes('%') ? text : `%${text}%`}
}

function equalsIgnoringCase(value: string): (note: string) => boolean {
  const v = value.toLowerCase()
  return (note) => note.toLowerCase() === v
}

function like(pattern: string): (note: string) => boolean {
  const body = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  const re = new RegExp(`^${body}$`, 'is')
  return (note) => re.test(note)
}

function valueAt(row: QboEntity, path: string): unknown {
  let v: unknown = row
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined
    const key = Object.keys(v).find((k) => k.toLowerCase() === part.toLowerCase())
    v = key === undefined ? undefined : (v as Record<string, unknown>)[key]
  }
  // A reference sorts by its id, as QBO compares CustomerRef = '58'.
  if (typeof v === 'object' && v !== null && 'value' in v) return (v as {value: unknown}).value
  return v
}

const NUMERIC = /^-?\d+(\.\d+)?$/

/** A stable sort on one field (numbers as numbers, text ignoring case), ties kept in Id order. */
function sortBy(rows: QboEntity[], field: string, desc: boolean): QboEntity[] {
  const cmp = (a: unknown, b: unknown): number => {
    if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1
    if (b === undefined || b === null) return 1
    const [x, y] = [String(a as string), String(b as string)]
    if (NUMERIC.test(x) && NUMERIC.test(y)) return new D(x).comparedTo(new D(y))
    return x.toLowerCase().localeCompare(y.toLowerCase())
  }
  return [...rows].sort((a, b) => (desc ? -1 : 1) * cmp(valueAt(a, field), valueAt(b, field)))
}
