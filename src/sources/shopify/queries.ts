/**
 * The Admin GraphQL the sync sends (API version pinned in config.ts). Shopify prices a query before it runs
 * it (an object 1 point, a connection 2 plus its page times one node) and refuses one over its single-query
 * limit, so the read is split: a cheap page of changed order ids; each order's detail; each refund's
 * detail (refunds do not change once made, so a refund already staged is not read again). Money comes as
 * MoneyBags (shop and customer currency), since which one is posted depends on the QBO company.
 */
const BAG = `fragment Bag on MoneyBag { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }`

const TAX = `title rate priceSet { ...Bag }`

const LINE_ITEM = `
fragment Line on LineItem {
  id sku title quantity currentQuantity taxable isGiftCard
  originalUnitPriceSet { ...Bag }
  discountAllocations {
    allocatedAmountSet { ...Bag }
    discountApplication {
      allocationMethod targetType
      ... on DiscountCodeApplication { code }
      ... on ManualDiscountApplication { title }
      ... on AutomaticDiscountApplication { title }
      ... on ScriptDiscountApplication { title }
    }
  }
  taxLines(first: 3) { ${TAX} }
}`

/** Page sizes: orders per page of changes, line items per page inside an order. */
export const ORDER_PAGE = 50
export const LINE_PAGE = 20
/** What one order may hold before the read refuses it as too large to read whole (named in the error). */
export const TRANSACTIONS_MAX = 30
export const REFUNDS_MAX = 30
export const REFUND_LINES_MAX = 50

/** Ids of orders changed since a time, oldest change first. */
export const CHANGED_ORDERS = `
query ChangedOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id updatedAt }
  }
}`

/** One order: header, totals, the first page of line items, shipping, transactions, and its refunds' ids. */
export const ORDER = `
query Order($id: ID!) {
  order(id: $id) {
    id legacyResourceId name createdAt processedAt updatedAt cancelledAt test
    currencyCode presentmentCurrencyCode taxesIncluded taxExempt edited
    totalPriceSet { ...Bag }
    currentTotalPriceSet { ...Bag }
    currentTotalTaxSet { ...Bag }
    totalReceivedSet { ...Bag }
    totalRefundedSet { ...Bag }
    totalOutstandingSet { ...Bag }
    totalTipReceivedSet { ...Bag }
    currentTotalDutiesSet { ...Bag }
    currentTotalAdditionalFeesSet { ...Bag }
    lineItems(first: ${LINE_PAGE}) { pageInfo { hasNextPage endCursor } nodes { ...Line } }
    shippingLines(first: 3, includeRemovals: true) {
      pageInfo { hasNextPage }
      nodes { id title isRemoved discountedPriceSet { ...Bag } taxLines { ${TAX} } }
    }
    transactions(first: ${TRANSACTIONS_MAX}) {
      id kind status gateway processedAt createdAt test settlementCurrency settlementCurrencyRate
      amountSet { ...Bag }
      parentTransaction { id }
    }
    refunds(first: ${REFUNDS_MAX}) { id legacyResourceId }
  }
}
${LINE_ITEM}
${BAG}`

/** The rest of an order's line items, past the first page. */
export const LINE_ITEMS = `
query OrderLines($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: ${LINE_PAGE * 2}, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...Line } }
  }
}
${LINE_ITEM}
${BAG}`

/** One refund in full. */
export const REFUND = `
query Refund($id: ID!) {
  refund(id: $id) {
    id legacyResourceId createdAt processedAt note
    totalRefundedSet { ...Bag }
    refundLineItems(first: ${REFUND_LINES_MAX}) {
      pageInfo { hasNextPage }
      nodes { quantity restockType restocked lineItem { id } subtotalSet { ...Bag } totalTaxSet { ...Bag } }
    }
    refundShippingLines(first: 3) { nodes { subtotalAmountSet { ...Bag } taxAmountSet { ...Bag } } }
    orderAdjustments(first: 5) { nodes { reason amountSet { ...Bag } taxAmountSet { ...Bag } } }
    transactions(first: 10) { pageInfo { hasNextPage } nodes { id } }
  }
}
${BAG}`

/** The shop's own settings: its currency, and its time zone for the day an order belongs to. */
export const SHOP = `query Shop { shop { name myshopifyDomain currencyCode ianaTimezone } }`
