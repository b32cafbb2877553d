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
  /**
   * How the staged records use each source account (records, balance) and tax code (lines per
   * `code:direction`): shown beside each row, and a blank choice for a used code without a suggestion is an error.
   */
  usage?: {
    accounts: ReadonlyMap<string, {records: number; balance: string}>
    taxLines: ReadonlyMap<string, number>
  }
  /**
   * Source account id -> the QBO account the tool maps it onto by itself (system accounts onto QBO's own), so
   * the import can tell when a choice puts a second source account onto one of them.
   */
  systemTargets?: ReadonlyMap<string, string>
  /** Accounts the plan will create (not yet in QBO): offered in the drop-down and accepted by the import. */
  plannedAccounts?: readonly {sourceId: string; name: string; type: string; currency?: string}[]
}

export interface MappingExportInput extends MappingSubject {
  /** The plan built with `overrides`: the Accounts sheet shows what it will do with each account. */
  plan: Plan
  /** The overrides in force (from the staging `mappings` table); shown in the editable columns. */
  overrides: Overrides
}
