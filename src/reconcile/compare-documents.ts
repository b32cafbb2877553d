import {centsText, toCents} from '../domain/cents.js'
import {D, type Dec} from '../domain/money.js'
import type {Staging} from '../staging/index.js'
import type {ParkedRecord} from '../staging/parked.js'
import {comparePair} from './compare.js'
import {ContactResolver, type IdLookup} from './contacts.js'
import {
  asLoadedAtConversion,
  type ConversionView,
  decidedKeys,
  notMigratedByDecision,
  withoutConversionRecords,
} from './conversion-view.js'
import {MATCHED_ENTITIES, type MatchedEntity, type MatchedPair, type QboDoc, type SourceDoc} from './docs.js'
import {matchEntity} from './match.js'
import {PeriodTotals} from './periods.js'
import type {QboSide} from './pull.js'
import type {EntityStats, FlaggedRecord, UnmatchedRow} from './result.js'
import type {SourceSide} from './source-side.js'
import type {TolerancePolicy} from './tolerance.js'

/** The document side of the reconciliation: what the result and the workbook show per matched entity. */
export interface DocumentComparison {
  pairs: Map<MatchedEntity, MatchedPair[]>
  unmatched: UnmatchedRow[]
  entities: Partial<Record<MatchedEntity, EntityStats>>
  flagged: FlaggedRecord[]
  periods: PeriodTotals
  /** Differences absorbed by the tolerance policy (count and sum of absolute amounts). */
  absorbed: {documents: number; amount: Dec}
}

export interface DocumentInput {
  staging: Staging
  source: SourceSide
  qbo: QboSide
  conversion: ConversionView | undefined
  idLookup: IdLookup
  policy: TolerancePolicy
  /** The latest parked entry per `entity\u001fsourceSystem\u001fsourceId`, to say why a record is missing. */
  parkedByKey: Map<string, ParkedRecord>
}

type NotMigrated = {doc: SourceDoc; reason: string}

const keyOf = (entity: string, doc: SourceDoc) => `${entity}\u001f${doc.sourceSystem}\u001f${doc.sourceId}`

/** Matches each entity's staged documents to QBO's and compares the pairs, entity by entity. */
export function compareDocuments(input: DocumentInput): DocumentComparison {
  const {staging, source, qbo, conversion, idLookup, policy} = input
  const contacts = new ContactResolver(idLookup, qbo.contactNames)
  const notMigratedBy = notMigratedByDecision(staging)
  const openAtConversion = decidedKeys(staging, 'OPEN_AT_CONVERSION')
  const out: DocumentComparison = {
    pairs: new Map(),
    unmatched: [],
    entities: {},
    flagged: [],
    periods: new PeriodTotals(),
    absorbed: {documents: 0, amount: new D(0)},
  }
  for (const entity of MATCHED_ENTITIES) {
    const sources = (source.docs.get(entity) ?? []).map((d) =>
      asLoadedAtConversion(d, conversion, openAtConversion, source),
    )
    const qboDocs = withoutConversionRecords(entity, qbo.docs.get(entity) ?? new Map(), conversion)
    const notCarried = source.notCarried.get(entity) ?? []
    if (sources.length === 0 && qboDocs.size === 0 && notCarried.length === 0) continue
    const outcome = matchEntity(entity, sources, qboDocs, {idLookup, contacts, policy})
    const compared = outcome.matches.map((m) => comparePair(m, contacts, policy))
    out.pairs.set(entity, compared)
    for (const s of sources) out.periods.addSource(s)
    for (const q of qboDocs.values()) out.periods.addQbo(q)
    const {missing, notMigrated} = leftOutByDesign(entity, outcome.missing, notCarried, notMigratedBy)
    const stats = entityStats(
      sources.length + notCarried.length,
      compared,
      missing.length,
      outcome.extra.length,
      notMigrated.length,
    )
    stats.sourceTotal = centsText(sources.reduce((a, s) => a + toCents(s.total), 0))
    stats.qboTotal = centsText([...qboDocs.values()].reduce((a, q) => a + toCents(q.total), 0))
    out.entities[entity] = stats
    addDifferences(out, entity, compared)
    addUnmatched(out, entity, {notMigrated, missing, extra: outcome.extra}, input.parkedByKey)
  }
  return out
}

/**
 * What the load left out by design (settled before the conversion date, a refund not migrated) is neither
 * missing nor matched: it joins what the export could not carry, with its reason.
 */
function leftOutByDesign(
  entity: MatchedEntity,
  unmatchedSources: SourceDoc[],
  notCarried: NotMigrated[],
  notMigratedBy: Map<string, string>,
): {missing: SourceDoc[]; notMigrated: NotMigrated[]} {
  const notMigrated = [...notCarried]
  const missing = unmatchedSources.filter((s) => {
    const reason = notMigratedBy.get(keyOf(entity, s))
    if (reason) notMigrated.push({doc: s, reason})
    return !reason
  })
  return {missing, notMigrated}
}

/** Counts the pairs whose differences the tolerance absorbed, and flags the mismatched ones. */
function addDifferences(out: DocumentComparison, entity: MatchedEntity, compared: MatchedPair[]): void {
  for (const p of compared) {
    const inside = p.differences.filter((d) => d.withinTolerance && d.difference !== undefined)
    if (inside.length > 0) out.absorbed.documents++
    for (const d of inside) out.absorbed.amount = out.absorbed.amount.plus(new D(d.difference!).abs())
    if (p.status === 'mismatched') {
      out.flagged.push({
        entity,
        status: 'mismatched',
        sourceId: p.source.sourceId,
        qboId: p.qbo.id,
        differences: p.differences,
      })
    }
  }
}

/** The unmatched rows with their reasons, in the workbook's order: not migrated, missing, extra. */
function addUnmatched(
  out: DocumentComparison,
  entity: MatchedEntity,
  left: {notMigrated: NotMigrated[]; missing: SourceDoc[]; extra: QboDoc[]},
  parkedByKey: Map<string, ParkedRecord>,
): void {
  for (const n of left.notMigrated) out.unmatched.push({side: 'not migrated', doc: n.doc, reason: n.reason})
  for (const s of left.missing) {
    const parked = parkedByKey.get(keyOf(entity, s))
    const reason = parked
      ? `parked by the load: ${parked.faultCode} ${parked.message}`
      : 'no QBO record found'
    out.unmatched.push({side: 'source', doc: s, reason})
    out.flagged.push({entity, status: 'missing', sourceId: s.sourceId})
  }
  for (const q of left.extra) {
    const reason = q.marker
      ? `duplicate or orphan: carries marker of ${q.marker.sourceId}`
      : 'not in the source'
    out.unmatched.push({side: 'qbo', doc: q, reason})
    out.flagged.push({entity, status: 'extra', qboId: q.id})
  }
}

function entityStats(
  source: number,
  pairs: MatchedPair[],
  missing: number,
  extra: number,
  notMigrated: number,
): EntityStats {
  const matched = pairs.filter((p) => p.status === 'matched').length
  const byMethod = {idMap: 0, marker: 0, heuristic: 0}
  for (const p of pairs) byMethod[p.method]++
  return {
    source,
    matched,
    mismatched: pairs.length - matched,
    missing,
    extra,
    notMigrated,
    matchRate: source === 0 ? 1 : matched / source,
    byMethod,
    sourceTotal: '0.00',
    qboTotal: '0.00',
  }
}
