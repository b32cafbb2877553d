import {D, type Dec} from '../../domain/money.js'
import {type PriceListRead, type PriceProfile, saysExGst, saysIncGst} from '../../domain/price-list.js'
import {costText} from './cost.js'
import type {DiffWarning, ItemSnapshot} from './types.js'

/** A change this large (as a fraction of the current cost) makes a person look twice, by default 30%. */
export const DEFAULT_THRESHOLD = '0.3'

/** Pack sizes common enough that a cost moving by about that factor suggests a unit-of-measure mix-up. */
const COMMON_PACKS = [6, 10, 12, 20, 24, 25, 36, 48, 50, 100, 144, 500, 1000]

/** Warnings about the whole file: costs read with the wrong GST basis, a supplier QBO does not know. */
export function fileWarnings(
  read: Pick<PriceListRead, 'columns'>,
  profile: PriceProfile,
  vendorFound: boolean,
): DiffWarning[] {
  const out: DiffWarning[] = []
  const header = read.columns.cost
  if (profile.gst === 'ex' && saysIncGst(header)) {
    out.push({
      code: 'INC_GST_ON_EX_PROFILE',
      message: `The cost column “${header}” says it includes GST, but the profile reads costs as ex-GST: every new cost would be ${profile.gstRate}% too high. Set the profile to inc-GST or pick the ex-GST column.`,
    })
  }
  if (profile.gst === 'inc' && saysExGst(header)) {
    out.push({
      code: 'EX_GST_ON_INC_PROFILE',
      message: `The cost column “${header}” says it excludes GST, but the profile takes GST out of it: every new cost would be too low. Set the profile to ex-GST.`,
    })
  }
  if (!vendorFound) {
    out.push({
      code: 'NO_VENDOR',
      message: `QBO has no vendor named “${profile.supplier}”: items are matched by SKU and the code table only, and no item counts as this supplier's by its preferred vendor.`,
    })
  }
  return out
}

/** Warnings on a change that can be written: too big a step, a likely pack/unit mix-up, odd items. */
export function changeWarnings(
  item: ItemSnapshot,
  oldCost: Dec | undefined,
  newCost: Dec,
  pack: Dec | undefined,
  threshold: Dec,
): DiffWarning[] {
  const out: DiffWarning[] = []
  if (!oldCost || oldCost.isZero()) {
    out.push({code: 'NO_CURRENT_COST', message: 'QBO has no cost for this item yet'})
  } else {
    const step = newCost.minus(oldCost).abs().div(oldCost)
    if (step.gt(threshold)) {
      out.push({
        code: 'BIG_CHANGE',
        message: `the cost changes by ${step.times(100).toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0)}% (more than ${threshold.times(100).toFixed()}%)`,
      })
    }
    const uom = unitOfMeasure(oldCost, newCost, pack)
    if (uom) out.push(uom)
  }
  if (!item.active) out.push({code: 'INACTIVE_ITEM', message: 'the item is inactive in QBO'})
  if (item.purchaseTaxIncluded) {
    out.push({
      code: 'GST_INCLUSIVE_ITEM',
      message: 'QBO keeps this item’s cost including GST, so the new cost includes GST too',
    })
  }
  return out
}

/**
 * A cost that moved by about the pack size (or a common pack size when the row gives none), up or down,
 * is most likely a pack price read as a unit price or the reverse.
 */
function unitOfMeasure(oldCost: Dec, newCost: Dec, pack: Dec | undefined): DiffWarning | undefined {
  if (oldCost.lte(0) || newCost.lte(0)) return undefined
  const up = newCost.gt(oldCost)
  const factor = up ? newCost.div(oldCost) : oldCost.div(newCost)
  const near = (size: Dec, tolerance: string) => factor.minus(size).abs().div(size).lte(tolerance)
  let size: Dec | undefined
  if (pack && pack.gt(1)) size = near(pack, '0.1') ? pack : undefined
  else size = COMMON_PACKS.map((n) => new D(n)).find((n) => near(n, '0.05'))
  if (!size) return undefined
  const times = factor.toDecimalPlaces(1, D.ROUND_HALF_UP).toFixed()
  return {
    code: 'UNIT_OF_MEASURE',
    message:
      `the new cost is ${times} times ${up ? 'the current one' : 'lower than the current one'}, about ` +
      (pack && pack.gt(1)
        ? `the pack size (${costTextPlain(pack)})`
        : `a common pack size (${size.toFixed()})`) +
      `: is one of them ${up ? 'a pack price' : 'a unit price'} where the other is ${up ? 'per unit' : 'per pack'}?`,
  }
}

function costTextPlain(value: Dec): string {
  return value.isInteger() ? value.toFixed(0) : costText(value)
}
