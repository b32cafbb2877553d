/**
 * The rows of the mapping workbook, as data: the tool's suggestion for every source account, tax code and
 * tracking category next to the accountant's current override. Pure: the writer only renders these.
 */
import type {Account, CanonicalRecord, TaxRate, TrackingCategory} from '../../domain/canonical.js'
import type {SourceSystem} from '../../domain/ids.js'
import type {Plan} from '../../load/plan.js'
import {
  buildContext,
  nameKey,
  resolveTaxCode,
  trackingTarget,
  type Overrides,
  type QboTaxCode,
  type TargetCompany,
  type TaxDirection,
} from '../../mappers/index.js'
import {PLANNED_ACCOUNT_PREFIX} from '../../mappers/accounts.js'
import {contactNameRows, type ContactNameRow} from './contact-names.js'
import {DO_NOT_MIGRATE, NOT_MIGRATED} from './layout.js'
import {freightSettings, type RateRow, rateRows} from './supplied.js'

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

export interface AccountRow {
  sourceId: string
  code: string
  name: string
  sourceType: string
  header: string
  system: string
  plan: string
  suggested: string
  qboType: string
  why: string
  use: string
  confirm: string
  /** Staged records that post to the account, and its balance over them (blank when not known). */
  records: number | ''
  balance: number | ''
}

export interface TaxRow {
  code: string
  name: string
  rate: number
  direction: TaxDirection
  suggested: string
  why: string
  use: string
  confirm: string
  /** The rate of the QBO code the lines go to (the choice, else the suggestion), when known. */
  qboRate: number | ''
  lines: number | ''
}

export interface TrackingRow {
  category: string
  options: string
  suggested: string
  use: string
}

