import {type CanonicalRecord, parseCanonical} from '../domain/canonical.js'
import type {QboEntity} from '../domain/entities.js'
import {STAGED_KINDS} from '../domain/entities.js'
import {parseIsoDate} from '../domain/civil-date.js'
import {UsageError, UserInputError} from '../domain/errors.js'
import type {SourceReport} from '../domain/source-reports.js'
import {isSourceSystem, type SourceSystem} from '../domain/ids.js'
import type {Overrides} from '../mappers/index.js'
import {suppliedFacts} from '../domain/supplied-facts.js'
import {inTransaction, type Staging} from '../staging/index.js'

/** Everything staged for one source, validated again as it leaves the file (the file may be older than us). */
export function readStagedCompany(staging: Staging): {system: SourceSystem; records: CanonicalRecord[]} {
  const systems = staging.staged.sourceSystems()
  if (systems.length === 0) {
    throw new UserInputError('Nothing is staged in this migration file yet.', {
      next: 'Run `qbo migrate extract --from xero-csv|myob|xero-api PATH` first.',
    })
  }
  if (systems.length > 1) {
    throw new UserInputError(
      `This migration file holds records from ${systems.join(' and ')}; a load takes one source.`,
      {
        next: 'Use one migration file (--db) per source company.',
      },
    )
  }
  const system = systems[0]!
  if (!isSourceSystem(system))
    throw new UserInputError(`Unknown source system "${system}" in staging.`, {next: 'Re-extract.'})
  const records: CanonicalRecord[] = []
  for (const kind of STAGED_KINDS) {
    for (const r of staging.staged.iterate(kind, system)) {
      records.push({kind, record: parseCanonical(kind, r.record)} as CanonicalRecord)
    }
  }
  return {system, records}
}

/** Records an earlier run already put in QBO (created or adopted): entity -> source id -> QBO Id. */
export function loadedIds(staging: Staging, realmId: string): Map<QboEntity, Map<string, string>> {
  const out = new Map<QboEntity, Map<string, string>>()
  for (const e of staging.idMap.list(realmId)) {
    const m = out.get(e.entity as QboEntity) ?? new Map<string, string>()
    m.set(e.sourceId, e.qboId)
    out.set(e.entity as QboEntity, m)
  }
  return out
}

/** What a load wrote for each record it created (for the plan's corrections): a lookup, read lazily. */
export function loadedPayloads(
  staging: Staging,
  realmId: string,
  system: SourceSystem,
): (entity: QboEntity, sourceId: string) => Record<string, unknown> | undefined {
  return (entity, sourceId) => staging.idMap.payload(realmId, entity, system, sourceId)
}

/** The note of a user mapping the accountant confirmed although it does not fit (mapping-fit.ts). */
const CONFIRMED = 'confirmed'

/** The accountant's choices saved from the mapping workbook (`qbo migrate mapping import`). */
export function userOverrides(staging: Staging): Overrides {
  const accounts: Record<string, string | null> = {}
  const taxCodes: Record<string, string | null> = {}
  const tracking: Record<string, 'Class' | 'Department' | null> = {}
  const confirmed = {accounts: [] as string[], taxCodes: [] as string[]}
  for (const m of staging.mappings.list()) {
    if (m.origin !== 'user') continue
    if (m.mapType === 'account') accounts[m.sourceKey] = m.target
    if (m.mapType === 'taxCode') taxCodes[m.sourceKey] = m.target
    if (m.note === CONFIRMED && m.mapType === 'account') confirmed.accounts.push(m.sourceKey)
    if (m.note === CONFIRMED && m.mapType === 'taxCode') confirmed.taxCodes.push(m.sourceKey)
    if (m.mapType === 'tracking')
      tracking[m.sourceKey] = m.target === 'Class' || m.target === 'Department' ? m.target : null
  }
  const settings = staging.settings.all()
  const headerAccounts = settings.headerAccounts
  const taxPresentation = settings.taxPresentation
  return {
    accounts,
    taxCodes,
    tracking,
    ...(confirmed.accounts.length || confirmed.taxCodes.length ? {confirmed} : {}),
    ...(headerAccounts === 'parent' || headerAccounts === 'drop' ? {headerAccounts} : {}),
    ...(taxPresentation === 'source' ||
    taxPresentation === 'TaxExcluded' ||
    taxPresentation === 'TaxInclusive'
      ? {taxPresentation}
      : {}),
    ...(settings.inventoryStartDate ? {inventoryStartDate: settings.inventoryStartDate} : {}),
    ...suppliedFacts(settings),
    ...(settings.conversionDate ? {conversionDate: settings.conversionDate} : {}),
    ...(settings.openDocuments === 'outstanding' || settings.openDocuments === 'full'
      ? {openDocuments: settings.openDocuments}
      : {}),
    ...(settings.history === 'opening' || settings.history === 'monthly' ? {history: settings.history} : {}),
  }
}

/** The source's own reports staged with the records (a conversion-date migration opens with them). */
export function stagedReports(staging: Staging): SourceReport[] {
  return staging.sourceReports.list().map((r) => r.report)
}

