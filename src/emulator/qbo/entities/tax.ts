import {D, type Dec, roundAmount, sum, toQboAmount} from '../../../domain/money.js'
import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {type WriteContext, detail, isObject, num, resolveRef} from './context.js'

export type TaxSide = 'sales' | 'purchase'
export type TaxMode = 'TaxExcluded' | 'TaxInclusive' | 'NotApplicable'

/** A priced line after its amount is known: the detail object holds TaxCodeRef. */
export interface PricedLine {
  line: Json
  detail: Json
  /** The amount as sent: net under TaxExcluded/NotApplicable, gross under TaxInclusive. */
  amount: Dec
  /** Lines that reduce the total (discounts). */
  negative?: boolean
}

interface RateBucket {
  rateRef: Json
  percent: Dec
  net: Dec
  tax: Dec
  gross: Dec
}

export function taxMode(body: Json): TaxMode {
  const v = body.GlobalTaxCalculation ?? 'TaxExcluded'
  if (v !== 'TaxExcluded' && v !== 'TaxInclusive' && v !== 'NotApplicable')
    throw faults.invalidEnum('GlobalTaxCalculation', String(v))
  return v
}

/**
 * QBO's AU tax arithmetic. TaxExcluded: tax per rate on the summed net of its lines, rounded once (as the
 * QBO form shows it). TaxInclusive: each line's gross (TaxInclusiveAmt if sent, on the line or in its detail,
 * else Amount) is split into
 * net and tax per line, the line's Amount becomes the net, TaxInclusiveAmt the gross. NotApplicable: no tax,
 * and a TxnTaxDetail with tax in it is refused (6170). Returns TotalAmt and TxnTaxDetail.
 */
export function applyTax(
  ctx: WriteContext,
  body: Json,
  priced: PricedLine[],
  side: TaxSide,
): {total: Dec; net: Dec; taxDetail: Json} {
  const mode = taxMode(body)
  body.GlobalTaxCalculation = mode
  const signed = (p: PricedLine, v: Dec) => (p.negative ? v.neg() : v)
  if (mode === 'NotApplicable') {
    const sent = body.TxnTaxDetail
    if (
      isObject(sent) &&
      ((Array.isArray(sent.TaxLine) && sent.TaxLine.length > 0) || Number(sent.TotalTax ?? 0) !== 0)
    )
      throw faults.taxDetailNotApplicable()
    for (const p of priced) delete p.line.TaxInclusiveAmt
    const net = sum(priced.map((p) => signed(p, p.amount)))
    return {total: net, net, taxDetail: {TotalTax: 0}}
  }
  const buckets = new Map<string, RateBucket>()
  for (const p of priced) {
    const code = resolveRef(ctx, p.detail, 'TaxCodeRef', ['TaxCode'])
    if (!code) throw faults.business('Make sure all your transactions have a GST rate before you save.')
    p.line[String(p.line.DetailType)] = p.detail
    const list = code[side === 'sales' ? 'SalesTaxRateList' : 'PurchaseTaxRateList']
    const details = isObject(list) && Array.isArray(list.TaxRateDetail) ? (list.TaxRateDetail as Json[]) : []
    if (details.length === 0)
      throw faults.business(
        `The tax code ${String(code.Name)} can't be used on ${side === 'sales' ? 'sales' : 'purchases'}.`,
      )
    const percent = details.reduce((acc, d) => {
      const rate = ctx.store.get('TaxRate', String((d.TaxRateRef as Json).value))
      return acc.plus(new D(Number(rate?.RateValue ?? 0)))
    }, new D(0))
    const rateRef = details[0]!.TaxRateRef as Json
    const key = String(rateRef.value)
    const b = buckets.get(key) ?? {rateRef, percent, net: new D(0), tax: new D(0), gross: new D(0)}
    if (mode === 'TaxInclusive') {
      // QBO documents TaxInclusiveAmt inside the line detail (SalesItemLineDetail, AccountBasedExpenseLineDetail …);
      // a line-level one is accepted too. Either way Amount then carries the net.
      const gross = signed(p, num(p.line, 'TaxInclusiveAmt') ?? num(p.detail, 'TaxInclusiveAmt') ?? p.amount)
      const tax = roundAmount(gross.times(percent).div(percent.plus(100)))
      const net = gross.minus(tax)
      p.line.Amount = toQboAmount(net.abs())
      p.line.TaxInclusiveAmt = toQboAmount(gross.abs())
      b.net = b.net.plus(net)
      b.tax = b.tax.plus(tax)
      b.gross = b.gross.plus(gross)
    } else {
      delete p.line.TaxInclusiveAmt
      b.net = b.net.plus(signed(p, p.amount))
    }
    buckets.set(key, b)
  }
  if (mode === 'TaxExcluded')
    for (const b of buckets.values()) b.tax = roundAmount(b.net.times(b.percent).div(100))
  if (mode === 'TaxExcluded') applySentTotalTax(body, [...buckets.values()], priced.length)
  const TaxLine = [...buckets.values()].map((b) => ({
    Amount: toQboAmount(b.tax),
    DetailType: 'TaxLineDetail',
    TaxLineDetail: {
      TaxRateRef: b.rateRef,
      PercentBased: true,
      TaxPercent: b.percent.toNumber(),
      NetAmountTaxable: toQboAmount(b.net),
      ...(mode === 'TaxInclusive' ? {TaxInclusiveAmount: toQboAmount(b.gross)} : {}),
    },
  }))
  const totalTax = sum([...buckets.values()].map((b) => b.tax))
  const net = sum([...buckets.values()].map((b) => b.net))
  return {total: net.plus(totalTax), net, taxDetail: {TotalTax: toQboAmount(totalTax), TaxLine}}
}

