import {D, type Dec} from '../../domain/money.js'
import type {PriceListRead, PriceProfile, PriceRow} from '../../domain/price-list.js'
import {costText, percentText, signedText, unitCost} from './cost.js'
import {
  type DiffItem,
  type DiffLine,
  type DiffWarning,
  type ItemSnapshot,
  LINE_STATUSES,
  type LineStatus,
  type PriceDiffResult,
} from './types.js'
import {changeWarnings, DEFAULT_THRESHOLD, fileWarnings} from './warnings.js'

export interface PriceDiffInput {
  read: Pick<PriceListRead, 'rows' | 'columns'>
  profile: PriceProfile
  /** Every item of the company, as QBO holds it now. */
  items: readonly ItemSnapshot[]
  /** The supplier's QBO vendor id, when QBO has a vendor of that name. */
  vendorId: string | null
  /** The supplier-code ↔ item table for this supplier. */
  codes: readonly {code: string; itemId: string}[]
  /** Fraction of the current cost above which a change is flagged (default 0.3). */
  threshold?: string
}

type Draft = Omit<DiffLine, 'line'> & {preferred: boolean}

/** Codes and SKUs compare ignoring case and surrounding spaces ("abc-1 " is "ABC-1"). */
export function codeKey(code: string): string {
  return code.trim().toUpperCase()
}

/**
 * Compares a supplier's price list with the company's items. Pure: the file's rows, the items and the
 * code table in, the diff out. An item is matched by its SKU first (when several items share it, the one
 * whose preferred vendor is the supplier), else through the code table. Nothing is ever created: rows
 * matching no item, and the supplier's items the file leaves out, are listed for a person to act on.
 */
