import {D, type Dec, roundAmount} from '../../../../domain/money.js'
import type {SystemRole} from '../chart.js'
import {currencyOf, type LedgerContext, rateOf} from '../context.js'
import {type Draft, finish, txnDateOf, txnRefOf} from '../draft.js'
import {type Json, amount, has, list, refId, str} from '../read.js'
import {type TaxSide, taxPercent, txnTaxLines} from '../tax.js'
import type {EntityRef, Posting} from '../types.js'

/**
 * Invoices, credit memos, sales receipts, bills, vendor credits and purchases share one shape: a control
 * line (AR, AP, bank or card) for TotalAmt against item/account lines and the tax of TxnTaxDetail.
 * Sales documents credit income and tax; purchase documents debit expense (or inventory) and tax.
 */
interface DocumentSpec {
  type: string
  side: TaxSide
  /** true for the documents that reverse their side: credit memo, vendor credit, card refund. */
  reversed: boolean
  controlAccountId: string
  entity?: EntityRef
}

interface NetLine {
  accountId: string
  amount: Dec
}

/** Lines with an account and an amount; group lines are expanded into their components. */
function flatLines(lines: Json[]): Json[] {
  return lines.flatMap((line) =>
    str(line, 'DetailType') === 'GroupLineDetail' ? flatLines(list(line, 'GroupLineDetail', 'Line')) : [line],
  )
}

function itemAccount(ctx: LedgerContext, itemId: string | undefined, side: TaxSide): string {
  const item = itemId === undefined ? undefined : ctx.items.get(itemId)
  if (side === 'Sales') return refId(item, 'IncomeAccountRef') ?? ctx.chart.system('Sales')
  // Buying an inventory item raises the inventory asset; anything else is an expense (or COGS).
  if (str(item, 'Type') === 'Inventory')
    return refId(item, 'AssetAccountRef') ?? ctx.chart.system('Inventory')
  return refId(item, 'ExpenseAccountRef') ?? ctx.chart.system('Expense')
}

/** Line amounts in transaction currency, positive on the document's natural side (income for sales). */
interface LineValue extends NetLine {
  taxCode?: string
  /** QBO's stored form of a tax-inclusive line: Amount is net and TaxInclusiveAmt the gross. */
  netGiven: boolean
}

function lineValues(ctx: LedgerContext, txn: Json, side: TaxSide): LineValue[] {
  const out: LineValue[] = []
  for (const line of flatLines(list(txn, 'Line'))) {
    const detailType = str(line, 'DetailType')
    const value = amount(line, 'Amount')
    const netGiven = has(line, 'TaxInclusiveAmt')
    if (detailType === 'SalesItemLineDetail' && side === 'Sales') {
      const detail = line.SalesItemLineDetail
      // QBO treats a sales line without ItemRef as a description: its Amount is not part of the total.
      if (refId(detail, 'ItemRef') === undefined) continue
      out.push({
        accountId: itemAccount(ctx, refId(detail, 'ItemRef'), side),
        amount: value,
        taxCode: refId(detail, 'TaxCodeRef'),
        netGiven,
      })
    } else if (detailType === 'DiscountLineDetail' && side === 'Sales') {
      const detail = line.DiscountLineDetail
      out.push({
        accountId: refId(detail, 'DiscountAccountRef') ?? ctx.chart.system('Discounts'),
        amount: value.negated(),
        taxCode: refId(detail, 'TaxCodeRef'),
        netGiven,
      })
    } else if (detailType === 'ItemBasedExpenseLineDetail' && side === 'Purchase') {
      const detail = line.ItemBasedExpenseLineDetail
      out.push({
        accountId: itemAccount(ctx, refId(detail, 'ItemRef'), side),
        amount: value,
        taxCode: refId(detail, 'TaxCodeRef'),
        netGiven,
      })
    } else if (detailType === 'AccountBasedExpenseLineDetail' && side === 'Purchase') {
      const detail = line.AccountBasedExpenseLineDetail
      out.push({
        accountId: refId(detail, 'AccountRef') ?? ctx.chart.system('Expense'),
        amount: value,
        taxCode: refId(detail, 'TaxCodeRef'),
        netGiven,
      })
    }
  }
  return out
}

/**
 * Net (tax-exclusive) line amounts that add up exactly to TotalAmt minus the tax. Under TaxInclusive a line
 * as sent has a gross Amount, so the tax is taken out at the line's code rate; a line as QBO stores it
 * (with TaxInclusiveAmt) already has the net in Amount. Cents left over by rounding go to the largest line.
 */
function netLines(
  ctx: LedgerContext,
  txn: Json,
  side: TaxSide,
  taxTotal: Dec,
  total: Dec | undefined,
): NetLine[] {
  const inclusive = str(txn, 'GlobalTaxCalculation') === 'TaxInclusive'
  const lines = lineValues(ctx, txn, side).map((line) => {
    if (!inclusive || line.netGiven) return {accountId: line.accountId, amount: line.amount}
    const divisor = taxPercent(ctx, line.taxCode, side).div(100).plus(1)
    return {accountId: line.accountId, amount: roundAmount(line.amount.div(divisor))}
  })
  // Without a stored TotalAmt (never the case for what the store returns) the lines stand as they are.
  if (total === undefined) return lines
  const gap = total.minus(taxTotal).minus(lines.reduce((sum, l) => sum.plus(l.amount), new D(0)))
  if (!gap.isZero()) {
    const largest = lines.reduce<NetLine | undefined>(
      (best, l) => (!best || l.amount.abs().gt(best.amount.abs()) ? l : best),
      undefined,
    )
    const fallback: SystemRole = side === 'Sales' ? 'Sales' : 'Expense'
    if (largest) largest.amount = largest.amount.plus(gap)
    else lines.push({accountId: ctx.chart.system(fallback), amount: gap})
  }
  return lines
}

