import {D, type Dec, roundAmount, sum, toQboAmount} from '../../../domain/money.js'
import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {type WriteContext, detail, lines, num, resolveRef} from './context.js'
import {type PricedLine, lineAmount, taxMode} from './tax.js'

const BILLABLE = ['Billable', 'NotBillable', 'HasBeenBilled']

/** Line Ids: a positive Id that is unique is kept (QBO updates that line); others get the next free number. */
function numberLines(out: Json[]): void {
  const used = new Set<string>()
  let next = 1
  for (const l of out) {
    const id = typeof l.Id === 'string' || typeof l.Id === 'number' ? String(l.Id) : ''
    if (Number(id) > 0 && !used.has(id)) {
      used.add(id)
      next = Math.max(next, Number(id) + 1)
    } else delete l.Id
  }
  for (const l of out) {
    if (l.Id === undefined) {
      while (used.has(String(next))) next++
      l.Id = String(next)
      used.add(String(next++))
    }
  }
  out.forEach((l, i) => (l.LineNum = i + 1))
}

/**
 * Sales form lines (Invoice, CreditMemo, SalesReceipt): item lines with the 6070 check, percent or amount
 * discounts, description-only lines; QBO's read-only SubTotalLine is dropped on input and added on output.
 */
export function salesLines(
  ctx: WriteContext,
  body: Json,
): {priced: PricedLine[]; all: Json[]; addSubtotal: () => void} {
  const gross = taxMode(body) === 'TaxInclusive'
  const all = lines(body).filter((l) => l.DetailType !== 'SubTotalLineDetail')
  if (all.length === 0) throw faults.required('Line')
  if (all.length > 750) throw faults.business('A transaction can have at most 750 lines.')
  const priced: PricedLine[] = []
  const discounts: {line: Json; d: Json}[] = []
  for (const line of all) {
    switch (line.DetailType) {
      case 'SalesItemLineDetail': {
        const d = detail(line, 'SalesItemLineDetail')
        if (d.ItemRef === undefined) {
          const services = ctx.store.list('Item').find((i) => i.Name === 'Services')
          if (services) d.ItemRef = {value: services.Id}
        }
        resolveRef(ctx, d, 'ItemRef', ['Item'], true)
        resolveRef(ctx, d, 'ClassRef', ['Class'])
        const amount = lineAmount(line, d, gross)
        line.Amount = toQboAmount(amount)
        line.SalesItemLineDetail = d
        priced.push({line, detail: d, amount})
        break
      }
      case 'DiscountLineDetail':
        discounts.push({line, d: detail(line, 'DiscountLineDetail')})
        break
      case 'DescriptionOnly':
        delete line.Amount
        line.DescriptionLineDetail = line.DescriptionLineDetail ?? {}
        break
      case undefined:
        throw faults.required('Line.DetailType')
      default:
        throw faults.invalidEnum('Line.DetailType', String(line.DetailType))
    }
  }
  const itemTotal = sum(priced.map((p) => p.amount))
  for (const {line, d} of discounts) {
    let amount: Dec
    if (d.PercentBased === true) {
      const pct = num(d, 'DiscountPercent')
      if (pct === undefined) throw faults.required('DiscountPercent')
      amount = roundAmount(itemTotal.times(pct).div(100))
    } else {
      const a = num(line, 'Amount')
      if (a === undefined) throw faults.required('Amount')
      amount = roundAmount(a)
    }
    if (d.DiscountAccountRef === undefined) {
      const acct = ctx.store.list('Account').find((a) => a.AccountSubType === 'DiscountsRefundsGiven')
      if (acct) d.DiscountAccountRef = {value: acct.Id}
    }
    resolveRef(ctx, d, 'DiscountAccountRef', ['Account'])
    if (d.TaxCodeRef === undefined && priced[0]) d.TaxCodeRef = priced[0].detail.TaxCodeRef
    line.Amount = toQboAmount(amount)
    line.DiscountLineDetail = d
    priced.push({line, detail: d, amount, negative: true})
  }
  const addSubtotal = () => {
    numberLines(all)
    const subtotal = sum(priced.filter((p) => !p.negative).map((p) => new D(Number(p.line.Amount))))
    all.push({Amount: toQboAmount(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {}})
  }
  return {priced, all, addSubtotal}
}

/** Expense lines (Bill, VendorCredit, Purchase, PurchaseOrder): account-based or item-based. */
export function expenseLines(ctx: WriteContext, body: Json): {priced: PricedLine[]; all: Json[]} {
  const gross = taxMode(body) === 'TaxInclusive'
  const all = lines(body)
  if (all.length === 0) throw faults.required('Line')
  const priced: PricedLine[] = []
  for (const line of all) {
    const type = line.DetailType
    if (type !== 'AccountBasedExpenseLineDetail' && type !== 'ItemBasedExpenseLineDetail')
      throw type === undefined
        ? faults.required('Line.DetailType')
        : faults.invalidEnum('Line.DetailType', String(type))
    const d = detail(line, type)
    if (type === 'AccountBasedExpenseLineDetail') resolveRef(ctx, d, 'AccountRef', ['Account'], true)
    else resolveRef(ctx, d, 'ItemRef', ['Item'], true)
    resolveRef(ctx, d, 'CustomerRef', ['Customer'])
    resolveRef(ctx, d, 'ClassRef', ['Class'])
    if (d.BillableStatus !== undefined && !BILLABLE.includes(String(d.BillableStatus)))
      throw faults.invalidEnum('BillableStatus', String(d.BillableStatus))
    const amount =
      type === 'ItemBasedExpenseLineDetail' ? lineAmount(line, d, gross) : lineAmount(line, {}, gross)
    line.Amount = toQboAmount(amount)
    line[type] = d
    priced.push({line, detail: d, amount})
  }
  numberLines(all)
  return {priced, all}
}

export {numberLines}
