import type {AmountsAre, DocumentLine} from '../domain/canonical.js'
import type {z} from 'zod'
import {dec, roundAmount, roundUnit, toQboAmount, toQboUnit, type Dec} from '../domain/money.js'
import {accountRef} from './accounts.js'
import type {MappingContext} from './context.js'
import {itemRefForLine} from './items.js'
import type {Ref} from './refs.js'
import type {Notes} from './result.js'
import {outOfScopeCode, reportTypeOf, resolveTaxCode, type TaxDirection} from './tax.js'
import {trackingRefs} from './tracking.js'

export type Presentation = 'TaxExcluded' | 'TaxInclusive' | 'NotApplicable'

/** GlobalTaxCalculation from the source's amountsAre, unless the user asked for one presentation. */
export function presentationOf(
  ctx: MappingContext,
  notes: Notes,
  amountsAre: z.infer<typeof AmountsAre>,
): Presentation {
  if (amountsAre === 'noTax') return 'NotApplicable'
  const source: Presentation = amountsAre === 'inclusive' ? 'TaxInclusive' : 'TaxExcluded'
  const wanted = ctx.overrides.taxPresentation
  if (wanted && wanted !== 'source' && wanted !== source) {
    notes.decide(
      'TAX_PRESENTATION_OVERRIDDEN',
      `amounts shown ${wanted === 'TaxInclusive' ? 'including' : 'excluding'} tax as configured (source: ${amountsAre}); totals unchanged`,
      {source: amountsAre},
    )
    return wanted
  }
  return source
}

/** Line amounts in QBO's terms: Amount is always net of tax; the gross goes to TaxInclusiveAmt. */
export function lineAmounts(
  line: Pick<DocumentLine, 'lineAmount' | 'taxAmount'>,
  amountsAre: string,
): {net: Dec; gross: Dec; tax: Dec} {
  const tax = dec(line.taxAmount)
  const net = amountsAre === 'inclusive' ? dec(line.lineAmount).minus(tax) : dec(line.lineAmount)
  return {net, gross: net.plus(tax), tax}
}

/**
 * The tax code reference for a line. NotApplicable documents carry none (QBO hides the tax column for them);
 * a taxed line the source left uncoded gets the out-of-scope code, recorded.
 */
export function lineTaxCode(
  ctx: MappingContext,
  notes: Notes,
  presentation: Presentation,
  taxCode: string | undefined,
  direction: TaxDirection,
  lineNo: number,
  accountClass?: string,
): Ref | undefined {
  if (presentation === 'NotApplicable') {
    // Out-of-scope codes say nothing QBO's NotApplicable does not; others (GST-free …) lose their BAS box.
    const rate = taxCode ? ctx.source.taxRates.get(taxCode) : undefined
    const outOfScope = rate && reportTypeOf(ctx, rate, direction, accountClass) === 'BASEXCLUDED'
    if (taxCode && !outOfScope) {
      notes.decide('TAX_CODE_NOT_APPLICABLE', `a no-tax document: line tax code ${taxCode} not sent`, {
        lineNo,
        taxCode,
      })
    }
    return undefined
  }
  if (!taxCode) {
    const oos = outOfScopeCode(ctx)
    if (!oos) {
      notes.block(
        'TAX_CODE_MISSING',
        `line ${lineNo} has no tax code and the QBO company has no Out of Scope code`,
        'Give the line a tax code in the source, or map a default in the mapping workbook.',
      )
      return undefined
    }
    notes.decide('TAX_CODE_DEFAULTED', `line without a tax code sent as "${oos.Name}"`, {lineNo})
    return {value: oos.Id}
  }
  const r = resolveTaxCode(ctx, taxCode, direction, accountClass)
  if ('issue' in r) {
    notes.block(r.issue.code, `line ${lineNo}: ${r.issue.message}`, r.issue.fix)
    return undefined
  }
  return {value: r.code.Id}
}

/**
 * Qty and UnitPrice only when QBO's check Amount = round(Qty × UnitPrice) holds with a 7-dp price (fault 6070);
 * otherwise the line keeps its exact Amount and drops them, recorded. A discount is folded into the price.
 */
