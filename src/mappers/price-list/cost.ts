import {D, type Dec} from '../../domain/money.js'
import type {PriceProfile, PriceRow} from '../../domain/price-list.js'
import type {DiffWarning, ItemSnapshot} from './types.js'

export type CostResult = {ok: true; cost: Dec; pack: Dec | undefined} | {ok: false; warning: DiffWarning}

/**
 * The cost to write for an item from one row: the list cost, less GST when the list includes it, divided
 * by the pack size when the price is per pack, plus GST again when QBO keeps this item's cost including
 * tax; rounded once, at the end, to the profile's decimals (half up).
 */
export function unitCost(row: PriceRow, profile: PriceProfile, item: ItemSnapshot): CostResult {
  if (row.cost === undefined) {
    return {
      ok: false,
      warning: {code: 'NOT_A_PRICE', message: `“${row.costText}” is not a price the tool can read`},
    }
  }
  const listed = new D(row.cost)
  if (listed.lte(0)) {
    return {
      ok: false,
      warning: {
        code: 'NOT_POSITIVE',
        message: `a cost of ${row.costText} is not written (set it in QBO by hand if it is meant)`,
      },
    }
  }
  const pack =
    row.pack !== undefined ? new D(row.pack) : profile.packSize ? new D(profile.packSize) : undefined
  if (profile.pricePer === 'pack' && pack === undefined) {
    return {
      ok: false,
      warning: {
        code: 'NO_PACK_SIZE',
        message: row.packText
          ? `the price is per pack, but the pack size “${row.packText}” cannot be read`
          : 'the price is per pack, but this row gives no pack size',
      },
    }
  }
  const gst = new D(1).plus(new D(profile.gstRate).div(100))
  let cost = profile.gst === 'inc' ? listed.div(gst) : listed
  if (profile.pricePer === 'pack' && pack) cost = cost.div(pack)
  if (item.purchaseTaxIncluded) cost = cost.times(gst)
  return {ok: true, cost: cost.toDecimalPlaces(profile.decimals, D.ROUND_HALF_UP), pack}
}

/** A cost as shown and stored: at least 2 decimals, more only when they are not zeros ("214.90", "0.5417"). */
export function costText(value: Dec): string {
  const text = value.toFixed()
  const dot = text.indexOf('.')
  const decimals = dot < 0 ? 0 : text.length - dot - 1
  return value.toFixed(Math.max(2, decimals))
}

/** Signed text of a change: "+7.22", "-0.0412". */
export function signedText(value: Dec): string {
  return `${value.gt(0) ? '+' : ''}${costText(value)}`
}

/** (new − old) / old as a percentage with one decimal ("+3.5"), or null when old is zero or absent. */
export function percentText(oldCost: Dec | undefined, newCost: Dec): string | null {
  if (!oldCost || oldCost.isZero()) return null
  const pct = newCost.minus(oldCost).div(oldCost).times(100).toDecimalPlaces(1, D.ROUND_HALF_UP)
  return `${pct.gt(0) ? '+' : ''}${pct.toFixed(1)}`
}
