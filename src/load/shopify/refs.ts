import type {PostingRefs} from '../../mappers/shopify/refs.js'
import {type ShopifySettings, channelOf, paymentMethodName} from '../../mappers/shopify/settings.js'
import {type ShopifyTarget, findByName} from './target.js'

/** The QBO customer a store's sales in one currency go to: one customer per currency, as QBO fixes a customer's. */
export function customerName(label: string, currency: string): string {
  return `${label} (${currency})`
}

/** The QBO item name made for a SKU (QBO item names take no colon and at most 100 characters). */
export function itemNameForSku(sku: string): string {
  return sku.replace(/:/g, '-').slice(0, 100)
}

/** The posting model's view of the company, for one store. */
export function postingRefs(
  target: ShopifyTarget,
  settings: ShopifySettings,
  customerLabel: string,
): PostingRefs {
  const account = (name: string | undefined) => findByName(target.accounts, name)?.id
  const giftCards = () => account(settings.accounts.giftCards)
  return {
    homeCurrency: target.homeCurrency,
    multiCurrency: target.multiCurrency,
    customer: (currency) => findByName(target.customers, customerName(customerLabel, currency))?.id,
    itemForSku: (sku) => target.itemsBySku.get(sku) ?? findByName(target.items, itemNameForSku(sku)),
    item: (role) => findByName(target.items, settings.items[role]),
    taxCode: (percent) => {
      const named = settings.tax.codes[percent]
      if (named) return findByName(target.taxCodes, named)
      const matching = [...target.salesPercent].filter(([, p]) => p === percent).map(([id]) => id)
      return matching.length === 1 ? matching[0] : undefined
    },
    untaxedCode: findByName(target.taxCodes, settings.tax.untaxed),
    paymentMethod: (gateway) => findByName(target.paymentMethods, paymentMethodName(settings, gateway)),
    depositAccount: (gateway) =>
      channelOf(settings, gateway) === 'gift-card'
        ? giftCards()
        : account(settings.gateways[gateway]?.account ?? settings.accounts.deposit),
    refundAccount: (gateway) =>
      channelOf(settings, gateway) === 'gift-card'
        ? giftCards()
        : account(settings.gateways[gateway]?.account ?? settings.accounts.refunds),
    discountAccount: settings.accounts.discounts
      ? account(settings.accounts.discounts)
      : [...target.accounts.values()].find((a) => a.subType === 'DiscountsRefundsGiven')?.id,
  }
}