/** Inventory sold leaves the asset for COGS at the item's PurchaseCost × Qty (no FIFO layers; see docs). */
function inventoryCost(ctx: LedgerContext, txn: Json, reversed: boolean): Draft[] {
  const drafts: Draft[] = []
  for (const line of flatLines(list(txn, 'Line'))) {
    if (str(line, 'DetailType') !== 'SalesItemLineDetail' || amount(line, 'Amount').isZero()) continue
    const detail = line.SalesItemLineDetail
    const item = ctx.items.get(refId(detail, 'ItemRef') ?? '')
    if (str(item, 'Type') !== 'Inventory') continue
    const qty = has(detail, 'Qty') ? amount(detail, 'Qty') : new D(1)
    const cost = roundAmount(amount(item, 'PurchaseCost').times(qty))
    if (cost.isZero()) continue
    const signed = reversed ? cost.negated() : cost
    drafts.push({
      accountId: refId(item, 'ExpenseAccountRef') ?? ctx.chart.system('COGS'),
      amount: signed,
      home: true,
    })
    drafts.push({
      accountId: refId(item, 'AssetAccountRef') ?? ctx.chart.system('Inventory'),
      amount: signed.negated(),
      home: true,
    })
  }
  return drafts
}

export function documentPostings(ctx: LedgerContext, txn: Json, spec: DocumentSpec): Posting[] {
  const taxLines = txnTaxLines(ctx, txn)
  const taxTotal = taxLines.reduce((sum, l) => sum.plus(l.amount), new D(0))
  const total = txn.TotalAmt === undefined ? undefined : amount(txn, 'TotalAmt')
  const lines = netLines(ctx, txn, spec.side, taxTotal, total)
  const computedTotal = total ?? lines.reduce((sum, l) => sum.plus(l.amount), taxTotal)
  // Sales: lines and tax are credits; purchases: debits. A reversing document flips every sign.
  const lineSign = (spec.side === 'Sales' ? -1 : 1) * (spec.reversed ? -1 : 1)
  const drafts: Draft[] = [
    ...lines.map((l) => ({accountId: l.accountId, amount: l.amount.times(lineSign), plug: true})),
    ...taxLines.map((t) => ({accountId: t.accountId, amount: t.amount.times(lineSign)})),
    {accountId: spec.controlAccountId, amount: computedTotal.times(-lineSign), entity: spec.entity},
  ]
  if (spec.side === 'Sales') drafts.push(...inventoryCost(ctx, txn, spec.reversed))
  return finish(ctx, txnDateOf(txn), txnRefOf(spec.type, txn), drafts, rateOf(ctx, txn), {kind: 'plug'})
}

function entity(type: string, id: string | undefined): EntityRef | undefined {
  return id === undefined ? undefined : {type, id}
}

export function invoicePostings(
  ctx: LedgerContext,
  txn: Json,
  type = 'Invoice',
  reversed = false,
): Posting[] {
  const customer = entity('Customer', refId(txn, 'CustomerRef'))
  return documentPostings(ctx, txn, {
    type,
    side: 'Sales',
    reversed,
    controlAccountId: refId(txn, 'ARAccountRef') ?? ctx.chart.system('AR', currencyOf(ctx, txn)),
    entity: customer,
  })
}

export function creditMemoPostings(ctx: LedgerContext, txn: Json): Posting[] {
  return invoicePostings(ctx, txn, 'CreditMemo', true)
}

export function salesReceiptPostings(ctx: LedgerContext, txn: Json): Posting[] {
  return documentPostings(ctx, txn, {
    type: 'SalesReceipt',
    side: 'Sales',
    reversed: false,
    controlAccountId: refId(txn, 'DepositToAccountRef') ?? ctx.chart.system('UndepositedFunds'),
    entity: entity('Customer', refId(txn, 'CustomerRef')),
  })
}

/** Money paid back: the sales receipt reversed (income and tax debited, the paying account credited). */
export function refundReceiptPostings(ctx: LedgerContext, txn: Json): Posting[] {
  return documentPostings(ctx, txn, {
    type: 'RefundReceipt',
    side: 'Sales',
    reversed: true,
    controlAccountId: refId(txn, 'DepositToAccountRef') ?? ctx.chart.system('UndepositedFunds'),
    entity: entity('Customer', refId(txn, 'CustomerRef')),
  })
}

export function billPostings(ctx: LedgerContext, txn: Json, type = 'Bill', reversed = false): Posting[] {
  return documentPostings(ctx, txn, {
    type,
    side: 'Purchase',
    reversed,
    controlAccountId: refId(txn, 'APAccountRef') ?? ctx.chart.system('AP', currencyOf(ctx, txn)),
    entity: entity('Vendor', refId(txn, 'VendorRef')),
  })
}

export function vendorCreditPostings(ctx: LedgerContext, txn: Json): Posting[] {
  return billPostings(ctx, txn, 'VendorCredit', true)
}

/** Spend money: the bank or card account pays for the lines at once; `Credit: true` is a card refund. */
export function purchasePostings(ctx: LedgerContext, txn: Json): Posting[] {
  const entityType = str(txn, 'EntityRef', 'type') ?? 'Vendor'
  return documentPostings(ctx, txn, {
    type: 'Purchase',
    side: 'Purchase',
    reversed: txn.Credit === true,
    controlAccountId: refId(txn, 'AccountRef') ?? ctx.chart.system('Suspense'),
    entity: entity(entityType, refId(txn, 'EntityRef')),
  })
}
