import type {QboEntity} from '../domain/entities.js'
import {parsePrivateNoteMarker, privateNoteMarker, sha256Hex} from '../domain/ids.js'
import {dec} from '../domain/money.js'
import {suppliedRateFor} from '../domain/supplied-facts.js'
import type {MappingContext, QboDocument} from './context.js'
import {Notes} from './result.js'

export const DOC_NUMBER_MAX = 21

/**
 * DocNumber fits 21 characters (fault 2050 otherwise). A longer one keeps its first 12 characters, a `~`
 * and 8 hex of its hash: readable, deterministic, and distinct for distinct originals. The original goes
 * into PrivateNote.
 */
export function shortenDocNumber(original: string): string {
  if (original.length <= DOC_NUMBER_MAX) return original
  return `${original.slice(0, 12)}~${sha256Hex(original).slice(0, 8)}`
}

export function docNumber(notes: Notes, original: string | undefined): string | undefined {
  if (!original) return undefined
  const short = shortenDocNumber(original)
  if (short !== original) {
    notes.decide(
      'DOCNUMBER_SHORTENED',
      `number "${original}" is longer than QBO's 21 characters; written as "${short}"`,
      {
        from: original,
        to: short,
      },
    )
  }
  return short
}

/** PrivateNote: the source marker first (for matching later), then what the source said that has no field. */
export function privateNote(ctx: MappingContext, sourceId: string, extra: (string | undefined)[]): string {
  return [
    privateNoteMarker(ctx.system, sourceId),
    ...extra.filter((x): x is string => !!x && x.trim() !== ''),
  ]
    .join('\n')
    .slice(0, 4000)
}

/** CurrencyRef and ExchangeRate, or an issue when the company cannot hold the currency. */
export function currencyFields(
  ctx: MappingContext,
  notes: Notes,
  currency: string | undefined,
  exchangeRate: string | undefined,
  date: string,
): Record<string, unknown> {
  const home = ctx.target.homeCurrency
  const cur = currency ?? home
  if (!ctx.target.multiCurrency) {
    if (cur !== home) {
      notes.block(
        'MULTICURRENCY_OFF',
        `the record is in ${cur} but multicurrency is off in the QBO company (home currency ${home})`,
        'Turn on multicurrency in QBO (Account and settings > Advanced > Currency), then plan again.',
      )
    }
    return {}
  }
  if (cur === home) return {CurrencyRef: {value: cur}}
  if (!exchangeRate) {
    const supplied = suppliedRateFor(ctx.overrides.exchangeRates ?? [], cur, date)
    notes.block(
      'EXCHANGE_RATE_MISSING',
      `the record is in ${cur} on ${date} but carries no exchange rate`,
      supplied
        ? `The mapping workbook gives ${cur} a rate for ${date}: run \`qbo migrate extract\` again to apply it, then plan again.`
        : `Give ${cur} a rate for ${date}: in the "Exchange rates" sheet of the mapping workbook (\`qbo migrate mapping export\`, then import), or in a rates CSV next to the exports (Currency, From, To, "${home} per unit"); then run \`qbo migrate extract\` again. The Xero API extract carries rates itself.`,
    )
    return {CurrencyRef: {value: cur}}
  }
  return {CurrencyRef: {value: cur}, ExchangeRate: Number(dec(exchangeRate).toString())}
}

interface DocumentIndex {
  byMarker: Map<string, QboDocument>
  byNumber: Map<string, QboDocument[]>
}

const indexCache = new WeakMap<MappingContext, DocumentIndex>()

/** The target's documents indexed once per context: a company can hold tens of thousands. */
function documentIndex(ctx: MappingContext): DocumentIndex {
  const cached = indexCache.get(ctx)
  if (cached) return cached
  const index: DocumentIndex = {byMarker: new Map(), byNumber: new Map()}
  for (const d of ctx.target.documents) {
    const m = parsePrivateNoteMarker(d.PrivateNote)
    if (m?.system === ctx.system) index.byMarker.set(`${d.entity}\u0000${m.sourceId}`, d)
    if (d.DocNumber) {
      const k = `${d.entity}\u0000${d.DocNumber}`
      index.byNumber.set(k, [...(index.byNumber.get(k) ?? []), d])
    }
  }
  indexCache.set(ctx, index)
  return index
}

/**
 * A QBO document that is this record: the PrivateNote marker names it, or DocNumber, date and total agree.
 * Adopting it instead of creating a second one is what makes a re-run (or a company keyed by hand) safe.
 */
export function matchExisting(
  ctx: MappingContext,
  entity: QboEntity,
  sourceId: string,
  number: string | undefined,
  date: string,
  total: string,
): {qboId: string; reason: string} | undefined {
  // This migration's own record (the id map knows it): the plan skips it, or corrects it, from the id map,
  // which needs the record mapped as it would be written now rather than matched.
  if (ctx.loaded.get(entity)?.has(sourceId)) return undefined
  const index = documentIndex(ctx)
  const marked = index.byMarker.get(`${entity}\u0000${sourceId}`)
  if (marked) return {qboId: marked.Id, reason: `QBO ${entity} ${marked.Id} carries this record's marker`}
  if (!number) return undefined
  const same = (index.byNumber.get(`${entity}\u0000${number}`) ?? []).find(
    (d) => d.TxnDate === date && dec(d.TotalAmt).eq(dec(total)),
  )
  return same ? {qboId: same.Id, reason: `QBO ${entity} ${number} of ${date} for ${total} exists`} : undefined
}
