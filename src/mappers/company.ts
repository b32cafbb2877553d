import type {
  CanonicalOf,
  CanonicalRecord,
  Contact,
  CreditNote,
  SupplierCredit,
  TradeDocument,
} from '../domain/canonical.js'
import type {QboEntity, StagedKind} from '../domain/entities.js'
import type {SourceSystem} from '../domain/ids.js'
import {mapAccount} from './accounts.js'
import {mapBankTransaction, mapTransfer} from './banking.js'
import {mapContact} from './contacts.js'
import {indexSource, type MappingContext, type Overrides, type TargetCompany} from './context.js'
import {mapTradeDocument} from './documents.js'
import {accountItemAccounts, mapAccountItem, mapItem} from './items.js'
import type {SourceReport} from '../domain/source-reports.js'
import {type ConversionPlan, planConversion} from './conversion/plan-conversion.js'
import {mapJournal, mapOpeningBalance} from './journals.js'
import {contactRoles} from './names.js'
import {mapCreditApplication, mapPayment, mapPaymentMethod} from './payments.js'
import {isRefund, mapRefund, mapRefundApplication} from './refunds.js'
import type {MapResult} from './result.js'
import {mapTerm, termSourceId, type PaymentTerms} from './terms.js'
import {mapTrackingOption, trackingTarget} from './tracking.js'

export interface ContextInput {
  system: SourceSystem
  target: TargetCompany
  overrides?: Overrides
  records: readonly CanonicalRecord[]
  /** The source's own reports (trial balance, aged summaries): a conversion-date migration opens with them. */
  reports?: readonly SourceReport[]
  /** Id-map entries of earlier runs: entity -> source id -> QBO Id. */
  loaded?: ReadonlyMap<QboEntity, ReadonlyMap<string, string>>
}

export function buildContext(input: ContextInput): MappingContext {
  const overrides = input.overrides ?? {}
  // A conversion-date migration maps what its plan says (open documents, opening journals) instead.
  const conversion = overrides.conversionDate
    ? planConversion(
        input.records,
        {
          date: overrides.conversionDate,
          openDocuments: overrides.openDocuments ?? 'outstanding',
          history: overrides.history ?? 'opening',
        },
        input.reports ?? [],
        {
          homeCurrency: input.target.homeCurrency,
          // AU's fiscal year starts in July; QBO's own setting wins when the company gives it.
          fiscalYearStartMonth: input.target.fiscalYearStartMonth ?? 7,
        },
      )
    : undefined
  const records = conversion?.records ?? input.records
  const of = <K extends StagedKind>(kind: K): CanonicalOf<K>[] =>
    records.filter((r) => r.kind === kind).map((r) => r.record as CanonicalOf<K>)
  const documents = records
    .filter(
      (r) =>
        r.kind === 'invoice' || r.kind === 'creditNote' || r.kind === 'bill' || r.kind === 'supplierCredit',
    )
    .map((r) => r.record as TradeDocument)
  return {
    system: input.system,
    target: input.target,
    overrides,
    loaded: input.loaded ?? new Map(),
    ...(conversion ? {conversion} : {}),
    source: indexSource({
      accounts: of('account'),
      taxRates: of('taxRate'),
      trackingCategories: of('trackingCategory'),
      contacts: of('contact'),
      items: of('item'),
      documents,
      refunds: [...of('payment'), ...of('billPayment')].filter((p) => p.refundOf !== undefined),
      unapplied: [...of('payment'), ...of('billPayment')].filter((p) => p.origin !== undefined),
    }),
  }
}

/** A mapped record with the staged kind it came from ("derived" for records the migration makes up). */
export interface MappedRecord extends MapResult {
  sourceKind: StagedKind | 'derived'
  /** What a person knows the record by, for the preview workbook ("INV-0001 Acme Pty Ltd 1595.00"). */
  label: string
}

function labelOf(r: CanonicalRecord): string {
  switch (r.kind) {
    case 'account':
      return [r.record.code, r.record.name].filter(Boolean).join(' ')
    case 'contact':
    case 'item':
    case 'taxRate':
    case 'trackingCategory':
      return r.record.name
    case 'invoice':
    case 'creditNote':
    case 'bill':
    case 'supplierCredit':
      return `${r.record.number ?? r.record.id} ${r.record.contactName} ${r.record.total}`
    case 'payment':
    case 'billPayment':
      return `${r.record.reference ?? r.record.id} ${r.record.amount}`
    case 'manualJournal':
      return `${r.record.number ?? r.record.id} ${r.record.narration}`.trim()
    case 'bankTransaction':
      return `${r.record.reference ?? r.record.id} ${r.record.contactName ?? ''} ${r.record.total}`.replace(
        /\s+/g,
        ' ',
      )
    case 'bankTransfer':
      return `${r.record.id} ${r.record.amount}`
    case 'openingBalance':
      return `Opening balances ${r.record.date}`
  }
}

