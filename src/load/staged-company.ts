import {type CanonicalRecord, parseCanonical} from '../domain/canonical.js'
import type {QboEntity} from '../domain/entities.js'
import {STAGED_KINDS} from '../domain/entities.js'
import {UserInputError} from '../domain/errors.js'
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

/** The accountant's choices saved from the mapping workbook (`qbo migrate mapping import`). */
export function userOverrides(staging: Staging): Overrides {
  const accounts: Record<string, string | null> = {}
  const taxCodes: Record<string, string | null> = {}
  const tracking: Record<string, 'Class' | 'Department' | null> = {}
  for (const m of staging.mappings.list()) {
    if (m.origin !== 'user') continue
    if (m.mapType === 'account') accounts[m.sourceKey] = m.target
    if (m.mapType === 'taxCode') taxCodes[m.sourceKey] = m.target
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
    ...(headerAccounts === 'parent' || headerAccounts === 'drop' ? {headerAccounts} : {}),
    ...(taxPresentation === 'source' ||
    taxPresentation === 'TaxExcluded' ||
    taxPresentation === 'TaxInclusive'
      ? {taxPresentation}
      : {}),
    ...(settings.inventoryStartDate ? {inventoryStartDate: settings.inventoryStartDate} : {}),
    ...suppliedFacts(settings),
  }
}

/** Saves imported overrides as the user's mappings; what the workbook no longer names goes back to suggestions. */
export function saveUserOverrides(staging: Staging, overrides: Overrides): void {
  inTransaction(staging.db, () => {
    staging.db
      .prepare(
        `DELETE FROM mappings WHERE origin = 'user' AND map_type IN ('account', 'taxCode', 'tracking')`,
      )
      .run()
    for (const [k, v] of Object.entries(overrides.accounts ?? {})) staging.mappings.setByUser('account', k, v)
    for (const [k, v] of Object.entries(overrides.taxCodes ?? {})) staging.mappings.setByUser('taxCode', k, v)
    for (const [k, v] of Object.entries(overrides.tracking ?? {}))
      staging.mappings.setByUser('tracking', k, v)
    staging.settings.set('headerAccounts', overrides.headerAccounts)
    staging.settings.set('taxPresentation', overrides.taxPresentation)
    staging.settings.set('inventoryStartDate', overrides.inventoryStartDate)
    staging.settings.set('freightIncomeAccount', overrides.freightAccounts?.sales)
    staging.settings.set('freightExpenseAccount', overrides.freightAccounts?.purchases)
    const rates = overrides.exchangeRates ?? []
    staging.settings.set('exchangeRates', rates.length ? JSON.stringify(rates) : undefined)
  })
}
