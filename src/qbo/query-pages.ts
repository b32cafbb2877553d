import {paged} from './query.js'

/** A record as QBO returns it. */
export type QboEntity = Record<string, unknown> & {Id?: string; SyncToken?: string}

export type PageReader = (statement: string) => Promise<{rows: QboEntity[]}>

export interface StablePagingOptions {
  /** MAXRESULTS per request: QBO allows at most 1000. */
  pageSize?: number
  /** How many already-read rows each request reads again to find its place (see below). */
  overlap?: number
}

const MAX_STEP_BACKS = 1000

/**
 * Every row of `statement` (SELECT * FROM X [WHERE …], without ORDERBY or paging), in Id order, each once,
 * even while the company changes between pages.
 *
 * Offset paging alone is not safe: without ORDERBY QBO's order is unspecified and may differ from one
 * request to the next (rows repeat and others are never seen), and even in a fixed order a row deleted
 * from an earlier page shifts every later row one place back, so one row falls between two pages. So every
 * page is ordered by Id, starts `overlap` rows before where the last one ended, and must contain one of
 * the last rows already read (the anchor): what follows the anchor is new. When no anchor is found (more
 * rows vanished than the overlap), the reader steps back a page and looks again. A seen-Id set guarantees
 * no row is returned twice. Rows created while reading get higher Ids and are read at the end; a row
 * created with a lower Id than the anchor (QBO Ids only grow in practice) would not be.
 */
export async function readAllStable(
  read: PageReader,
  statement: string,
  options: StablePagingOptions = {},
): Promise<QboEntity[]> {
  const size = options.pageSize ?? 1000
  const overlap = Math.min(options.overlap ?? 20, size - 1)
  const ordered = `${statement} ORDERBY Id`
  const out: QboEntity[] = []
  const seen = new Set<string>()
  let tail: string[] = []
  let next = 1
  let stepBacks = 0
  for (;;) {
    const start = tail.length === 0 ? next : Math.max(1, next - overlap)
    const {rows} = await read(paged(ordered, start, size))
    const ids = rows.map((r) => String(r.Id))
    let from = 0
    if (tail.length > 0) {
      const anchor = lastIndexOfAny(ids, tail)
      if (anchor < 0 && start > 1) {
        // More rows before this page vanished than the overlap covers: look further back.
        if (++stepBacks > MAX_STEP_BACKS) throw new Error(`BUG: no anchor found paging ${statement}`)
        next = Math.max(1, start - size + overlap)
        continue
      }
      from = anchor + 1
    }
    const fresh = rows.slice(from)
    for (const row of fresh) {
      const id = String(row.Id)
      if (seen.has(id)) continue
      seen.add(id)
      out.push(row)
    }
    tail = [...tail, ...fresh.map((r) => String(r.Id))].slice(-Math.max(overlap, 1))
    if (rows.length < size) return out
    next = start + rows.length
  }
}

/** Index in `ids` of the latest of `candidates` (by their order) that it contains, or -1. */
function lastIndexOfAny(ids: string[], candidates: string[]): number {
  for (let k = candidates.length - 1; k >= 0; k--) {
    const at = ids.indexOf(candidates[k]!)
    if (at >= 0) return at
  }
  return -1
}
