import {D, type Dec} from '../../../domain/money.js'
import {isLiability} from './chart.js'
import type {LedgerContext} from './context.js'
import {type Json, amount, list, refId, str} from './read.js'

export type TaxSide = 'Sales' | 'Purchase'

/**
 * The account a tax rate's tax posts to. QBO keeps one liability per tax agency; the emulator looks for a
 * liability account whose name starts with the agency's name (e.g. "ATO Payable"), and otherwise uses the
 * company's GST account (subtype GlobalTaxPayable, or a liability named "GST …" / "… Tax Payable").
 */
export function taxAccountForRate(ctx: LedgerContext, rateId: string | undefined): string {
  const key = rateId ?? ''
  const cached = ctx.taxAccounts.get(key)
  if (cached !== undefined) return cached
  const found = findTaxAccount(ctx, rateId)
  ctx.taxAccounts.set(key, found)
  return found
}

function findTaxAccount(ctx: LedgerContext, rateId: string | undefined): string {
  const agencyId = rateId === undefined ? undefined : refId(ctx.taxRates.get(rateId), 'AgencyRef')
  const agencyName = agencyId === undefined ? undefined : str(ctx.agencies.get(agencyId), 'DisplayName')
  if (agencyName) {
    const prefix = agencyName.toLowerCase()
    const match = ctx.chart
      .all()
      .find((a) => !a.synthetic && isLiability(a.type) && a.name.toLowerCase().startsWith(prefix))
    if (match) return match.id
  }
  return ctx.chart.system('Tax')
}

function rateList(code: Json | undefined, side: TaxSide): Json[] {
  return list(code, side === 'Sales' ? 'SalesTaxRateList' : 'PurchaseTaxRateList', 'TaxRateDetail')
}

/** Sum of the percentages a tax code charges on one side (10 for AU GST). */
export function taxPercent(ctx: LedgerContext, taxCodeId: string | undefined, side: TaxSide): Dec {
  if (taxCodeId === undefined) return new D(0)
  let total = new D(0)
  for (const detail of rateList(ctx.taxCodes.get(taxCodeId), side)) {
    total = total.plus(amount(ctx.taxRates.get(refId(detail, 'TaxRateRef') ?? ''), 'RateValue'))
  }
  return total
}

/** The account a line's tax code posts to: the agency account of its first rate on that side. */
export function taxAccountForCode(ctx: LedgerContext, taxCodeId: string | undefined, side: TaxSide): string {
  const first = taxCodeId === undefined ? undefined : rateList(ctx.taxCodes.get(taxCodeId), side)[0]
  return taxAccountForRate(ctx, refId(first, 'TaxRateRef'))
}

/** The tax lines of TxnTaxDetail, each with the account it posts to (amounts in transaction currency). */
export function txnTaxLines(ctx: LedgerContext, txn: Json): {accountId: string; amount: Dec}[] {
  return list(txn, 'TxnTaxDetail', 'TaxLine')
    .map((line) => ({
      accountId: taxAccountForRate(ctx, refId(line, 'TaxLineDetail', 'TaxRateRef')),
      amount: amount(line, 'Amount'),
    }))
    .filter((line) => !line.amount.isZero())
}