export function qtyAndPrice(notes: Notes, line: DocumentLine, net: Dec): {Qty?: number; UnitPrice?: number} {
  if (line.discountRate && !dec(line.discountRate).isZero()) {
    notes.decide(
      'LINE_DISCOUNT_APPLIED',
      `line ${line.lineNo}: ${line.discountRate}% discount folded into the amount and unit price`,
      {
        lineNo: line.lineNo,
        discountRate: line.discountRate,
        unitAmount: line.unitAmount,
        lineAmount: line.lineAmount,
      },
    )
  }
  if (!line.quantity || dec(line.quantity).isZero()) return {}
  const qty = dec(line.quantity)
  const unit = roundUnit(net.div(qty))
  if (roundAmount(unit.times(qty)).eq(roundAmount(net)))
    return {Qty: toQboUnit(qty), UnitPrice: toQboUnit(unit)}
  notes.decide(
    'QTY_PRICE_DROPPED',
    `line ${line.lineNo}: quantity ${line.quantity} × a 7-decimal price cannot make ${net.toFixed(2)}; amount kept, quantity and price left off`,
    {lineNo: line.lineNo, quantity: line.quantity},
  )
  return {}
}

interface LineContext {
  ctx: MappingContext
  notes: Notes
  presentation: Presentation
  amountsAre: string
  direction: TaxDirection
}

function accountClassOf(ctx: MappingContext, accountId?: string): string | undefined {
  return accountId ? ctx.source.accounts.get(accountId)?.class : undefined
}

function withTax(
  detail: Record<string, unknown>,
  taxCode: Ref | undefined,
  presentation: Presentation,
  gross: Dec,
) {
  if (taxCode) detail.TaxCodeRef = taxCode
  if (presentation === 'TaxInclusive') detail.TaxInclusiveAmt = toQboAmount(gross)
  return detail
}

function descriptionOnly(lc: LineContext, line: DocumentLine): Record<string, unknown> | undefined {
  if (dec(line.lineAmount).isZero()) {
    return {
      DetailType: 'DescriptionOnly',
      Description: (line.description ?? '').slice(0, 4000),
      DescriptionLineDetail: {},
    }
  }
  lc.notes.block(
    'LINE_ACCOUNT_MISSING',
    `line ${line.lineNo} has an amount but neither an account nor a known item`,
    'Give the line an account in the source and re-extract.',
  )
  return undefined
}

/**
 * A freight line (MYOB): its account was chosen when it was staged (the mapping workbook's freight setting,
 * else the chart's account named like "Freight"), so the preview shows it as a decision. False when the line
 * cannot go: no freight account yet, or a setting imported after the last extract.
 */
function freightReady(lc: LineContext, line: DocumentLine): boolean {
  if (!line.freight) return true
  const side = lc.direction === 'sales' ? 'sales' : 'purchases'
  const what = side === 'sales' ? 'Freight income account' : 'Freight expense account'
  const chosen = lc.ctx.overrides.freightAccounts?.[side]
  if (!line.accountId) {
    lc.notes.block(
      'FREIGHT_ACCOUNT_MISSING',
      `line ${line.lineNo} is freight, and MYOB exports do not say which account freight posts to (none in the chart is named like "Freight")`,
      `Set "${what}" in the Settings sheet of the mapping workbook (\`qbo migrate mapping export\`, then import), run \`qbo migrate extract\` again, then plan again.`,
    )
    return false
  }
  if (chosen && chosen !== line.accountId) {
    lc.notes.block(
      'FREIGHT_SETTING_NOT_APPLIED',
      `line ${line.lineNo} is freight staged on account ${line.accountId}, but the mapping workbook sets "${what}" to ${chosen}`,
      'Run `qbo migrate extract` again to apply the setting, then plan again.',
    )
    return false
  }
  const name = lc.ctx.source.accounts.get(line.accountId)?.name
  lc.notes.decide(
    'FREIGHT_ACCOUNT',
    `freight on line ${line.lineNo} posts to ${line.accountId}${name ? ` ${name}` : ''} (${chosen ? "the mapping workbook's setting" : `the chart's freight account; "${what}" in the mapping workbook changes it`})`,
    {lineNo: line.lineNo, accountId: line.accountId, from: chosen ? 'setting' : 'chart'},
  )
  return true
}

