import type {Account, TaxRate, TrackingCategory} from '../../domain/canonical.js'
import type {SourceSystem} from '../../domain/ids.js'
import type {Plan} from '../../load/plan.js'
import type {Overrides, TargetCompany} from '../../mappers/index.js'

/** What the workbook is about: the staged lists and the target company (names are checked against it). */
export interface MappingSubject {
  system: SourceSystem
  target: TargetCompany
  accounts: readonly Account[]
  taxRates: readonly TaxRate[]
  trackingCategories: readonly TrackingCategory[]
  /** Staged foreign-currency records that carry no exchange rate (the Exchange rates sheet lists them). */
  unratedRecords?: readonly {currency: string; date: string}[]
}

export interface MappingExportInput extends MappingSubject {
  /** The plan built with `overrides`: the Accounts sheet shows what it will do with each account. */
  plan: Plan
  /** The overrides in force (from the staging `mappings` table); shown in the editable columns. */
  overrides: Overrides
}