export function diffPriceList(input: PriceDiffInput): PriceDiffResult {
  const {profile, vendorId} = input
  const threshold = new D(input.threshold ?? DEFAULT_THRESHOLD)
  const bySku = new Map<string, ItemSnapshot[]>()
  const byId = new Map<string, ItemSnapshot>()
  for (const item of input.items) {
    byId.set(item.id, item)
    if (item.sku) bySku.set(codeKey(item.sku), [...(bySku.get(codeKey(item.sku)) ?? []), item])
  }
  const byCode = new Map(input.codes.map((c) => [codeKey(c.code), c.itemId]))
  const isPreferred = (item: ItemSnapshot) => vendorId !== null && item.prefVendorId === vendorId

  const drafts: Draft[] = []
  const firstFor = new Map<string, Draft>()
  for (const row of input.read.rows) {
    const draft = rowLine(row)
    drafts.push(draft)
    if (row.codeIsPlaceholder) {
      draft.status = 'placeholder'
      draft.warnings.push({
        code: 'PLACEHOLDER',
        message: `the code is “${row.code}”: the line cannot be matched`,
      })
      continue
    }
    const match = matchRow(row, bySku, byCode, byId, isPreferred, draft)
    if (!match) continue
    const {item, by} = match
    draft.item = diffItem(item, isPreferred(item))
    draft.preferred = isPreferred(item)
    draft.matchedBy = by
    draft.oldCost = item.purchaseCost === null ? null : costText(new D(item.purchaseCost))
    priceLine(draft, row, item, profile, threshold)
    const first = firstFor.get(item.id)
    if (first) duplicate(first, draft)
    else firstFor.set(item.id, draft)
  }

  const matched = new Set(firstFor.keys())
  const linked = new Set(input.codes.map((c) => c.itemId))
  const missing: Draft[] = input.items
    .filter((i) => i.active && !matched.has(i.id) && (isPreferred(i) || linked.has(i.id)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((item) => ({
      ...emptyLine(),
      item: diffItem(item, isPreferred(item)),
      preferred: isPreferred(item),
      oldCost: item.purchaseCost === null ? null : costText(new D(item.purchaseCost)),
      status: 'missing_from_file' as const,
    }))

  // The supplier's own items first, then the file's other matches, then what matched nothing, then what
  // the file left out; within each, in file order.
  const rank = (d: Draft) => (d.status === 'not_in_qbo' ? 2 : d.preferred ? 0 : 1)
  const ordered = [...drafts.map((d, i) => ({d, i})).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)]
    .map((x) => x.d)
    .concat(missing)
  const lines: DiffLine[] = ordered.map(({preferred: _preferred, ...d}, i) => ({line: i + 1, ...d}))
  const counts = Object.fromEntries(LINE_STATUSES.map((s) => [s, 0])) as Record<LineStatus, number>
  for (const l of lines) counts[l.status]++
  return {lines, warnings: fileWarnings(input.read, profile, vendorId !== null), counts}
}

function emptyLine(): Draft {
  return {
    row: null,
    code: null,
    description: null,
    item: null,
    matchedBy: null,
    listCost: null,
    pack: null,
    oldCost: null,
    newCost: null,
    change: null,
    changePct: null,
    status: 'not_in_qbo',
    warnings: [],
    preferred: false,
  }
}

function rowLine(row: PriceRow): Draft {
  return {
    ...emptyLine(),
    row: row.row,
    code: row.code,
    description: row.description ?? null,
    listCost: row.costText,
    pack: row.packText ?? null,
  }
}

function diffItem(item: ItemSnapshot, preferred: boolean): DiffItem {
  return {id: item.id, name: item.name, sku: item.sku, syncToken: item.syncToken, preferred}
}

function matchRow(
  row: PriceRow,
  bySku: Map<string, ItemSnapshot[]>,
  byCode: Map<string, string>,
  byId: Map<string, ItemSnapshot>,
  isPreferred: (i: ItemSnapshot) => boolean,
  draft: Draft,
): {item: ItemSnapshot; by: 'sku' | 'code'} | undefined {
  const key = codeKey(row.code)
  const skus = bySku.get(key) ?? []
  const candidates = skus.length > 1 ? skus.filter(isPreferred) : skus
  if (candidates.length === 1) return {item: candidates[0]!, by: 'sku'}
  if (skus.length > 1) {
    draft.status = 'ambiguous'
    draft.warnings.push({
      code: 'AMBIGUOUS_SKU',
      message: `${skus.length} items have the SKU “${row.code}” (${skus.map((s) => s.name).join(', ')}); give each its own SKU, or link the code to one in the code table`,
    })
    return undefined
  }
  const linkedId = byCode.get(key)
  if (linkedId === undefined) return undefined
  const item = byId.get(linkedId)
  if (!item) {
    draft.warnings.push({
      code: 'CODE_TABLE_STALE',
      message: `the code table links “${row.code}” to item ${linkedId}, which QBO no longer has`,
    })
    return undefined
  }
  return {item, by: 'code'}
}

function priceLine(draft: Draft, row: PriceRow, item: ItemSnapshot, profile: PriceProfile, threshold: Dec) {
  if (row.placeholder !== undefined) {
    draft.status = 'placeholder'
    draft.warnings.push({
      code: 'PLACEHOLDER',
      message: `“${row.costText}” in the file where the price would be: the cost is left as it is`,
    })
    return
  }
  if (['Category', 'Group', 'Bundle'].includes(item.type)) {
    draft.status = 'invalid'
    draft.warnings.push({code: 'NO_COST_FIELD', message: `a ${item.type} item has no purchase cost in QBO`})
    return
  }
  const computed = unitCost(row, profile, item)
  if (!computed.ok) {
    draft.status = 'invalid'
    draft.warnings.push(computed.warning)
    return
  }
  const oldCost = item.purchaseCost === null ? undefined : new D(item.purchaseCost)
  const newCost = computed.cost
  draft.newCost = costText(newCost)
  if (oldCost && oldCost.eq(newCost)) {
    draft.status = 'same'
    return
  }
  draft.status = 'change'
  draft.change = oldCost ? signedText(newCost.minus(oldCost)) : null
  draft.changePct = percentText(oldCost, newCost)
  draft.warnings.push(...changeWarnings(item, oldCost, newCost, computed.pack, threshold))
}

/** A second row for an item already priced: not written; when the prices disagree, neither is. */
function duplicate(first: Draft, again: Draft): void {
  const disagree = first.newCost !== again.newCost
  const warning: DiffWarning = {
    code: 'DUPLICATE_ITEM',
    message: disagree
      ? `rows ${first.row} and ${again.row} both price ${again.item?.name} (${first.listCost} and ${again.listCost}): neither is written`
      : `row ${first.row} already prices ${again.item?.name}`,
  }
  again.status = 'invalid'
  again.warnings.push(warning)
  if (disagree && (first.status === 'change' || first.status === 'same')) {
    first.status = 'invalid'
    first.warnings.push(warning)
  }
}