export interface ConversionOption {
  /** YYYY-MM-DD, or null to migrate the whole history again (only before any load). */
  date?: string | null
  openDocuments?: 'outstanding' | 'full'
  history?: 'opening' | 'monthly'
}

/**
 * Records the conversion settings given on the command line as the migration's own (the mapping workbook's
 * Settings sheet sets the same), so every later plan and load uses them. Once a load has written a
 * transaction they cannot change: a load with another date would leave out or add other records.
 */
export function saveConversionOption(staging: Staging, option: ConversionOption | undefined): void {
  if (!option) return
  if (option.date !== undefined && option.date !== null && !parseIsoDate(option.date)) {
    throw new UsageError(`--conversion-date must be a date YYYY-MM-DD, not "${option.date}"`, {
      next: 'qbo migrate plan --conversion-date 2024-06-30',
    })
  }
  const settings = staging.settings.all()
  const wanted: ConversionSettingsText = {
    conversionDate: option.date === undefined ? settings.conversionDate : (option.date ?? undefined),
    openDocuments: option.openDocuments ?? settings.openDocuments,
    history: option.history ?? settings.history,
  }
  const changed = conversionChanges(staging, wanted)
  inTransaction(staging.db, () => {
    for (const k of changed) staging.settings.set(k, wanted[k])
  })
}

type ConversionSettingsText = Record<'conversionDate' | 'openDocuments' | 'history', string | undefined>

/** Which conversion settings would change; refused once a load has written a transaction. */
function conversionChanges(
  staging: Staging,
  wanted: ConversionSettingsText,
): (keyof ConversionSettingsText)[] {
  const settings = staging.settings.all()
  const changed = (Object.keys(wanted) as (keyof ConversionSettingsText)[]).filter(
    (k) => wanted[k] !== settings[k],
  )
  // The choices mean nothing without a date, and a choice left blank is its default: neither is a change.
  const effective = (v: ConversionSettingsText) =>
    v.conversionDate
      ? `${v.conversionDate} ${v.openDocuments ?? 'outstanding'} ${v.history ?? 'opening'}`
      : 'full history'
  const current = {
    conversionDate: settings.conversionDate,
    openDocuments: settings.openDocuments,
    history: settings.history,
  }
  if (changed.length === 0 || effective(wanted) === effective(current)) return changed
  const counts = staging.idMap.countsByEntity()
  const loaded = Object.entries(counts).some(
    ([entity, c]) => TRANSACTIONS.has(entity) && c.created + c.adopted > 0,
  )
  if (loaded) {
    throw new UserInputError(
      `This migration was loaded ${settings.conversionDate ? `with conversion date ${settings.conversionDate}` : 'with its full history'}; its conversion settings cannot change now (asked: ${changed.map((k) => `${k} ${wanted[k] ?? 'none'}`).join(', ')}).`,
      {
        next: 'Keep the settings the load used (in the mapping workbook too), or start a new migration file with --db.',
      },
    )
  }
  return changed
}

const TRANSACTIONS = new Set([
  'Invoice',
  'CreditMemo',
  'Bill',
  'VendorCredit',
  'Payment',
  'BillPayment',
  'JournalEntry',
  'Purchase',
  'Deposit',
  'Transfer',
])

/** Saves imported overrides as the user's mappings; what the workbook no longer names goes back to suggestions. */
export function saveUserOverrides(staging: Staging, overrides: Overrides): void {
  conversionChanges(staging, {
    conversionDate: overrides.conversionDate,
    openDocuments: overrides.openDocuments,
    history: overrides.history,
  })
  inTransaction(staging.db, () => {
    staging.db
      .prepare(
        `DELETE FROM mappings WHERE origin = 'user' AND map_type IN ('account', 'taxCode', 'tracking')`,
      )
      .run()
    const note = (list: string[] | undefined, k: string) => (list?.includes(k) ? CONFIRMED : undefined)
    for (const [k, v] of Object.entries(overrides.accounts ?? {}))
      staging.mappings.setByUser('account', k, v, note(overrides.confirmed?.accounts, k))
    for (const [k, v] of Object.entries(overrides.taxCodes ?? {}))
      staging.mappings.setByUser('taxCode', k, v, note(overrides.confirmed?.taxCodes, k))
    for (const [k, v] of Object.entries(overrides.tracking ?? {}))
      staging.mappings.setByUser('tracking', k, v)
    staging.settings.set('headerAccounts', overrides.headerAccounts)
    staging.settings.set('taxPresentation', overrides.taxPresentation)
    staging.settings.set('inventoryStartDate', overrides.inventoryStartDate)
    staging.settings.set('freightIncomeAccount', overrides.freightAccounts?.sales)
    staging.settings.set('freightExpenseAccount', overrides.freightAccounts?.purchases)
    const rates = overrides.exchangeRates ?? []
    staging.settings.set('exchangeRates', rates.length ? JSON.stringify(rates) : undefined)
    staging.settings.set('conversionDate', overrides.conversionDate)
    staging.settings.set('openDocuments', overrides.openDocuments)
    staging.settings.set('history', overrides.history)
  })
}
