/**
 * Everything a mapper may know besides the record it maps: what the target QBO company already holds, the
 * user's overrides, the other staged records it refers to, and which records an earlier run already loaded.
 * All plain data, so mapping stays a pure function and a test can write a context by hand.
 */
import type {
  Account,
  Contact,
  Item,
  Payment,
  TaxRate,
  TrackingCategory,
  TradeDocument,
} from '../domain/canonical.js'
import type {QboEntity} from '../domain/entities.js'
import type {SourceSystem} from '../domain/ids.js'
import type {FreightAccounts, SuppliedRate} from '../domain/supplied-facts.js'
import type {ConversionPlan} from './conversion/plan-conversion.js'
import {known, symbolic, type Ref} from './refs.js'

// ---- what the target company holds (read by the QBO client before planning) -------------------------

export interface QboAccount {
  Id: string
  Name: string
  AcctNum?: string
  AccountType: string
  AccountSubType?: string
  Classification?: string
  /** CurrencyRef.value; absent when QBO sent none (a company without multicurrency: the home currency). */
  currency?: string
  Active: boolean
}

export interface QboTaxCode {
  Id: string
  Name: string
  Active: boolean
  /** Whether the code has a SalesTaxRateList / PurchaseTaxRateList with at least one rate. */
  hasSalesRate: boolean
  hasPurchaseRate: boolean
  /**
   * The percentage QBO applies per direction (the sum of the code's TaxRate RateValues, decimal text), when
   * the TaxRate list was read with the codes; the mapping checks compare it with the source code's rate.
   */
  salesRate?: string
  purchaseRate?: string
}

export interface QboNamed {
  Id: string
  Name: string
  Active: boolean
}

export interface QboNameHolder {
  Id: string
  DisplayName: string
  Active: boolean
}

export interface QboDocument {
  entity: QboEntity
  Id: string
  DocNumber?: string
  TxnDate: string
  /** Decimal text ("110.00"). */
  TotalAmt: string
  PrivateNote?: string
}

export interface TargetCompany {
  homeCurrency: string
  multiCurrency: boolean
  accounts: QboAccount[]
  taxCodes: QboTaxCode[]
  classes: QboNamed[]
  departments: QboNamed[]
  terms: QboNamed[]
  paymentMethods: QboNamed[]
  items: QboNamed[]
  customers: QboNameHolder[]
  vendors: QboNameHolder[]
  employees: QboNameHolder[]
  documents: QboDocument[]
  /** 1-12 (Preferences' FirstMonthOfFiscalYear): where QBO closes a year's income and expense. */
  fiscalYearStartMonth?: number
}

// ---- the user's overrides (the mapping workbook) ----------------------------------------------------

export interface Overrides {
  /** Source account id -> a QBO account (Id or Name) to use instead of creating one; null: do not migrate. */
  accounts?: Record<string, string | null>
  /** Source tax code (or `code:sales` / `code:purchase`) -> a QBO TaxCode (Id or Name); null: blocked. */
  taxCodes?: Record<string, string | null>
  /**
   * Override keys (of `accounts` / `taxCodes`) the accountant confirmed in the workbook's Confirm column:
   * a mapping that does not fit (mapping-fit.ts) stands only when confirmed.
   */
  confirmed?: {accounts?: string[]; taxCodes?: string[]}
  /** Tracking category name -> where its options go in QBO; null: not migrated. */
  tracking?: Record<string, 'Class' | 'Department' | null>
  /** MYOB header accounts: created as parent accounts (default) or dropped. */
  headerAccounts?: 'parent' | 'drop'
  /** Present every taxed document as QBO TaxExcluded or TaxInclusive, whatever the source said. */
  taxPresentation?: 'source' | 'TaxExcluded' | 'TaxInclusive'
  /** Inventory start date for tracked items staged without a quantity date. */
  inventoryStartDate?: string
  /**
   * Facts the source files lack, applied when records are staged (docs/sources-files.md): MYOB's freight
   * accounts (source account ids) and exchange rates for records that carry none. The mappers only check
   * that staging has caught up with them (a setting imported after the last extract).
   */
  freightAccounts?: FreightAccounts
  exchangeRates?: SuppliedRate[]
  /** A conversion-date migration (mappers/conversion/settings.ts): the date, open documents, history. */
  conversionDate?: string
  openDocuments?: 'outstanding' | 'full'
  history?: 'opening' | 'monthly'
}

