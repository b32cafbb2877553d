import {D, type Dec, dec, roundAmount, sum, toQboAmount, toQboUnit} from '../../domain/money.js'
import type {ShopifyLineItem, ShopifyOrder, ShopifyTaxLine} from '../../domain/shopify-order.js'
import type {OrderCurrency} from './currency.js'
import type {PostingRefs} from './refs.js'

/** A sales line before it becomes QBO JSON: amount on the order's tax basis, its tax, its code. */
export interface Line {
  kind: 'item' | 'discount'
  itemId?: string
  amount: Dec
  tax: Dec
  taxCode: string
  description: string
  qty?: number
  unitPrice?: Dec
}

export interface LineContext {
  order: ShopifyOrder
  refs: PostingRefs
  cur: OrderCurrency
  /** Missing references, phrased for the user; the order is held back when there are any. */
  problems: string[]
}

/** `part` of `whole` units of an amount given for the whole: rounded once. */
export function share(amount: Dec, part: number, whole: number): Dec {
  if (whole === 0 || part === whole) return amount
  return roundAmount(amount.times(part).div(whole))
}

export function percentOf(taxLines: readonly ShopifyTaxLine[]): string {
  return sum(taxLines.map((t) => (t.rate ? dec(t.rate) : new D(0))))
    .times(100)
    .toDecimalPlaces(4)
    .toString()
}

/** The QBO tax code of a line: untaxed for gift cards, exempt orders and lines without tax. */
export function taxCodeOf(ctx: LineContext, taxLines: readonly ShopifyTaxLine[], untaxed: boolean): string {
  const percent = untaxed || taxLines.length === 0 ? '0' : percentOf(taxLines)
  if (percent === '0') {
    if (ctx.refs.untaxedCode) return ctx.refs.untaxedCode
    ctx.problems.push('QBO has no tax code for untaxed sales (settings: tax.untaxed)')
    return ''
  }
  const code = ctx.refs.taxCode(percent)
  if (code) return code
  ctx.problems.push(`QBO has no sales tax code at ${percent}% (settings: tax.codes, e.g. "${percent}": GST)`)
  return ''
}

export function lineIsUntaxed(order: ShopifyOrder, line: ShopifyLineItem): boolean {
  return line.isGiftCard || !line.taxable || order.taxExempt
}

/** The item a line item sells: the gift card item, its SKU's item, or the item for lines without a SKU. */
export function itemOfLine(ctx: LineContext, line: ShopifyLineItem): string {
  const id = line.isGiftCard
    ? ctx.refs.item('giftCard')
    : line.sku
      ? ctx.refs.itemForSku(line.sku)
      : ctx.refs.item('noSku')
  if (id) return id
  ctx.problems.push(
    line.isGiftCard
      ? 'QBO has no gift card item (settings: items.giftCard)'
      : line.sku
        ? `QBO has no item with SKU ${line.sku} (settings: items.createMissing)`
        : 'QBO has no item for lines without a SKU (settings: items.noSku)',
  )
  return ''
}

export function role(ctx: LineContext, r: Parameters<PostingRefs['item']>[0], setting: string): string {
  const id = ctx.refs.item(r)
  if (id) return id
  ctx.problems.push(`QBO has no item "${setting}" (settings: items.${r})`)
  return ''
}

/** QBO JSON of a line; quantities and unit prices only where they multiply out to the amount exactly. */
export function toQbo(line: Line, discountAccount: string | undefined): Record<string, unknown> {
  if (line.kind === 'discount') {
    return {
      DetailType: 'DiscountLineDetail',
      Amount: toQboAmount(line.amount),
      Description: line.description,
      DiscountLineDetail: {
        PercentBased: false,
        ...(discountAccount ? {DiscountAccountRef: {value: discountAccount}} : {}),
        TaxCodeRef: {value: line.taxCode},
      },
    }
  }
  const exact =
    line.qty !== undefined &&
    line.unitPrice !== undefined &&
    roundAmount(line.unitPrice.times(line.qty)).eq(roundAmount(line.amount))
  return {
    DetailType: 'SalesItemLineDetail',
    Amount: toQboAmount(line.amount),
    Description: line.description.slice(0, 4000),
    SalesItemLineDetail: {
      ItemRef: {value: line.itemId},
      TaxCodeRef: {value: line.taxCode},
      ...(exact ? {Qty: line.qty, UnitPrice: toQboUnit(line.unitPrice!)} : {}),
    },
  }
}

/** Sum of what the lines add to a document (discounts subtract). */
export function linesTotal(lines: readonly Line[]): Dec {
  return sum(lines.map((l) => (l.kind === 'discount' ? l.amount.neg() : l.amount)))
}

export function linesTax(lines: readonly Line[]): Dec {
  return sum(lines.map((l) => (l.kind === 'discount' ? l.tax.neg() : l.tax)))
}
