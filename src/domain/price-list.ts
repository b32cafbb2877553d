// The price-list integration's shared vocabulary: a supplier's profile (how to read their file), and the
// rows read from it. sources/price-list/ produces rows; mappers/price-list/ turns them into a diff.
import {z} from 'zod'

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/
const PositiveDecimal = z
  .string()
  .trim()
  .regex(DECIMAL, 'a plain decimal number, e.g. 10 or 12.5')
  .refine((s) => Number(s) > 0, 'must be more than 0')

/** The placeholders real lists carry where a price would be (pronto-spl-processor: POA, TBA). */
export const DEFAULT_PLACEHOLDERS = ['POA', 'TBA', 'TBC', 'CALL', 'P.O.A.', 'N/A', 'NA', '-']

/**
 * How to read one supplier's price list. Columns are named by their header text (compared ignoring case,
 * spaces and punctuation), so the profile survives the supplier adding or moving a column.
 */
export const PriceProfile = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** The supplier, as the QBO vendor's display name. */
    supplier: z.string().trim().min(1).max(500),
    /** XLSX: the sheet to read (default: the first sheet whose header holds the columns). */
    sheet: z.string().trim().min(1).optional(),
    /** 1-based row of the header; default: found by looking for the code and cost columns. */
    headerRow: z.number().int().min(1).max(1000).optional(),
    codeColumn: z.string().trim().min(1),
    costColumn: z.string().trim().min(1),
    descriptionColumn: z.string().trim().min(1).optional(),
    /** Whether the cost column includes GST. */
    gst: z.enum(['ex', 'inc']).default('ex'),
    /** GST percentage taken out of an inc-GST cost (Australia and New Zealand: 10 and 15). */
    gstRate: PositiveDecimal.default('10'),
    /** A column holding how many of the item's units one priced line is (pack size, conversion factor). */
    packColumn: z.string().trim().min(1).optional(),
    /** One pack size for the whole list, when there is no column (e.g. every price is per box of 10). */
    packSize: PositiveDecimal.optional(),
    /** 'pack': the cost is for the pack, so the unit cost is the cost divided by the pack size. */
    pricePer: z.enum(['unit', 'pack']).default('unit'),
    /** Values that stand where a price would be (compared ignoring case). */
    placeholders: z.array(z.string().trim().min(1)).default(DEFAULT_PLACEHOLDERS),
    /** Decimal places of the cost written to QBO (QBO keeps 5 at most, UNCONFIRMED: integrations.md §4.1). */
    decimals: z.number().int().min(2).max(5).default(4),
  })
  .strict()

export type PriceProfile = z.infer<typeof PriceProfile>
export type PriceProfileInput = z.input<typeof PriceProfile>

/** One line of a supplier's price list, as written (no QBO knowledge, no conversion yet). */
export interface PriceRow {
  /** 1-based row number in the sheet or CSV file, for messages. */
  row: number
  code: string
  description?: string
  /** The cost cell as text, exactly as read. */
  costText: string
  /** The cost as written (before GST and pack conversion); absent when the cell is not a price. */
  cost?: string
  /** The placeholder the cost cell holds (e.g. "POA"), when it holds one. */
  placeholder?: string
  /** True when the code itself is a placeholder (a new line listed as "TBA"): it cannot be matched. */
  codeIsPlaceholder?: boolean
  /** The row's pack size when the list has a pack column and the cell could be read. */
  pack?: string
  packText?: string
}

/** What was read from a price-list file with a profile. */
export interface PriceListRead {
  fileName: string
  /** sha256 of the file's bytes. */
  fileHash: string
  sheet: string
  headerRow: number
  headers: string[]
  columns: {code: string; cost: string; pack?: string; description?: string}
  rows: PriceRow[]
  /** Rows with a code but no cost at all (section headings, notes), left out. */
  skipped: number
  /** Headers elsewhere in the list that say inc-GST (an "inc GST" price column beside the one used). */
  incGstColumns: string[]
}

/** Text of a header, compared ignoring case, spaces and punctuation ("Price (Inc. GST)" → "price inc gst"). */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Whether a header names a GST-inclusive price ("Inc GST", "Price incl. GST", "GST inclusive"). */
export function saysIncGst(header: string): boolean {
  const h = normalizeHeader(header)
  return /\b(inc|incl|including|inclusive)\b.*\b(gst|tax)\b|\b(gst|tax)\b.*\b(inc|incl|inclusive)\b/.test(h)
}

/** Whether a header names a GST-exclusive price ("Ex GST", "Buy Price Ex GST", "excl. tax"). */
export function saysExGst(header: string): boolean {
  const h = normalizeHeader(header)
  return /\b(ex|excl|excluding|exclusive)\b.*\b(gst|tax)\b|\b(gst|tax)\b.*\b(ex|excl|exclusive)\b/.test(h)
}