// ---- the context ------------------------------------------------------------------------------------

export interface SourceIndex {
  accounts: Map<string, Account>
  taxRates: Map<string, TaxRate>
  trackingCategories: TrackingCategory[]
  contacts: Map<string, Contact>
  items: Map<string, Item>
  /** Item code -> item (document lines refer to items by code). */
  itemsByCode: Map<string, Item>
  /** `${kind}:${id}` -> document, for payments and allocations. */
  documents: Map<string, TradeDocument>
  /** Refunds out of a prepayment, overpayment or credit, by id: the credit's own payment links them. */
  refunds: Map<string, Payment>
  /** Prepayments and overpayments by id: a refund out of one names its contact and currency. */
  unapplied: Map<string, Payment>
}

export interface MappingContext {
  system: SourceSystem
  target: TargetCompany
  overrides: Overrides
  source: SourceIndex
  /** QBO Ids of records already loaded by an earlier run, by entity then source id. */
  loaded: ReadonlyMap<QboEntity, ReadonlyMap<string, string>>
  /** A conversion-date migration's plan: the records it maps instead of the staged ones, and what it skips. */
  conversion?: ConversionPlan
}

export interface StagedLists {
  accounts?: Account[]
  taxRates?: TaxRate[]
  trackingCategories?: TrackingCategory[]
  contacts?: Contact[]
  items?: Item[]
  documents?: TradeDocument[]
  refunds?: Payment[]
  unapplied?: Payment[]
}

export function indexSource(lists: StagedLists): SourceIndex {
  const byId = <T extends {id: string}>(xs: T[] = []) => new Map(xs.map((x) => [x.id, x]))
  return {
    accounts: byId(lists.accounts),
    taxRates: byId(lists.taxRates),
    trackingCategories: lists.trackingCategories ?? [],
    contacts: byId(lists.contacts),
    items: byId(lists.items),
    itemsByCode: new Map((lists.items ?? []).map((i) => [i.code, i])),
    documents: new Map((lists.documents ?? []).map((d) => [`${d.kind}:${d.id}`, d])),
    refunds: byId(lists.refunds),
    unapplied: byId(lists.unapplied),
  }
}

export const emptyTarget = (homeCurrency = 'AUD'): TargetCompany => ({
  homeCurrency,
  multiCurrency: false,
  accounts: [],
  taxCodes: [],
  classes: [],
  departments: [],
  terms: [],
  paymentMethods: [],
  items: [],
  customers: [],
  vendors: [],
  employees: [],
  documents: [],
})

/** A reference to a record of this migration: its QBO Id when an earlier run loaded it, else a placeholder. */
export function refTo(ctx: MappingContext, entity: QboEntity, sourceId: string): Ref {
  const id = ctx.loaded.get(entity)?.get(sourceId)
  return id === undefined ? symbolic(entity, sourceId) : known(id)
}

/** Case- and space-insensitive key for names (QBO compares names without regard to case). */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** A QBO list record by name only (adoption: never by Id, or an option called "7" would match record 7). */
export function findByName<T>(list: readonly T[], name: (x: T) => string, wanted: string): T | undefined {
  const key = nameKey(wanted)
  return list.find((x) => nameKey(name(x)) === key)
}

/** A QBO record the user named in an override: by Id first, then by name. */
export function findNamed<T extends {Id: string}>(
  list: readonly T[],
  name: (x: T) => string,
  wanted: string,
): T | undefined {
  const key = nameKey(wanted)
  return list.find((x) => x.Id === wanted) ?? list.find((x) => nameKey(name(x)) === key)
}

/** Which side of a tax code a line uses: a sale, or a purchase. */
export type TaxDirection = 'sales' | 'purchase'
