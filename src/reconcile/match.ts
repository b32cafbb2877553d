import {addDays, daysBetween, type CivilDate} from '../domain/civil-date.js'
import {D} from '../domain/money.js'
import type {ContactResolver, IdLookup} from './contacts.js'
import type {MatchedEntity, MatchMethod, QboDoc, SourceDoc} from './docs.js'
import {documentLimit, type TolerancePolicy} from './tolerance.js'

export interface Match {
  source: SourceDoc
  qbo: QboDoc
  method: MatchMethod
}

export interface MatchOutcome {
  matches: Match[]
  missing: SourceDoc[]
  extra: QboDoc[]
}

/** QBO keeps at most 21 characters of a DocNumber; the mappers shorten longer numbers to fit. */
const DOC_NUMBER_MAX = 21
const normalNumber = (n: string) => n.trim().toUpperCase()

function numberKeys(source: SourceDoc): Set<string> {
  const keys = new Set<string>()
  for (const n of source.numbers) {
    keys.add(normalNumber(n))
    keys.add(normalNumber(n).slice(0, DOC_NUMBER_MAX))
  }
  return keys
}

/**
 * Pairs the source documents of one entity with QBO records, one to one, strongest evidence first:
 * 1. the id map (the loader wrote it in the same transaction as QBO's answer);
 * 2. the PrivateNote marker `qbo-toolkit:<system>:<sourceId>` (records the tool wrote but whose id map entry
 *    is absent, e.g. a lost answer or another staging file);
 * 3. heuristics for records keyed in by hand (backfill): same contact, total within tolerance, TxnDate within
 *    the window, and the DocNumber equal whenever both sides have one; the best candidate wins (same number,
 *    then nearest date, then smallest amount difference, then lowest Id).
 * Each pass runs over every source document before the next starts, so a weak match never takes a record
 * that stronger evidence ties to another document. QBO records left over are "extra".
 */
export function matchEntity(
  entity: MatchedEntity,
  sources: readonly SourceDoc[],
  qboDocs: ReadonlyMap<string, QboDoc>,
  deps: {idLookup: IdLookup; contacts: ContactResolver; policy: TolerancePolicy},
): MatchOutcome {
  const claimed = new Set<string>()
  const matched = new Map<SourceDoc, Match>()
  const claim = (source: SourceDoc, qbo: QboDoc, method: MatchMethod) => {
    claimed.add(qbo.id)
    matched.set(source, {source, qbo, method})
  }

  for (const source of sources) {
    const id = deps.idLookup(entity, source.sourceSystem, source.sourceId)
    const qbo = id === undefined ? undefined : qboDocs.get(id)
    if (qbo && !claimed.has(qbo.id)) claim(source, qbo, 'idMap')
  }

  const byMarker = new Map<string, QboDoc>()
  for (const qbo of sortedById(qboDocs)) {
    if (!qbo.marker || claimed.has(qbo.id)) continue
    const key = `${qbo.marker.system}\u001f${qbo.marker.sourceId}`
    if (!byMarker.has(key)) byMarker.set(key, qbo) // a second record with one marker is a duplicate: extra
  }
  for (const source of sources) {
    if (matched.has(source)) continue
    const qbo = byMarker.get(`${source.sourceSystem}\u001f${source.sourceId}`)
    if (qbo && !claimed.has(qbo.id)) claim(source, qbo, 'marker')
  }

  const index = new HeuristicIndex([...qboDocs.values()].filter((q) => !claimed.has(q.id)))
  for (const source of sources) {
    if (matched.has(source)) continue
    const best = bestCandidate(
      source,
      index.candidates(source, deps.policy.heuristicDateWindowDays),
      claimed,
      deps,
    )
    if (best) claim(source, best, 'heuristic')
  }

  const missing = sources.filter((s) => !matched.has(s))
  const extra = sortedById(qboDocs).filter((q) => !claimed.has(q.id))
  return {matches: sources.flatMap((s) => matched.get(s) ?? []), missing, extra}
}

function sortedById(docs: ReadonlyMap<string, QboDoc>): QboDoc[] {
  return [...docs.values()].sort((a, b) => compareIds(a.id, b.id))
}

/** QBO Ids are numeric strings; compare numerically when they are, so "9" comes before "10". */
function compareIds(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)]
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}

class HeuristicIndex {
  private readonly byNumber = new Map<string, QboDoc[]>()
  private readonly byDate = new Map<string, QboDoc[]>()

  constructor(docs: QboDoc[]) {
    for (const doc of docs) {
      if (doc.docNumber) push(this.byNumber, normalNumber(doc.docNumber), doc)
      push(this.byDate, doc.date, doc)
    }
  }

  /** Same DocNumber, or (when either side has none) a nearby date; the caller checks the rest. */
  candidates(source: SourceDoc, windowDays: number): QboDoc[] {
    const keys = numberKeys(source)
    const out: QboDoc[] = []
    for (const key of keys) out.push(...(this.byNumber.get(key) ?? []))
    for (let d = -windowDays; d <= windowDays; d++) {
      for (const doc of this.byDate.get(addDays(source.date as CivilDate, d)) ?? []) {
        if (keys.size === 0 || !doc.docNumber) out.push(doc)
      }
    }
    return out
  }
}

function bestCandidate(
  source: SourceDoc,
  candidates: QboDoc[],
  claimed: ReadonlySet<string>,
  deps: {contacts: ContactResolver; policy: TolerancePolicy},
): QboDoc | undefined {
  const limit = documentLimit(deps.policy, source.taxedLines)
  const keys = numberKeys(source)
  let best: {doc: QboDoc; score: [number, number, number]} | undefined
  for (const doc of candidates) {
    if (claimed.has(doc.id) || !doc.date) continue
    const days = Math.abs(daysBetween(source.date as CivilDate, doc.date as CivilDate))
    if (days > deps.policy.heuristicDateWindowDays) continue
    const sameNumber = doc.docNumber !== undefined && keys.has(normalNumber(doc.docNumber))
    if (keys.size > 0 && doc.docNumber !== undefined && !sameNumber) continue
    const amountDiff = new D(doc.total).minus(source.total).abs()
    if (amountDiff.greaterThan(limit)) continue
    if (deps.contacts.agrees(source, doc) === false) continue
    // A ranking key only; the amounts themselves stay decimal.
    const score: [number, number, number] = [sameNumber ? 0 : 1, days, amountDiff.toNumber()]
    if (!best || better(score, best.score, doc, best.doc)) best = {doc, score}
  }
  return best?.doc
}

function better(a: [number, number, number], b: [number, number, number], da: QboDoc, db: QboDoc): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!
  return compareIds(da.id, db.id) < 0
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
