import type {CanonicalRecord} from '../../domain/canonical.js'
import type {StagedKind} from '../../domain/entities.js'
import type {Decision, MapResult} from '../result.js'

/**
 * A conversion-date migration: the source's books up to the date arrive as opening balances (one journal, or
 * one per month), documents still open at the date as open documents, and everything after it as records.
 */
export interface ConversionSettings {
  /** The conversion date (YYYY-MM-DD): balances are taken at the close of this day. */
  date: string
  /**
   * Documents open at the date: `outstanding` loads each with what is still owed, on one line to the
   * Conversion Clearing account; `full` loads it as it was, plus a payment of the part paid before the
   * date into Conversion Clearing.
   */
  openDocuments: 'outstanding' | 'full'
  /**
   * History before the date: one `opening` journal, or `monthly` summary journals per account at each
   * month end the source's trial balances cover (then the rest at the date).
   */
  history: 'opening' | 'monthly'
}

export const OPEN_DOCUMENT_CHOICES = ['outstanding', 'full'] as const
export const HISTORY_CHOICES = ['opening', 'monthly'] as const

/** Ids of the records a conversion adds (stable, so a load writes each exactly once). */
export const CONVERSION_IDS = {
  clearing: 'conversion:clearing',
  retainedEarnings: 'conversion:retained-earnings',
  exchangeGainLoss: 'conversion:exchange-gain-loss',
  tax: 'conversion:tax',
  receivable: 'conversion:receivable',
  payable: 'conversion:payable',
  journal: (date: string) => `conversion:opening:${date}`,
  paidPart: (kind: string, id: string) => `conversion:paid:${kind}:${id}`,
} as const

/** What a conversion-date migration loads instead of the staged records, and what it leaves out (and why). */
export interface ConversionPlan {
  settings: ConversionSettings
  records: CanonicalRecord[]
  /** Staged records not loaded, each a skip in the plan with its BEFORE_CONVERSION_DATE decision. */
  skipped: (MapResult & {sourceKind: StagedKind; label: string})[]
  /** Decisions on records that are loaded, by `kind:id` (documents open at the date, paid parts, journals). */
  decisions: Map<string, Decision[]>
  /** Records the conversion could not build (no trial balance at the date …), blocked in the plan. */
  blocked: (MapResult & {label: string})[]
}