/** Invoice and credit memo lines: SalesItemLineDetail through the item, or the account's item. */
export function salesLine(
  lc: LineContext,
  line: DocumentLine,
  departments: Set<string>,
): Record<string, unknown> | undefined {
  const {ctx, notes} = lc
  if (!freightReady(lc, line)) return undefined
  const itemRef = itemRefForLine(ctx, line.itemCode, line.accountId)
  if (!itemRef) return descriptionOnly(lc, line)
  const item = line.itemCode ? ctx.source.itemsByCode.get(line.itemCode) : undefined
  if (item?.tracked && line.accountId && item.salesAccountId && line.accountId !== item.salesAccountId) {
    notes.decide(
      'LINE_POSTS_TO_ITEM_ACCOUNT',
      `line ${line.lineNo}: tracked item ${item.code} posts to its own income account, not ${line.accountId}`,
      {lineNo: line.lineNo, accountId: line.accountId},
    )
  }
  const {net, gross} = lineAmounts(line, lc.amountsAre)
  const taxCode = lineTaxCode(
    ctx,
    notes,
    lc.presentation,
    line.taxCode,
    lc.direction,
    line.lineNo,
    accountClassOf(ctx, line.accountId),
  )
  const t = trackingRefs(ctx, line.tracking, notes)
  if (t.departmentKey) departments.add(t.departmentKey)
  const detail: Record<string, unknown> = {ItemRef: itemRef, ...qtyAndPrice(notes, line, net)}
  if (t.classRef) detail.ClassRef = t.classRef
  return {
    DetailType: 'SalesItemLineDetail',
    Amount: toQboAmount(net),
    ...(line.description ? {Description: line.description.slice(0, 4000)} : {}),
    SalesItemLineDetail: withTax(detail, taxCode, lc.presentation, gross),
  }
}

/** Bill, vendor credit and spend-money lines: by item for tracked stock, else by account. */
export function expenseLine(
  lc: LineContext,
  line: DocumentLine,
  departments: Set<string>,
): Record<string, unknown> | undefined {
  const {ctx, notes} = lc
  if (!freightReady(lc, line)) return undefined
  const item = line.itemCode ? ctx.source.itemsByCode.get(line.itemCode) : undefined
  const {net, gross} = lineAmounts(line, lc.amountsAre)
  const accountId = line.accountId ?? item?.purchaseAccountId
  const taxCode = lineTaxCode(
    ctx,
    notes,
    lc.presentation,
    line.taxCode,
    lc.direction,
    line.lineNo,
    accountClassOf(ctx, accountId),
  )
  const t = trackingRefs(ctx, line.tracking, notes)
  if (t.departmentKey) departments.add(t.departmentKey)
  const base = {
    Amount: toQboAmount(net),
    ...(line.description ? {Description: line.description.slice(0, 4000)} : {}),
  }
  if (item?.tracked) {
    const detail: Record<string, unknown> = {
      ItemRef: itemRefForLine(ctx, item.code, undefined),
      ...qtyAndPrice(notes, line, net),
    }
    if (t.classRef) detail.ClassRef = t.classRef
    return {
      DetailType: 'ItemBasedExpenseLineDetail',
      ...base,
      ItemBasedExpenseLineDetail: withTax(detail, taxCode, lc.presentation, gross),
    }
  }
  if (!accountId) return descriptionOnly(lc, line)
  const acct = accountRef(ctx, accountId)
  if ('issue' in acct) {
    notes.block(acct.issue.code, `line ${line.lineNo}: ${acct.issue.message}`, acct.issue.fix)
    return undefined
  }
  if (line.discountRate && !dec(line.discountRate).isZero()) qtyAndPrice(notes, line, net)
  const detail: Record<string, unknown> = {AccountRef: acct.ref}
  if (t.classRef) detail.ClassRef = t.classRef
  return {
    DetailType: 'AccountBasedExpenseLineDetail',
    ...base,
    AccountBasedExpenseLineDetail: withTax(detail, taxCode, lc.presentation, gross),
  }
}

/** Header DepartmentRef: QBO has one department per transaction; lines that disagree keep the first. */
export function departmentField(
  ctx: MappingContext,
  notes: Notes,
  keys: Set<string>,
): Record<string, unknown> {
  const [first, ...rest] = [...keys]
  if (!first) return {}
  if (rest.length)
    notes.decide(
      'DEPARTMENT_FROM_FIRST_LINE',
      `lines name ${keys.size} departments; QBO takes one per transaction, so "${first}" is used`,
      {departments: [...keys]},
    )
  const loaded = ctx.loaded.get('Department')?.get(first)
  return {DepartmentRef: loaded ? {value: loaded} : {ref: {entity: 'Department', sourceId: first}}}
}

export type {LineContext}
