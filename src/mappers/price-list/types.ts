/** An Item as the diff needs it, read from QBO just before diffing. */
export interface ItemSnapshot {
  id: string
  syncToken: string
  name: string
  sku: string | null
  type: string
  active: boolean
  /** PurchaseCost as QBO holds it, as decimal text; null when the item has none. */
  purchaseCost: string | null
  /** QBO keeps this item's PurchaseCost including tax (non-US companies: Item.PurchaseTaxIncluded). */
  purchaseTaxIncluded: boolean
  prefVendorId: string | null
}

/**
 * - change: the new cost differs from QBO's and can be written;
 * - same: the file agrees with QBO;
 * - placeholder: POA/TBA where the price would be (or as the code): nothing to write;
 * - invalid: matched, but the file's value cannot become a cost (not a number, negative, no pack size …);
 * - ambiguous: the code is the SKU of several items;
 * - not_in_qbo: in the file, matching no item (never created);
 * - missing_from_file: an item of this supplier that the file does not list.
 */
export type LineStatus =
  'change' | 'same' | 'placeholder' | 'invalid' | 'ambiguous' | 'not_in_qbo' | 'missing_from_file'

export const LINE_STATUSES: readonly LineStatus[] = [
  'change',
  'same',
  'placeholder',
  'invalid',
  'ambiguous',
  'not_in_qbo',
  'missing_from_file',
]

export type WarningCode =
  | 'BIG_CHANGE'
  | 'UNIT_OF_MEASURE'
  | 'PLACEHOLDER'
  | 'INC_GST_ON_EX_PROFILE'
  | 'EX_GST_ON_INC_PROFILE'
  | 'NOT_A_PRICE'
  | 'NOT_POSITIVE'
  | 'NO_PACK_SIZE'
  | 'DUPLICATE_ITEM'
  | 'AMBIGUOUS_SKU'
  | 'CODE_TABLE_STALE'
  | 'INACTIVE_ITEM'
  | 'NO_CURRENT_COST'
  | 'NO_COST_FIELD'
  | 'GST_INCLUSIVE_ITEM'
  | 'NO_VENDOR'

export interface DiffWarning {
  code: WarningCode
  message: string
}

export interface DiffItem {
  id: string
  name: string
  sku: string | null
  syncToken: string
  /** The item's preferred vendor is this supplier. */
  preferred: boolean
}

/** One line of a price diff: a row of the file, an item of the supplier missing from it, or both. */
export interface DiffLine {
  /** 1-based position in the diff: how the dashboard and `--skip-line` name it. */
  line: number
  /** 1-based row in the file; null for an item missing from the file. */
  row: number | null
  code: string | null
  description: string | null
  item: DiffItem | null
  matchedBy: 'sku' | 'code' | null
  /** The cost cell as written in the file. */
  listCost: string | null
  pack: string | null
  oldCost: string | null
  newCost: string | null
  /** newCost − oldCost, and as a percentage of oldCost (one decimal). */
  change: string | null
  changePct: string | null
  status: LineStatus
  warnings: DiffWarning[]
}

export interface PriceDiffResult {
  lines: DiffLine[]
  /** About the whole file (an inc-GST cost column read as ex-GST …). */
  warnings: DiffWarning[]
  counts: Record<LineStatus, number>
}
