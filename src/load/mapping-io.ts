import type {Account, CanonicalRecord, TaxRate, TrackingCategory} from '../domain/canonical.js'
import {readMappingWorkbook, writeMappingWorkbook, type MappingSubject} from '../workbooks/index.js'
import {buildContext, type Overrides} from '../mappers/index.js'
import {buildPlan} from './plan.js'
import {accountUsage, taxUsage} from './plan/effect.js'
import {type MigrationDeps, readPlanInputs} from './migration.js'
import {mappingChanges, type MappingChange} from './mapping-changes.js'
import {saveUserOverrides, userOverrides} from './staged-company.js'

async function subject(deps: MigrationDeps) {
  const inputs = await readPlanInputs(deps)
  const of = <T>(kind: string) => inputs.records.filter((r) => r.kind === kind).map((r) => r.record as T)
  const s: MappingSubject = {
    system: inputs.system,
    target: inputs.target,
    accounts: of<Account>('account'),
    taxRates: of<TaxRate>('taxRate'),
    trackingCategories: of<TrackingCategory>('trackingCategory'),
    unratedRecords: unrated(inputs.records, inputs.target.homeCurrency),
    usage: {accounts: accountUsage(inputs.records), taxLines: taxUsage(inputs.records)},
    ...byThemselves(inputs),
  }
  return {inputs, subject: s}
}

/**
 * Where the tool puts each source account by itself (without the accountant's account choices): the QBO
 * account it maps onto (the import checks that two accounts never end up on one QBO system account), or the
 * account it creates (offered as a choice for other source accounts).
 */
function byThemselves(
  inputs: Awaited<ReturnType<typeof readPlanInputs>>,
): Pick<MappingSubject, 'systemTargets' | 'plannedAccounts'> {
  const overrides: Overrides = {...inputs.overrides, accounts: {}}
  const ctx = buildContext({system: inputs.system, target: inputs.target, overrides, records: inputs.records})
  const accounts = inputs.records.filter((r) => r.kind === 'account')
  const plan = buildPlan(accounts, ctx)
  const currency = new Map(accounts.map((r) => [r.record.id, (r.record as Account).currency] as const))
  return {
    systemTargets: new Map(
      plan.records.flatMap((r) =>
        r.entity === 'Account' && r.qboId ? [[r.sourceId, r.qboId] as const] : [],
      ),
    ),
    plannedAccounts: plan.records.flatMap((r) => {
      if (r.entity !== 'Account' || r.action !== 'create' || !r.payload) return []
      const c = currency.get(r.sourceId)
      return [
        {
          sourceId: r.sourceId,
          name: String(r.payload.Name),
          type: String(r.payload.AccountType),
          ...(c ? {currency: c} : {}),
        },
      ]
    }),
  }
}

const MONEY_KINDS = new Set([
  'invoice',
  'creditNote',
  'bill',
  'supplierCredit',
  'payment',
  'billPayment',
  'bankTransaction',
])

/** Foreign-currency records staged without a rate (a Xero CSV export carries none). */
function unrated(records: CanonicalRecord[], home: string) {
  return records.flatMap((r) => {
    if (!MONEY_KINDS.has(r.kind)) return []
    const x = r.record as {currency: string; date: string; exchangeRate?: string}
    return x.currency !== home && !x.exchangeRate ? [{currency: x.currency, date: x.date}] : []
  })
}

/** `qbo migrate mapping export`: the tool's suggestions and the current choices, for the accountant to edit. */
export async function exportMapping(deps: MigrationDeps, file: string): Promise<{file: string}> {
  const {inputs, subject: s} = await subject(deps)
  await writeMappingWorkbook(
    {...s, plan: buildPlan(inputs.records, inputs.ctx), overrides: inputs.overrides},
    file,
  )
  return {file}
}

/** `qbo migrate mapping import`: validates every edited cell against the target company, then saves the choices. */
export async function importMapping(
  deps: MigrationDeps,
  file: string,
): Promise<{
  file: string
  accounts: number
  taxCodes: number
  tracking: number
  /** Freight accounts and exchange rates: applied by the next `qbo migrate extract`. */
  suppliedFacts: number
  /** Earlier choices this workbook drops or changes (an older or another workbook imported over them). */
  changes: MappingChange[]
}> {
  const {inputs, subject: s} = await subject(deps)
  const overrides = await readMappingWorkbook(file, s)
  const changes = mappingChanges(userOverrides(deps.staging), overrides, inputs.target)
  saveUserOverrides(deps.staging, overrides)
  return {
    changes,
    file,
    accounts: Object.keys(overrides.accounts ?? {}).length,
    taxCodes: Object.keys(overrides.taxCodes ?? {}).length,
    tracking: Object.keys(overrides.tracking ?? {}).length,
    suppliedFacts:
      Object.keys(overrides.freightAccounts ?? {}).length + (overrides.exchangeRates ?? []).length,
  }
}
