import {normalizeHeader, saysIncGst} from '../../domain/price-list.js'
import type {Sheet} from './sheets.js'

/** How far down a sheet a header is looked for: titles, addresses and notes come first in real lists. */
export const HEADER_SEARCH_ROWS = 50

/** The 0-based index of a column named `name` in a header row, or -1. */
export function columnIndex(header: readonly string[], name: string): number {
  const wanted = normalizeHeader(name)
  return header.findIndex((h) => h !== undefined && normalizeHeader(h) === wanted && wanted !== '')
}

/** The first row (0-based) within the search window that holds every one of `names` as a header. */
export function findHeaderRow(sheet: Sheet, names: readonly string[]): number | undefined {
  const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS)
  for (let i = 0; i < limit; i++) {
    const row = sheet.rows[i] ?? []
    if (names.every((n) => columnIndex(row, n) >= 0)) return i
  }
  return undefined
}

/** What the dashboard proposes for a file it has not seen: the likely header row and columns. */
export interface LayoutGuess {
  sheet: string
  /** 1-based. */
  headerRow: number
  headers: string[]
  codeColumn?: string
  costColumn?: string
  descriptionColumn?: string
  packColumn?: string
  /** True when the proposed cost column says it includes GST. */
  costIncludesGst: boolean
}

const HEADER_WORDS =
  /\b(code|sku|item|part|product|description|desc|price|cost|buy|trade|nett?|ex|inc|gst|pack|pk|qty|uom|rrp|unit|carton|ctn|barcode|ean|brand)\b/
const CODE = /\b(sku|code|part|item no|item number|cat no|catalogue no|product code|stock code)\b/
const COST = /\b(buy|cost|nett?|trade|dealer|wholesale|price)\b/
const NOT_COST = /\b(rrp|retail|sell|list|recommended|rsp)\b/
const PACK = /\b(pack|pk|qty per|per pack|carton|ctn|box|conv|conversion|uom|unit qty|inner|outer)\b/
const DESCRIPTION = /\b(description|desc|product name|item name|name)\b/

/**
 * A first guess for a file: the header is the row, among the first 50, with the most header-like words;
 * the code column names a code or SKU, the cost column a buy/trade price (ex-GST preferred, never an RRP),
 * the pack column a pack, carton or conversion factor. The user confirms or corrects it.
 */
export function guessLayout(sheets: readonly Sheet[]): LayoutGuess | undefined {
  let best: {sheet: Sheet; row: number; score: number} | undefined
  for (const sheet of sheets) {
    const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS)
    for (let i = 0; i < limit; i++) {
      const cells = (sheet.rows[i] ?? []).filter((c) => c && c.trim() !== '')
      if (cells.length < 2) continue
      const score = cells.filter((c) => HEADER_WORDS.test(normalizeHeader(c))).length
      if (score >= 2 && (!best || score > best.score)) best = {sheet, row: i, score}
    }
  }
  if (!best) return undefined
  const headers = (best.sheet.rows[best.row] ?? []).map((h) => h ?? '')
  const named = headers.filter((h) => h.trim() !== '')
  const find = (re: RegExp, not?: RegExp) =>
    named.find((h) => re.test(normalizeHeader(h)) && !(not && not.test(normalizeHeader(h))))
  const costs = named.filter((h) => COST.test(normalizeHeader(h)) && !NOT_COST.test(normalizeHeader(h)))
  const costColumn = costs.find((h) => !saysIncGst(h)) ?? costs[0]
  const code = find(CODE)
  return {
    sheet: best.sheet.name,
    headerRow: best.row + 1,
    headers,
    ...(code ? {codeColumn: code} : {}),
    ...(costColumn ? {costColumn} : {}),
    ...(find(DESCRIPTION, CODE) ? {descriptionColumn: find(DESCRIPTION, CODE)} : {}),
    ...(find(PACK) ? {packColumn: find(PACK)} : {}),
    costIncludesGst: costColumn ? saysIncGst(costColumn) : false,
  }
}
