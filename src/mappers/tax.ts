import type {TaxRate} from '../domain/canonical.js'
import {dec} from '../domain/money.js'
import {findNamed, nameKey, type MappingContext, type QboTaxCode, type TaxDirection} from './context.js'
import {taxFit} from './mapping-fit.js'
import {issue, type Issue} from './result.js'

export type {TaxDirection} from './context.js'

/**
 * Xero-style report type (sources.md §2.2) -> the AU QBO tax code names that fit, per direction, best first
 * (qbo-api.md §9). The short names are QuickBooks' older codes, which some companies still carry.
 */
const QBO_NAMES: Record<string, Record<TaxDirection, string[]>> = {
  OUTPUT: {sales: ['GST', 'GST on sales'], purchase: ['GST on non-capital', 'NCG']},
  INPUT: {sales: ['GST'], purchase: ['GST on non-capital', 'NCG']},
  CAPEXINPUT: {sales: ['GST'], purchase: ['GST on capital', 'CAG']},
  EXEMPTOUTPUT: {sales: ['GST-free', 'GST free', 'FRE'], purchase: ['GST-free non-capital', 'NCF']},
  EXEMPTEXPENSES: {
    sales: ['GST-free', 'FRE'],
    purchase: ['GST-free non-capital', 'GST free non-capital', 'NCF'],
  },
  EXEMPTCAPITAL: {sales: ['GST-free', 'FRE'], purchase: ['GST-free capital', 'GST free capital', 'CAF']},
  EXEMPTEXPORT: {
    sales: ['GST-free exports', 'GST free exports', 'EXP'],
    purchase: ['GST-free non-capital', 'NCF'],
  },
  INPUTTAXED: {sales: ['Input taxed', 'ITS'], purchase: ['Input taxed', 'INP']},
  BASEXCLUDED: {sales: ['Out of Scope', '0% Out of Scope'], purchase: ['Out of Scope', '0% Out of Scope']},
  GSTONIMPORTS: {sales: ['GST on imports'], purchase: ['GST on imports']},
  GSTONCAPIMPORTS: {sales: ['GST on capital imports'], purchase: ['GST on capital imports']},
}

/** MYOB codes serve both directions (sources.md §4.3): code -> Xero-style report type per direction. */
const MYOB_CODES: Record<string, Record<TaxDirection, string>> = {
  GST: {sales: 'OUTPUT', purchase: 'INPUT'},
  CAP: {sales: 'OUTPUT', purchase: 'CAPEXINPUT'},
  FRE: {sales: 'EXEMPTOUTPUT', purchase: 'EXEMPTEXPENSES'},
  EXP: {sales: 'EXEMPTEXPORT', purchase: 'EXEMPTEXPENSES'},
  INP: {sales: 'INPUTTAXED', purchase: 'INPUTTAXED'},
  ITS: {sales: 'INPUTTAXED', purchase: 'INPUTTAXED'},
  'N-T': {sales: 'BASEXCLUDED', purchase: 'BASEXCLUDED'},
  NTR: {sales: 'BASEXCLUDED', purchase: 'BASEXCLUDED'},
  GNR: {sales: 'EXEMPTOUTPUT', purchase: 'EXEMPTEXPENSES'},
}

/** Xero's retired AU codes (pre-2013): NONE on an expense is GST-free expenses, otherwise BAS excluded. */
function legacyXero(code: string, accountClass: string | undefined): string | undefined {
  if (code !== 'NONE' && code !== 'EXEMPTINPUT') return undefined
  return code === 'NONE' && accountClass === 'expense' ? 'EXEMPTEXPENSES' : 'BASEXCLUDED'
}

/** The Xero-style report type of a source tax code in one direction, or undefined when there is none. */
export function reportTypeOf(
  ctx: MappingContext,
  rate: TaxRate,
  direction: TaxDirection,
  accountClass?: string,
): string | undefined {
  if (ctx.system === 'myob') {
    const m = MYOB_CODES[rate.id.toUpperCase()]
    if (m) return m[direction]
  }
  const key = (rate.reportType ?? rate.id).toUpperCase()
  return legacyXero(key, accountClass) ?? (QBO_NAMES[key] ? key : undefined)
}

