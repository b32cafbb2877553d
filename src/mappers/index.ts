// The mappers' public surface: the loader and the plan use these; everything else is internal.
export {buildContext, mapCompany, type ContextInput, type MappedRecord} from './company.js'
export {
  emptyTarget,
  type MappingContext,
  type Overrides,
  type QboAccount,
  type QboTaxCode,
  type TargetCompany,
} from './context.js'
export {collectRefs, resolveRefs, type RefLookup, type SymbolicTarget} from './refs.js'
export type {Decision, Disposition, Issue, MapResult} from './result.js'
export {targetFromQbo, type QboCompanyJson} from './target.js'
// The mapping workbook shows the tool's own suggestions next to the accountant's overrides.
export {nameKey} from './context.js'
export {resolveTaxCode, type TaxDirection} from './tax.js'
export {trackingTarget, type TrackingEntity} from './tracking.js'