function termsOf(contacts: Contact[]): PaymentTerms[] {
  const seen = new Map<string, PaymentTerms>()
  for (const c of contacts) {
    const roles = contactRoles(c)
    if (c.salesTerms && roles.includes('Customer')) seen.set(termSourceId(c.salesTerms), c.salesTerms)
    if (c.billTerms && roles.includes('Vendor')) seen.set(termSourceId(c.billTerms), c.billTerms)
  }
  return [...seen.values()]
}

/**
 * Maps every staged record of a company, plus the records the migration derives from them: terms and
 * payment methods, classes and departments from tracking options, account items for item-less sales lines,
 * and credit applications. Deterministic: the same records and context give the same results in the same order.
 */
export function mapCompany(staged: readonly CanonicalRecord[], ctx: MappingContext): MappedRecord[] {
  const records = ctx.conversion?.records ?? staged
  const out: MappedRecord[] = []
  const derived = (r: MapResult) =>
    out.push({...r, sourceKind: 'derived', label: String(r.payload?.Name ?? r.sourceId)})
  for (const t of termsOf([...ctx.source.contacts.values()])) derived(mapTerm(t, ctx))
  for (const c of ctx.source.trackingCategories) {
    const entity = trackingTarget(ctx, c.name)
    if (entity) for (const o of c.options) derived(mapTrackingOption(c, o, entity, ctx))
  }
  const methods = new Set<string>()
  for (const r of records) if (r.kind === 'payment' && r.record.method) methods.add(r.record.method)
  for (const m of [...methods].sort()) derived(mapPaymentMethod(m, ctx))
  for (const accountId of accountItemAccounts(ctx)) derived(mapAccountItem(accountId, ctx))

  for (const r of records) {
    const add = (m: MapResult) => out.push({...m, sourceKind: r.kind, label: labelOf(r)})
    switch (r.kind) {
      case 'account':
        add(mapAccount(r.record, ctx))
        break
      case 'contact':
        for (const entity of contactRoles(r.record)) add(mapContact(r.record, entity, ctx))
        break
      case 'item':
        add(mapItem(r.record, ctx))
        break
      case 'invoice':
      case 'creditNote':
      case 'bill':
      case 'supplierCredit': {
        const mapped = mapTradeDocument(r.record, ctx)
        add(mapped)
        const credit = r.record as CreditNote | SupplierCredit
        if (
          (r.kind === 'creditNote' || r.kind === 'supplierCredit') &&
          mapped.disposition?.action !== 'skip'
        ) {
          credit.allocations?.forEach((_a, i) => add(mapCreditApplication(credit, i, ctx)))
        }
        break
      }
      case 'payment':
      case 'billPayment': {
        if (!isRefund(r.record, r.kind)) {
          add(mapPayment(r.record, r.kind, ctx))
          break
        }
        const refund = mapRefund(r.record, r.kind, ctx)
        add(refund)
        const applied =
          refund.disposition?.action === 'skip' ? undefined : mapRefundApplication(r.record, r.kind, ctx)
        if (applied) add(applied)
        break
      }
      case 'manualJournal':
        add(mapJournal(r.record, ctx))
        break
      case 'bankTransaction':
        add(mapBankTransaction(r.record, ctx))
        break
      case 'bankTransfer':
        add(mapTransfer(r.record, ctx))
        break
      case 'openingBalance':
        add(mapOpeningBalance(r.record, ctx))
        break
      case 'taxRate':
      case 'trackingCategory':
        // Not QBO records of their own: tax codes are QBO's, tracking options became classes/departments.
        break
    }
  }
  if (ctx.conversion) withConversion(out, ctx.conversion)
  return out
}

/** What a conversion left out (skips with their reason), could not build (blocked), and decided. */
function withConversion(out: MappedRecord[], conversion: ConversionPlan): void {
  for (const m of out) {
    const key = `${m.sourceKind}:${m.sourceId}`
    const extra = conversion.decisions.get(key)
    if (extra) m.decisions = [...m.decisions, ...extra]
  }
  for (const s of conversion.skipped) out.push(s)
  for (const b of conversion.blocked) out.push({...b, sourceKind: 'derived'})
}