function usable(code: QboTaxCode, direction: TaxDirection): boolean {
  return code.Active && (direction === 'sales' ? code.hasSalesRate : code.hasPurchaseRate)
}

function byName(ctx: MappingContext, names: string[], direction: TaxDirection): QboTaxCode | undefined {
  for (const n of names) {
    const found = ctx.target.taxCodes.find((c) => nameKey(c.Name) === nameKey(n) && usable(c, direction))
    if (found) return found
  }
  // QBO names its out-of-scope code with a rate prefix in some companies ("0% Out of Scope").
  if (names.includes('Out of Scope')) {
    return ctx.target.taxCodes.find((c) => /out of scope/i.test(c.Name) && c.Active)
  }
  return undefined
}

export type TaxResolution = {code: QboTaxCode; rate?: TaxRate} | {issue: Issue}

/**
 * The target company's TaxCode for a source tax code used in one direction, found by NAME (Ids differ per
 * company). The user's override wins; `code:sales` / `code:purchase` overrides beat a plain `code` one.
 */
export function resolveTaxCode(
  ctx: MappingContext,
  taxCode: string,
  direction: TaxDirection,
  accountClass?: string,
): TaxResolution {
  const overrides = ctx.overrides.taxCodes ?? {}
  for (const key of [`${taxCode}:${direction}`, taxCode]) {
    if (!(key in overrides)) continue
    const target = overrides[key]
    const code = target ? findNamed(ctx.target.taxCodes, (c) => c.Name, target) : undefined
    const rate = ctx.source.taxRates.get(taxCode)
    const misfit = code && rate ? taxFit(rate, code, direction)[0] : undefined
    if (misfit && !ctx.overrides.confirmed?.taxCodes?.includes(key)) {
      return {
        issue: issue(
          misfit.code,
          `tax code ${taxCode} is mapped onto a QBO code of another rate: ${misfit.message}`,
          `Choose a QBO tax code of the same rate for ${taxCode} (${direction}) in the mapping workbook, or write "yes" in its Confirm column, then run \`qbo migrate mapping import\`.`,
        ),
      }
    }
    if (code) return {code}
    return {
      issue: issue(
        'TAX_CODE_NOT_MAPPED',
        target
          ? `tax code ${taxCode} is mapped to "${target}", which the QBO company does not have`
          : `tax code ${taxCode} is mapped to "do not migrate" but a ${direction} line uses it`,
        "Map the tax code to one of the QBO company's tax codes in the mapping workbook.",
      ),
    }
  }
  const rate = ctx.source.taxRates.get(taxCode)
  if (!rate) {
    return {
      issue: issue(
        'TAX_CODE_UNKNOWN',
        `tax code "${taxCode}" is not among the staged tax rates`,
        'Re-extract including the tax rates, or map the code in the mapping workbook.',
      ),
    }
  }
  const type = reportTypeOf(ctx, rate, direction, accountClass)
  const names = type ? QBO_NAMES[type]?.[direction] : undefined
  const code = names ? byName(ctx, names, direction) : undefined
  if (code) return {code, rate}
  return {
    issue: issue(
      'TAX_CODE_UNMAPPED',
      names
        ? `no active QBO tax code named ${names.map((n) => `"${n}"`).join(' or ')} for ${direction}s (source ${taxCode} "${rate.name}", ${rate.rate}%)`
        : `tax code ${taxCode} "${rate.name}" (${rate.rate}%) has no standard QBO equivalent`,
      `Map ${taxCode} to a QBO tax code in the mapping workbook (\`qbo migrate mapping export\`), then import it.`,
    ),
  }
}

/** The out-of-scope code, used for lines the source left without a tax code. */
export function outOfScopeCode(ctx: MappingContext): QboTaxCode | undefined {
  return byName(ctx, QBO_NAMES.BASEXCLUDED!.sales, 'sales')
}

export function isZeroRate(rate: TaxRate | undefined): boolean {
  return rate !== undefined && dec(rate.rate).isZero()
}