export interface MappingRows {
  accounts: AccountRow[]
  taxCodes: TaxRow[]
  tracking: TrackingRow[]
  settings: {
    headerAccounts: string
    taxPresentation: string
    inventoryStartDate: string
    freight: ReturnType<typeof freightSettings>
    conversionDate: string
    openDocuments: string
    history: string
  }
  exchangeRates: RateRow[]
  contactNames: ContactNameRow[]
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** A QBO record named by an override (Id or name) -> its name, so the sheet shows names. */
function shownName<T extends {Id: string}>(
  list: readonly T[],
  name: (x: T) => string,
  value: string,
): string {
  const found = list.find((x) => x.Id === value) ?? list.find((x) => nameKey(name(x)) === nameKey(value))
  return found ? name(found) : value
}

/** How an override onto an account the plan creates shows: as the drop-down offers it. */
function plannedName(input: MappingSubject, override: string): string | undefined {
  if (!override.startsWith(PLANNED_ACCOUNT_PREFIX)) return undefined
  const id = override.slice(PLANNED_ACCOUNT_PREFIX.length)
  const planned = input.plannedAccounts?.find((p) => p.sourceId === id)
  const name = planned?.name ?? input.accounts.find((a) => a.id === id)?.name ?? id
  return `${name} (to be created)`
}

function accountRows(input: MappingExportInput): AccountRow[] {
  const planned = new Map(
    input.plan.records.filter((r) => r.entity === 'Account').map((r) => [r.sourceId, r] as const),
  )
  const qbo = new Map(input.target.accounts.map((a) => [a.Id, a]))
  const overrides = input.overrides.accounts ?? {}
  const sorted = [...input.accounts].sort((a, b) =>
    (a.code ?? a.id).localeCompare(b.code ?? b.id, 'en', {numeric: true}),
  )
  return sorted.map((a) => {
    const r = planned.get(a.id)
    const existing = r?.qboId ? qbo.get(r.qboId) : undefined
    const payload = r?.payload ?? {}
    const suggested =
      r?.action === 'create'
        ? `create "${text(payload.Name)}"`
        : existing
          ? existing.Name
          : r?.action === 'blocked'
            ? '(blocked)'
            : r
              ? '(not created)'
              : '(not in the plan)'
    const type = existing ?? (r?.action === 'create' ? payload : undefined)
    const override = a.id in overrides ? overrides[a.id] : undefined
    const usage = input.usage?.accounts.get(a.id)
    return {
      sourceId: a.id,
      code: a.code ?? '',
      name: a.name,
      sourceType: a.sourceType,
      header: a.isHeader ? 'yes' : '',
      system: a.systemAccount ?? '',
      plan: r?.action ?? '',
      suggested,
      qboType: type ? [text(type.AccountType), text(type.AccountSubType)].filter(Boolean).join(' / ') : '',
      why: r?.reason ?? r?.issues.map((i) => i.message).join('; ') ?? '',
      use:
        override === null
          ? DO_NOT_MIGRATE
          : override === undefined
            ? ''
            : (plannedName(input, override) ?? shownName(input.target.accounts, (x) => x.Name, override)),
      confirm: input.overrides.confirmed?.accounts?.includes(a.id) ? 'yes' : '',
      records: usage ? usage.records : '',
      balance: usage ? Number(usage.balance) : '',
    }
  })
}

const directionsOf = (rate: TaxRate): TaxDirection[] =>
  rate.appliesTo === 'sales'
    ? ['sales']
    : rate.appliesTo === 'purchases'
      ? ['purchase']
      : ['sales', 'purchase']

function records(input: MappingSubject): CanonicalRecord[] {
  return [
    ...input.accounts.map((record) => ({kind: 'account' as const, record})),
    ...input.taxRates.map((record) => ({kind: 'taxRate' as const, record})),
    ...input.trackingCategories.map((record) => ({kind: 'trackingCategory' as const, record})),
  ]
}

/** The QBO tax code the tool would choose itself for a source code in a direction (no override). */
export function suggestedTaxCode(
  input: MappingSubject,
  code: string,
  direction: TaxDirection,
): QboTaxCode | undefined {
  const ctx = buildContext({
    system: input.system,
    target: input.target,
    overrides: {},
    records: records(input),
  })
  const resolved = resolveTaxCode(ctx, code, direction)
  return 'code' in resolved ? resolved.code : undefined
}

function taxRows(input: MappingExportInput): TaxRow[] {
  // The tool's own suggestion: resolved as if the accountant had overridden nothing.
  const ctx = buildContext({
    system: input.system,
    target: input.target,
    overrides: {...input.overrides, taxCodes: {}},
    records: records(input),
  })
  const overrides = input.overrides.taxCodes ?? {}
  return input.taxRates.flatMap((rate) =>
    directionsOf(rate).map((direction) => {
      const resolved = resolveTaxCode(ctx, rate.id, direction)
      const key = [`${rate.id}:${direction}`, rate.id].find((k) => k in overrides)
      const override = key === undefined ? undefined : overrides[key]
      const chosen = override
        ? input.target.taxCodes.find((c) => c.Id === override || nameKey(c.Name) === nameKey(override))
        : undefined
      const code = chosen ?? ('code' in resolved ? resolved.code : undefined)
      const qboRate = code ? (direction === 'sales' ? code.salesRate : code.purchaseRate) : undefined
      return {
        code: rate.id,
        name: rate.name,
        rate: Number(rate.rate),
        direction,
        suggested: 'code' in resolved ? resolved.code.Name : '',
        why: 'issue' in resolved ? resolved.issue.message : '',
        use:
          override === null
            ? DO_NOT_MIGRATE
            : override === undefined
              ? ''
              : shownName(input.target.taxCodes, (x) => x.Name, override),
        confirm: input.overrides.confirmed?.taxCodes?.includes(`${rate.id}:${direction}`) ? 'yes' : '',
        qboRate: override === null || qboRate === undefined ? '' : Number(qboRate),
        lines: input.usage ? (input.usage.taxLines.get(`${rate.id}:${direction}`) ?? 0) : '',
      }
    }),
  )
}

function trackingRows(input: MappingExportInput): TrackingRow[] {
  const ctx = buildContext({
    system: input.system,
    target: input.target,
    overrides: {...input.overrides, tracking: {}},
    records: records(input),
  })
  const overrides = input.overrides.tracking ?? {}
  return input.trackingCategories.map((c) => {
    const override = c.name in overrides ? overrides[c.name] : undefined
    return {
      category: c.name,
      options: c.options.map((o) => o.name).join(', '),
      suggested: trackingTarget(ctx, c.name) ?? NOT_MIGRATED,
      use: override === null ? NOT_MIGRATED : (override ?? ''),
    }
  })
}

export function mappingRows(input: MappingExportInput): MappingRows {
  return {
    accounts: accountRows(input),
    taxCodes: taxRows(input),
    tracking: trackingRows(input),
    settings: {
      headerAccounts: input.overrides.headerAccounts ?? 'parent',
      taxPresentation: input.overrides.taxPresentation ?? 'source',
      inventoryStartDate: input.overrides.inventoryStartDate ?? '',
      freight: freightSettings(input),
      conversionDate: input.overrides.conversionDate ?? '',
      openDocuments: input.overrides.openDocuments ?? 'outstanding',
      history: input.overrides.history ?? 'opening',
    },
    exchangeRates: rateRows(input),
    contactNames: contactNameRows(input),
  }
}
