// The price diff: a supplier's price list against the company's items, pure (docs/prices.md).
export {diffPriceList, codeKey, type PriceDiffInput} from './diff.js'
export {unitCost, costText, percentText} from './cost.js'
export {DEFAULT_THRESHOLD} from './warnings.js'
export * from './types.js'
