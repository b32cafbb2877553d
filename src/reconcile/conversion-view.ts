import type {Staging} from '../staging/index.js'
import {centsText} from './cents.js'
import type {MatchedEntity, QboDoc, SourceDoc} from './docs.js'
import type {SourceSide} from './source-side.js'

/** The conversion-date migration the load made, as the reconciliation needs to see it. */
export interface ConversionView {
  date: string
  openDocuments: 'outstanding' | 'full'
  /** QBO records the conversion itself wrote (opening balance journals, payments of parts paid before the
   * date), by `entity\u001fqboId`: no source document stands for them; the balances prove them. */
  made: Set<string>
}

export function conversionView(staging: Staging, realmId: string): ConversionView | undefined {
  const settings = staging.settings.all()
  if (!settings.conversionDate) return undefined
  const made = new Set<string>()
  for (const e of staging.idMap.list(realmId)) {
    if (e.sourceId.startsWith('conversion:')) made.add(`${e.entity}\u001f${e.qboId}`)
  }
  return {
    date: settings.conversionDate,
    openDocuments: settings.openDocuments === 'full' ? 'full' : 'outstanding',
    made,
  }
}

/** QBO's records of an entity without those the conversion itself made. */
export function withoutConversionRecords(
  entity: MatchedEntity,
  docs: Map<string, QboDoc>,
  view: ConversionView | undefined,
): Map<string, QboDoc> {
  if (!view || view.made.size === 0) return docs
  return new Map([...docs].filter(([id]) => !view.made.has(`${entity}\u001f${id}`)))
}

/**
 * A document open at the conversion date that the load wrote with only what was still owed (one line, no
 * tax): compared as such, with the amount open at the date worked out here from the staged records.
 */
export function asLoadedAtConversion(
  doc: SourceDoc,
  view: ConversionView | undefined,
  openAtConversion: ReadonlySet<string>,
  source: SourceSide,
): SourceDoc {
  if (!view || !openAtConversion.has(`${doc.entity}\u001f${doc.sourceSystem}\u001f${doc.sourceId}`))
    return doc
  const credit = doc.kind === 'creditNote' || doc.kind === 'supplierCredit'
  if (view.openDocuments === 'full' && !credit) return doc
  return {...doc, total: centsText(source.openAt(view.date, doc)), tax: '0.00', lineCount: 1, taxedLines: 0}
}

/**
 * Decisions by which a load left a source record out on purpose: a conversion-date migration carries what
 * was settled before the date in its opening balances, not as records; a foreign-currency refund is entered
 * by hand (mappers/refunds.ts).
 */
export const NOT_MIGRATED_DECISIONS = new Set(['BEFORE_CONVERSION_DATE', 'REFUND_NOT_MIGRATED'])

/** The records a decision of this code was recorded for, as `entity\u001fsystem\u001fsourceId`. */
export function decidedKeys(staging: Staging, code: string): Set<string> {
  const out = new Set<string>()
  for (const d of staging.decisions.list())
    if (d.code === code) out.add(`${d.entity}\u001f${d.sourceSystem}\u001f${d.sourceId}`)
  return out
}

export function notMigratedByDecision(staging: Staging): Map<string, string> {
  const out = new Map<string, string>()
  for (const d of staging.decisions.list())
    if (NOT_MIGRATED_DECISIONS.has(d.code))
      out.set(`${d.entity}\u001f${d.sourceSystem}\u001f${d.sourceId}`, d.message)
  return out
}