/**
 * A TxnTaxDetail.TotalTax sent with the transaction is kept (qbo-api.md §4: QBO keeps a sent TxnTaxDetail,
 * which is why a client must drop it when it changes line amounts). The emulator honours it when it differs
 * from its own arithmetic (TaxExcluded; under TaxInclusive each line is split already) by rounding only (at most a cent per line, as per-line and per-rate rounding differ)
 * and books the difference on the largest taxed rate; a larger difference is ignored and QBO's figure stands.
 * UNCONFIRMED: how real QBO treats a far-off TotalTax.
 */
function applySentTotalTax(body: Json, buckets: RateBucket[], lines: number): void {
  const sent = isObject(body.TxnTaxDetail) ? num(body.TxnTaxDetail, 'TotalTax') : undefined
  if (sent === undefined) return
  const taxed = buckets.filter((b) => !b.percent.isZero())
  if (taxed.length === 0) return
  const delta = roundAmount(sent).minus(sum(buckets.map((b) => b.tax)))
  if (delta.isZero() || delta.abs().greaterThan(new D('0.01').times(Math.max(lines, 1)))) return
  const largest = taxed.reduce((a, b) => (b.net.abs().greaterThan(a.net.abs()) ? b : a))
  largest.tax = largest.tax.plus(delta)
}

/** The common line-amount check: Amount = Qty × UnitPrice at 2 dp (6070), or Amount from them when omitted. */
export function lineAmount(line: Json, d: Json, grossUnder: boolean): Dec {
  const qty = num(d, 'Qty')
  const price = num(d, 'UnitPrice')
  const sent = grossUnder ? (num(line, 'TaxInclusiveAmt') ?? num(line, 'Amount')) : num(line, 'Amount')
  if (qty !== undefined && price !== undefined) {
    const product = roundAmount(qty.times(price))
    if (sent === undefined) return product
    if (!roundAmount(sent).eq(product)) throw faults.amountCalc('Amount')
  }
  if (sent === undefined) throw faults.required('Amount')
  return roundAmount(sent)
}

export {detail}
